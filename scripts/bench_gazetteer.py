"""Benchmark the gazetteer: seed places, variant accuracy (with baselines), speed, memory.

    python scripts/bench_gazetteer.py                 # everything
    python scripts/bench_gazetteer.py --only accuracy # one section: seeds|accuracy|speed
    python scripts/bench_gazetteer.py --failures      # list the variants it gets wrong

Prints figures only; no assertions (tests/test_gazetteer_*.py pin behaviour). The index is
built into a temporary cache dir first, so "build seconds" is a real build.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VARIANTS = REPO / "tests" / "data" / "variants.csv"
SEED_PLACES = Path(os.environ.get("CONTESTED_SHARED_DIR", REPO.parent / "shared")) / "eval" / (
    "seed_places.csv"
)
# A "unit" row of seed_places (governorate, range) must resolve to that kind of thing.
UNIT_KINDS = {"governorate": {"governorate", "province"}, "range": {"range", "mountain"},
              "mountain": {"range", "mountain"}}
SEED_HINTS = {"Bab": {"context": ("Raqqa", "Syria")}}  # seed 004: west of Raqqa, Syria


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def read_variants() -> list[dict[str, str]]:
    with VARIANTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_rows_ok(gazetteer) -> tuple[int, int, list[str]]:
    """(right, total, messages) over seed_places.csv."""
    if not SEED_PLACES.exists():
        return 0, 0, [f"{SEED_PLACES} absent"]
    right, lines = 0, []
    with SEED_PLACES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        hints = SEED_HINTS.get(row["query"], {})
        place = gazetteer.resolve(row["query"], **hints)
        expected_kinds = UNIT_KINDS.get(row["kind"])
        if expected_kinds:
            ok = place.kind in expected_kinds and place.country == row["country_iso2"] and (
                _km(place.lat, place.lon, float(row["lat"]), float(row["lon"])) < 150
            )
            detail = f"{place.kind} {place.name}"
        else:
            distance = _km(place.lat, place.lon, float(row["lat"]), float(row["lon"]))
            ok = distance <= 10 and place.precision == "point"
            detail = f"{place.name} at {distance:.1f} km"
        right += ok
        lines.append(f"  {'ok ' if ok else 'BAD'} {row['query']:18} → {detail}")
    return right, len(rows), lines


def _variant_hints(row: dict[str, str]) -> dict:
    hints: dict = {}
    if row.get("context"):
        hints["context"] = tuple(c for c in row["context"].split(";") if c)
    if row.get("kind"):
        hints["kind"] = row["kind"]
    return hints


def accuracy(gazetteer, rows: list[dict[str, str]]) -> tuple[float, list[str]]:
    from gazetteer.exceptions import UnknownPlace

    right, failures = 0, []
    for row in rows:
        try:
            place = gazetteer.resolve(row["query"], **_variant_hints(row))
            got = place.id
        except UnknownPlace:
            got = "unknown"
        if got == row["expected_id"]:
            right += 1
        else:
            failures.append(f"  {row['query']!r}: got {got}, expected {row['expected_id']}")
    return right / len(rows), failures


class Baselines:
    """The issue's comparison points: naive exact match over GeoNames names, + WRatio."""

    def __init__(self) -> None:
        from gazetteer.index import PLACES_FILE

        self.by_name: dict[str, list[tuple[int, str]]] = {}
        with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as handle:
            for line in handle:
                place = json.loads(line)
                for name in {place["name"], *place["alt_names"]}:
                    entry = (int(place.get("population") or 0), place["id"])
                    self.by_name.setdefault(name.lower(), []).append(entry)
        self.names = list(self.by_name)

    def exact(self, query: str) -> str | None:
        entries = self.by_name.get(query.strip().lower())
        return max(entries)[1] if entries else None

    def wratio(self, query: str) -> str | None:
        from rapidfuzz import fuzz, process, utils

        found = self.exact(query)
        if found:
            return found
        match = process.extractOne(query.lower(), self.names, scorer=fuzz.WRatio,
                                   processor=utils.default_process)
        return max(self.by_name[match[0]])[1] if match else None


def baseline_accuracy(rows: list[dict[str, str]]) -> dict[str, float]:
    baselines = Baselines()
    exact = sum(baselines.exact(r["query"]) == r["expected_id"] for r in rows) / len(rows)
    started = time.perf_counter()
    wratio = sum(baselines.wratio(r["query"]) == r["expected_id"] for r in rows) / len(rows)
    seconds = time.perf_counter() - started
    return {"exact": exact, "wratio": wratio, "wratio_qps": len(rows) / seconds}


def speed(gazetteer, rows: list[dict[str, str]]) -> dict[str, float]:
    from gazetteer.exceptions import UnknownPlace
    from gazetteer.fold import fold
    from gazetteer.resolver import Resolver

    known = [r["query"] for r in rows if gazetteer._resolver.lookup_key(fold(r["query"]))]
    # Warm, cached: the same known names again and again (a long text, many mentions).
    for name in known:
        gazetteer.resolve(name)
    repeats = max(1, 50_000 // len(known))
    started = time.perf_counter()
    for _ in range(repeats):
        for name in known:
            gazetteer.resolve(name)
    cached_rate = repeats * len(known) / (time.perf_counter() - started)
    # Warm key/place caches, no answer cache: every name is ranked afresh.
    resolver = gazetteer._resolver
    started = time.perf_counter()
    for _ in range(3):
        resolver._result_cache.clear()
        for name in known:
            resolver.resolve(name)
    uncached_rate = 3 * len(known) / (time.perf_counter() - started)
    # Cold: a fresh resolver (no caches at all) on the same names.
    fresh = Resolver(gazetteer.path, focus=gazetteer.pack.get("focus") or (),
                     countries=gazetteer.pack.get("countries") or ())
    started = time.perf_counter()
    for name in known:
        fresh.resolve(name)
    cold_rate = len(known) / (time.perf_counter() - started)
    # Fuzzy: misspellings whose exact and skeleton keys are unknown, each new to the resolver.
    misspelt = [
        "Muosl", "Fallujha", "Rmadi", "Kirkku", "Tirkit", "Samrara", "Bagdhad", "Palymra",
        "Manjib", "Qamsihli", "Alpepo", "Latkaia", "Damsacus", "Jarabuuls", "Baqbuah",
        "Khanqain", "Sulaymanyiah", "Erbli", "Duohk", "Zkaho", "Nasriiyah", "Karblaa",
        "Diwnaiyah", "Tadumr", "Mayaidn", "Qaryatyan", "Sukhnha", "Idlbi", "Tartsu",
        "Haditah", "Rutab", "Qayyrah", "Tall Afra", "Sinajr", "Hawjia", "Shirqta",
        "Makhumr", "Tuz Khurmtau", "Abu Gharib", "Deir ez-Zorr Province",
    ]
    misspelt += [
        "Mosull", "Falloojah", "Ramaadi", "Kirkuuk", "Tikreet", "Samarrah", "Baghdaad",
        "Raqqqa", "Deir Ezzzor", "Palmyrra", "Manbijj", "Qamishlee", "Hasakka", "Aleppoo",
        "Lataakia", "Damascuss", "Jarabulis", "Baqouba", "Khanaqen", "Sulaimaniyya",
        "Erbeel", "Dohouk", "Zakhoo", "Nassiriyya", "Kerballa", "Samawwa", "Diwaneyah",
        "Hillla", "Basraa", "Najaff", "Tadmurr", "Mayadeeen", "Shaddadee", "Qaryatein",
        "Sukhneh", "Homss", "Hamma", "Idlibb", "Tartouse", "Daraah",
    ]
    # Plus typos made by rule from the Latin variants: two neighbouring letters swapped.
    rng = random.Random(0)
    for row in rows:
        query = row["query"]
        if query.isascii() and len(query) >= 5:
            cut = rng.randrange(1, len(query) - 2)
            misspelt.append(query[:cut] + query[cut + 1] + query[cut] + query[cut + 2:])
    fuzzy_only = [name for name in dict.fromkeys(misspelt) if not any(
        gazetteer._resolver._key_hits(spelling)
        for spelling, *_ in gazetteer._resolver._variants(name, None))]
    fresh = Resolver(gazetteer.path, focus=gazetteer.pack.get("focus") or (),
                     countries=gazetteer.pack.get("countries") or ())
    fresh.resolve("Mosul")  # first use loads the key pools and imports rapidfuzz: not timed
    fresh._fuzzy_pool("warm")
    timings = []
    for name in fuzzy_only:
        started = time.perf_counter()
        try:
            fresh.resolve(name)
        except UnknownPlace:
            pass
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "fuzzy_queries": len(fuzzy_only),
        "known_names": len(known),
        "cached_per_s": cached_rate,
        "uncached_per_s": uncached_rate,
        "cold_per_s": cold_rate,
        "fuzzy_p50_ms": statistics.median(timings),
        "fuzzy_p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "fuzzy_max_ms": timings[-1],
    }


def cold_start(env: dict[str, str]) -> float:
    """Best of 5: new process, `contested resolve Mosul --json`, index already built."""
    best = math.inf
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "contested", "resolve", "Mosul", "--json"],
                       env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("seeds", "accuracy", "speed"))
    parser.add_argument("--failures", action="store_true", help="list wrong variants")
    args = parser.parse_args()

    cache = tempfile.mkdtemp(prefix="contested-bench-")
    os.environ["CONTESTED_CACHE_DIR"] = cache
    from gazetteer import Gazetteer
    from gazetteer.index import build_index, index_path, read_pack

    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}")
    started = time.perf_counter()
    meta = build_index(index_path(read_pack()))
    build_seconds = time.perf_counter() - started
    print(f"index build: {build_seconds:.2f} s ({meta['places']} places, {meta['names']} keys)")
    gazetteer = Gazetteer()
    rows = read_variants()

    if args.only in (None, "seeds"):
        right, total, lines = seed_rows_ok(gazetteer)
        print(f"seed_places.csv: {right}/{total} right")
        print("\n".join(lines))
    if args.only in (None, "accuracy"):
        share, failures = accuracy(gazetteer, rows)
        print(f"variants.csv: {len(rows)} queries, accuracy {share:.1%}")
        arabic = [r for r in rows if any("\u0600" <= c <= "\u06ff" for c in r["query"])]
        print(f"  of which Arabic script: {len(arabic)}, accuracy "
              f"{accuracy(gazetteer, arabic)[0]:.1%}")
        base = baseline_accuracy(rows)
        print(f"  baseline naive exact match over GeoNames names: {base['exact']:.1%}")
        print(f"  baseline exact + rapidfuzz WRatio fallback: {base['wratio']:.1%} "
              f"({base['wratio_qps']:.0f} queries/s)")
        if args.failures and failures:
            print("\n".join(failures))
    if args.only in (None, "speed"):
        figures = speed(gazetteer, rows)
        print(f"warm resolutions/s, known keys, cached answers: {figures['cached_per_s']:,.0f}")
        print(f"warm resolutions/s, known keys, answer cache cleared (keys/places cached): "
              f"{figures['uncached_per_s']:,.0f}")
        print(f"resolutions/s, known keys, fresh resolver (no caches at all): "
              f"{figures['cold_per_s']:,.0f}")
        print(f"fuzzy queries ({figures['fuzzy_queries']} misspellings with no exact or skeleton "
              f"key, fresh resolver): p50 {figures['fuzzy_p50_ms']:.2f} ms, "
              f"p95 {figures['fuzzy_p95_ms']:.2f} ms, max {figures['fuzzy_max_ms']:.2f} ms")
        print(f"cold start `contested resolve Mosul --json` (index built): "
              f"{cold_start(dict(os.environ)):.3f} s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()

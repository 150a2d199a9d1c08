"""Benchmark the gazetteer: seed places, variant accuracy (with baselines), speed, memory.

    python scripts/bench_gazetteer.py                 # everything
    python scripts/bench_gazetteer.py --only accuracy # one section: seeds|accuracy|speed
    python scripts/bench_gazetteer.py --failures      # list the variants it gets wrong

Prints figures only; no assertions (tests/test_gazetteer_*.py pin behaviour). The index is
built into a temporary cache dir first, so "build seconds" is a real build.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the fixture lists and their scoring, as the tests use

from spelling_lists import (  # noqa: E402
    HELDOUT,
    NEGATIVES,
    SEED_HINTS,
    SEED_PLACES,
    VARIANTS,
    answer,
    false_accepts,
    is_right,
    read_rows,
    seed_place_verdict,
    typo_rows,
)


def read_variants() -> list[dict[str, str]]:
    return read_rows(VARIANTS)


def seed_rows_ok(gazetteer) -> tuple[int, int, list[str]]:
    """(right, total, messages) over seed_places.csv."""
    if not SEED_PLACES.exists():
        return 0, 0, [f"{SEED_PLACES} absent"]
    right, lines = 0, []
    rows = read_rows(SEED_PLACES)
    for row in rows:
        place = gazetteer.resolve(row["query"], **SEED_HINTS.get(row["query"], {}))
        ok, detail = seed_place_verdict(place, row)
        right += ok
        lines.append(f"  {'ok ' if ok else 'BAD'} {row['query']:18} → {detail}")
    return right, len(rows), lines


def accuracy(gazetteer, rows: list[dict[str, str]]) -> tuple[float, list[str]]:
    right, failures = 0, []
    for row in rows:
        got = answer(gazetteer, row, context_separator=";")
        if is_right(row, got):
            right += 1
        else:
            failures.append(f"  {row['query']!r}: got {got}, expected {row['expected_id']}")
    return right / len(rows), failures


class Baselines:
    """The issue's comparison points: naive exact match over GeoNames names, + WRatio."""

    def __init__(self) -> None:
        from contested.gazetteer.index import PLACES_FILE

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


MISSPELT = [
    "Muosl", "Fallujha", "Rmadi", "Kirkku", "Tirkit", "Samrara", "Bagdhad", "Palymra",
    "Manjib", "Qamsihli", "Alpepo", "Latkaia", "Damsacus", "Jarabuuls", "Baqbuah",
    "Khanqain", "Sulaymanyiah", "Erbli", "Duohk", "Zkaho", "Nasriiyah", "Karblaa",
    "Diwnaiyah", "Tadumr", "Mayaidn", "Qaryatyan", "Sukhnha", "Idlbi", "Tartsu",
    "Haditah", "Rutab", "Qayyrah", "Tall Afra", "Sinajr", "Hawjia", "Shirqta",
    "Makhumr", "Tuz Khurmtau", "Abu Gharib", "Deir ez-Zorr Province",
    "Mosull", "Falloojah", "Ramaadi", "Kirkuuk", "Tikreet", "Samarrah", "Baghdaad",
    "Raqqqa", "Deir Ezzzor", "Palmyrra", "Manbijj", "Qamishlee", "Hasakka", "Aleppoo",
    "Lataakia", "Damascuss", "Jarabulis", "Baqouba", "Khanaqen", "Sulaimaniyya",
    "Erbeel", "Dohouk", "Zakhoo", "Nassiriyya", "Kerballa", "Samawwa", "Diwaneyah",
    "Hillla", "Basraa", "Najaff", "Tadmurr", "Mayadeeen", "Shaddadee", "Qaryatein",
    "Sukhneh", "Homss", "Hamma", "Idlibb", "Tartouse", "Daraah",
    "Fallujsh", "Samarrs", "Baghdaf", "Palmyrs", "Sulaymaniyeb", "Kirkuj",
]


def _typos(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(typo, expected id): two neighbouring letters swapped in each Latin variant."""
    return [(row["query"], row["expected_id"]) for row in typo_rows(rows)]


def typo_recall(gazetteer, rows: list[dict[str, str]]) -> tuple[int, int, int]:
    """(right, wrong answer, total) over typos made by rule from the variants."""
    from contested.core.exceptions import UnknownPlace

    right = wrong = 0
    typos = _typos(rows)
    for typo, expected in typos:
        try:
            got = gazetteer.resolve(typo).id
        except UnknownPlace:
            continue
        right += got == expected
        wrong += got != expected
    return right, wrong, len(typos)


# A Latin token of a pack name in the -ah/-eh class ("Tireh", "Tirah", "Hasakeh"): the fold
# gives these the key of every other spelling of the class, so distinct places may tie.
_CLASS_ENDING_RE = re.compile(r"[a-z]{2,}[ae]h")


def spelling_self_resolution(gazetteer) -> tuple[int, int]:
    """(right, total): pack names in the -ah/-eh class that resolve to a place of that name.

    Every distinct ASCII name (lower case) of the pack with a token ending in -ah or -eh is
    resolved with no hints; right when the answer carries that very name (name or alternate
    name, case-insensitive). The folding merges "Tireh" (IR) and "Tirah" (PS): a ranking that
    ignores how the query is written answers one of them for both.
    """
    from contested.core.exceptions import UnknownPlace
    from contested.gazetteer.index import PLACES_FILE

    holders: dict[str, set[str]] = {}
    with gzip.open(PLACES_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            place = json.loads(line)
            for name in {place["name"], *place["alt_names"]}:
                if name.isascii():
                    holders.setdefault(name.strip().lower(), set()).add(place["id"])
    names = sorted(name for name in holders
                   if any(_CLASS_ENDING_RE.fullmatch(t) for t in re.split(r"[^a-z]+", name)))
    right = 0
    for name in names:
        try:
            right += gazetteer.resolve(name).id in holders[name]
        except UnknownPlace:
            pass
    return right, len(names)


def heldout_accuracy(gazetteer) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """(right, total) per category of heldout_spellings.csv ("absent": UnknownPlace wanted)."""
    counts: dict[str, tuple[int, int]] = {}
    failures = []
    for row in read_rows(HELDOUT):
        got = answer(gazetteer, row, context_separator="|")
        right = is_right(row, got)
        category = row["note"].split(":")[0]
        groups = ["all", category] + (["absent"] if row["expected_id"] == "absent" else [])
        for group in groups:
            done, total = counts.get(group, (0, 0))
            counts[group] = (done + right, total + 1)
        if not right:
            failures.append(f"  {row['query']!r} ({row['note']}): got {got}, "
                            f"expected {row['expected_id']}")
    return counts, failures


def read_negatives() -> list[str]:
    return [row["query"] for row in read_rows(NEGATIVES)]


def _clear_fold_caches() -> None:
    import importlib

    # `contested.gazetteer.fold` is the function
    fold_module = importlib.import_module("contested.gazetteer.fold")

    for name in ("_normalise", "fold_token", "fold", "skeletons", "query_skeletons", "loose",
                 "romanize"):
        getattr(fold_module, name).cache_clear()
    resolver_module = importlib.import_module("contested.gazetteer.resolver")
    if hasattr(resolver_module, "_written_tokens"):  # the written forms of names (tie-breaks)
        resolver_module._written_tokens.cache_clear()


def _fresh(gazetteer):
    from contested.gazetteer.resolver import Resolver

    return Resolver(gazetteer.path, focus=gazetteer.pack.get("focus") or (),
                    countries=gazetteer.pack.get("countries") or ())


def speed(gazetteer, rows: list[dict[str, str]]) -> dict[str, float]:
    from contested.core.exceptions import InputError, UnknownPlace
    from contested.gazetteer.fold import fold
    from contested.gazetteer.index import FORM_ALIAS, FORM_EXACT

    figures: dict[str, float] = {}
    # Load time of the in-memory store (part of every cold start).
    started = time.perf_counter()
    resolver = _fresh(gazetteer)
    figures["load_s"] = time.perf_counter() - started
    resolver.resolve("Mosul")
    # First-time resolutions: every distinct exact key of the index once, no answer cache,
    # fold caches cleared (a long text full of names never seen before).
    keys = sorted({key for key, found in resolver._names.items()
                   if any(form in (FORM_EXACT, FORM_ALIAS) for _, form, _, _ in found)})
    _clear_fold_caches()
    resolver.clear_cache()
    failed = 0
    started = time.perf_counter()
    for key in keys:
        try:
            resolver.resolve(key)
        except (UnknownPlace, InputError):
            failed += 1
    figures["first_time_per_s"] = len(keys) / (time.perf_counter() - started)
    figures["first_time_keys"] = len(keys)
    figures["first_time_failed"] = failed
    # Cached answers: the known variant names again and again.
    known = [r["query"] for r in rows if resolver.lookup_key(fold(r["query"]))]
    for name in known:
        resolver.resolve(name)
    repeats = max(1, 50_000 // len(known))
    started = time.perf_counter()
    for _ in range(repeats):
        for name in known:
            resolver.resolve(name)
    figures["cached_per_s"] = repeats * len(known) / (time.perf_counter() - started)
    # Fuzzy: misspellings whose exact and skeleton keys are unknown, each new to the resolver.
    misspelt = MISSPELT + [typo for typo, _ in _typos(rows)]
    fresh = _fresh(gazetteer)
    fresh.resolve("Mosul")  # imports rapidfuzz: not timed
    fuzzy_only = [name for name in dict.fromkeys(misspelt) if not any(
        fresh._key_hits(spelling) for spelling, *_ in fresh._variants(name, None))]
    fresh.clear_cache()
    timings = []
    for name in fuzzy_only:
        started = time.perf_counter()
        try:
            fresh.resolve(name)
        except UnknownPlace:
            pass
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    figures.update({
        "fuzzy_queries": len(fuzzy_only),
        "fuzzy_p50_ms": statistics.median(timings),
        "fuzzy_p95_ms": timings[int(0.95 * (len(timings) - 1))],
        "fuzzy_max_ms": timings[-1],
    })
    # Worst case: every query of the variants, negatives, misspellings and bad input, each new
    # to a fresh resolver (the first fuzzy query included).
    worst_queries = ([r["query"] for r in rows] + read_negatives() + misspelt
                     + ["Mosul " * 1800, "x" * 200, "a b c d e f g h " * 25,
                        "Homs (Hims)", "Hasaka (Al Haksa)"])
    _clear_fold_caches()
    fresh = _fresh(gazetteer)
    worst = (0.0, "")
    for query in worst_queries:
        started = time.perf_counter()
        try:
            fresh.resolve(query)
        except (UnknownPlace, InputError):
            pass
        elapsed = (time.perf_counter() - started) * 1000
        worst = max(worst, (elapsed, query[:40]))
    figures["worst_ms"], figures["worst_query"] = worst
    figures["worst_count"] = len(worst_queries)
    return figures


def cold_start(env: dict[str, str]) -> float:
    """Median of 5: new process, `contested resolve Mosul --json`, index already built."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "contested", "resolve", "Mosul", "--json"],
                       env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cli_rss_mb() -> float:
    """Peak RSS of one `contested resolve Mosul --json` process, as it reports it itself."""
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
    code = ("import runpy, sys\n"
            "sys.argv = ['contested', 'resolve', 'Mosul', '--json']\n"
            "try:\n    runpy.run_module('contested', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
            "print(int(status.split()[0]), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("seeds", "accuracy", "speed"))
    parser.add_argument("--failures", action="store_true", help="list wrong variants")
    args = parser.parse_args()

    cache = tempfile.mkdtemp(prefix="contested-bench-")
    os.environ["CONTESTED_CACHE_DIR"] = cache
    from contested.gazetteer import Gazetteer
    from contested.gazetteer.index import build_index, index_path, read_pack

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
        if args.failures and failures:
            print("\n".join(failures))
        counts, heldout_failures = heldout_accuracy(gazetteer)
        print(f"heldout_spellings.csv: {counts['all'][1]} queries, accuracy "
              f"{counts['all'][0] / counts['all'][1]:.1%} ("
              + ", ".join(f"{group} {done}/{total}" for group, (done, total) in counts.items()
                          if group != "all") + "; absent = UnknownPlace wanted)")
        if args.failures and heldout_failures:
            print("\n".join(heldout_failures))
        negatives = read_negatives()
        accepted = [
            f"  {query!r} → {place.name} ({place.country}, score {place.score:.2f})"
            for query, place in false_accepts(gazetteer, negatives)
        ]
        print(f"negatives.csv: {len(negatives)} non-places, false-accept rate "
              f"{len(accepted) / len(negatives):.1%} ({len(accepted)})")
        if accepted:
            print("\n".join(accepted))
        right, total = spelling_self_resolution(gazetteer)
        print(f"names that differ only by a transliteration class: {right / total:.1%} resolve "
              f"to the place with that spelling ({right}/{total} pack names in -ah/-eh)")
        right, wrong, total = typo_recall(gazetteer, rows)
        print(f"typos (letters swapped in {total} Latin variants): {right / total:.1%} right, "
              f"{wrong / total:.1%} another place, rest unknown")
        base = baseline_accuracy(rows)
        print(f"  baseline naive exact match over GeoNames names: {base['exact']:.1%}")
        print(f"  baseline exact + rapidfuzz WRatio fallback: {base['wratio']:.1%} "
              f"({base['wratio_qps']:.0f} queries/s)")
    if args.only in (None, "speed"):
        figures = speed(gazetteer, rows)
        print(f"store load (fresh resolver): {figures['load_s'] * 1000:.0f} ms")
        print(f"warm resolutions/s, first-time known keys (all {figures['first_time_keys']:,} "
              f"distinct exact keys once, answer and fold caches cleared): "
              f"{figures['first_time_per_s']:,.0f} ({figures['first_time_failed']} unknown)")
        print(f"warm resolutions/s, known variant names, with answer cache: "
              f"{figures['cached_per_s']:,.0f}")
        print(f"fuzzy queries ({figures['fuzzy_queries']} misspellings with no exact or skeleton "
              f"key, fresh resolver): p50 {figures['fuzzy_p50_ms']:.2f} ms, "
              f"p95 {figures['fuzzy_p95_ms']:.2f} ms, max {figures['fuzzy_max_ms']:.2f} ms")
        print(f"worst-case query ({figures['worst_count']} queries: variants, negatives, "
              f"misspellings, 10 kB string; fresh resolver): {figures['worst_ms']:.2f} ms "
              f"({figures['worst_query']!r})")
        print(f"cold start `contested resolve Mosul --json` (index built, median of 5): "
              f"{cold_start(dict(os.environ)):.3f} s")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (index build, baselines, benchmarks): {peak_mb:.0f} MB")
    print(f"peak RSS of a `contested resolve Mosul --json` process: {cli_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

"""Benchmark the gazetteer: seed places, variant accuracy (with baselines), speed, memory.

    python scripts/bench_gazetteer.py                 # everything
    python scripts/bench_gazetteer.py --only accuracy # one section: seeds|accuracy|speed
    python scripts/bench_gazetteer.py --failures      # list the variants it gets wrong

Prints figures only; no assertions (tests/test_gazetteer_*.py pin behaviour). The index is
built into a temporary cache dir first, so "build seconds" is a real build.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import platform
import random
import re
import resource
import shutil
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
    HELDOUT_2,
    NEGATIVES,
    NEGATIVES_2,
    SEED_HINTS,
    SEED_PLACES,
    VARIANTS,
    answer,
    false_accepts,
    is_right,
    read_rows,
    row_hints,
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
        from contested.gazetteer.build import read_places
        from contested.gazetteer.index import PLACES_FILE, read_pack

        pack = read_pack()
        region = {*pack.get("focus", ()), *pack.get("transliterated", ())}
        self.by_name: dict[str, list[tuple[int, str]]] = {}
        for place in read_places(PLACES_FILE):
            if place.get("country") not in region:
                continue  # the baselines search the pack's region only (world WRatio: hours)
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
    from contested.gazetteer.build import read_places
    from contested.gazetteer.index import PLACES_FILE, read_pack

    region = set(read_pack().get("transliterated", ()))
    holders: dict[str, set[str]] = {}
    for place in read_places(PLACES_FILE):
        if place.get("country") not in region:
            continue  # the -ah/-eh class is the transliterated region's
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
    from contested.gazetteer import fold as fold_module  # noqa: F401 - the module
    from contested.gazetteer import written

    module = sys.modules["contested.gazetteer.fold"]
    for name in ("_normalise", "fold_token", "fold", "skeletons", "query_skeletons", "loose",
                 "romanize"):
        getattr(module, name).cache_clear()
    written.written_tokens.cache_clear()  # the written forms of names (tie-breaks)


def _fresh(gazetteer):
    """A resolver on a new connection to the same index: no cached rows, places or answers."""
    from contested.gazetteer.acceptance import Calibration
    from contested.gazetteer.resolver import Resolver
    from contested.gazetteer.store import Store

    return Resolver(Store(gazetteer.path), focus=gazetteer.pack.get("focus") or (),
                    home=gazetteer.pack.get("transliterated") or (),
                    calibration=Calibration.load())


def _sample_keys(resolver, count: int = 20_000) -> list[str]:
    """Exact keys of the index, a fixed sample (the text keys: names of notable places)."""
    keys = [key for key, _ in resolver.store.text_keys()]
    return sorted(random.Random(0).sample(keys, min(count, len(keys))))


def _timed_resolutions(resolver, names: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, unknown) for resolving each name once."""
    from contested.core.exceptions import InputError, UnknownPlace

    failed = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for name in names:
        try:
            resolver.resolve(name)
        except (UnknownPlace, InputError):
            failed += 1
    return time.perf_counter() - wall, time.process_time() - cpu, failed


def speed(gazetteer, rows: list[dict[str, str]]) -> dict[str, float]:
    from contested.core.exceptions import InputError, UnknownPlace
    from contested.gazetteer.fold import fold

    figures: dict[str, float] = {}
    started = time.perf_counter()
    resolver = _fresh(gazetteer)  # opening an index: nothing is loaded up front
    figures["load_s"] = time.perf_counter() - started
    resolver.resolve("Mosul")
    # First-time resolutions: 20,000 known keys once each, no answer cache, fold caches
    # cleared, keys and places read from the index (a long text of names never seen).
    keys = _sample_keys(resolver)
    _clear_fold_caches()
    resolver.clear_cache()
    wall, cpu, failed = _timed_resolutions(resolver, keys)
    figures.update(first_time_per_s=len(keys) / wall, first_time_per_cpu_s=len(keys) / cpu,
                   first_time_keys=len(keys), first_time_failed=failed)
    # The same keys again: rows and places now cached in the process, answers not.
    resolver.clear_cache()
    wall, cpu, _ = _timed_resolutions(resolver, keys)
    figures.update(warm_per_s=len(keys) / wall, warm_per_cpu_s=len(keys) / cpu)
    # Cached answers: the known variant names again and again.
    known = [r["query"] for r in rows if resolver.store.rows(fold(r["query"]))]
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
        fresh.candidates.key_hits(spelling) for spelling, *_ in
        fresh.candidates.variants(name, None))]
    fresh = _fresh(gazetteer)
    fresh.resolve("Mosul")
    wall_ms, cpu_ms = [], []
    for name in fuzzy_only:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            fresh.resolve(name)
        except UnknownPlace:
            pass
        cpu_ms.append((time.thread_time() - cpu) * 1000)
        wall_ms.append((time.perf_counter() - started) * 1000)
    figures["fuzzy_queries"] = len(fuzzy_only)
    for clock, timings in (("wall", sorted(wall_ms)), ("cpu", sorted(cpu_ms))):
        figures.update({
            f"fuzzy_{clock}_p50_ms": statistics.median(timings),
            f"fuzzy_{clock}_p95_ms": timings[int(0.95 * (len(timings) - 1))],
            f"fuzzy_{clock}_max_ms": timings[-1],
        })
    # Worst case: every query of the variants, negatives, misspellings and bad input, each new
    # to a fresh resolver (the first fuzzy query included).
    worst_queries = ([r["query"] for r in rows] + read_negatives() + misspelt
                     + ["Mosul " * 1800, "x" * 200, "a b c d e f g h " * 25,
                        "Homs (Hims)", "Hasaka (Al Haksa)"])
    _clear_fold_caches()
    fresh = _fresh(gazetteer)
    worst_cpu, worst_wall = (0.0, ""), (0.0, "")
    for query in worst_queries:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            fresh.resolve(query)
        except (UnknownPlace, InputError):
            pass
        worst_cpu = max(worst_cpu, ((time.thread_time() - cpu) * 1000, query[:40]))
        worst_wall = max(worst_wall, ((time.perf_counter() - started) * 1000, query[:40]))
    figures["worst_cpu_ms"], figures["worst_cpu_query"] = worst_cpu
    figures["worst_ms"], figures["worst_query"] = worst_wall
    figures["worst_count"] = len(worst_queries)
    return figures


def _child_cpu(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child: user + system) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=False, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_start(env: dict[str, str], command: list[str], runs: int = 7) -> dict[str, float]:
    """Medians of interleaved runs: ``command`` in a new process, and ``python -c pass``.

    Bytecode is compiled once (into a cache of its own, as pip does when it installs a wheel)
    by an untimed first run: a start is not timed as a compilation of the sources."""
    env = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "contested-bench-pyc"))
    subprocess.run(command, env=env, check=False, capture_output=True)
    own, base = [], []
    for _ in range(runs):
        own.append(_child_cpu(command, env))
        base.append(_child_cpu([sys.executable, "-c", "pass"], env))
    wall = statistics.median(w for w, _ in own)
    cpu = statistics.median(c for _, c in own)
    base_cpu = statistics.median(c for _, c in base)
    return {"wall_s": wall, "cpu_s": cpu, "python_cpu_s": base_cpu, "ratio": cpu / base_cpu}


def reliability(gazetteer) -> tuple[list[tuple[str, int, int]], dict[str, tuple[int, int]]]:
    """Over every held-out list of issue 13: per score band (answers, right), and per list
    (right, rows). An answer is right when its id is expected; UnknownPlace is no answer."""
    from contested.core.exceptions import UnknownPlace

    bands = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99),
             (0.99, 1.01)]
    counts = {band: [0, 0] for band in bands}
    lists: dict[str, tuple[int, int]] = {}
    for name, path in [*HELDOUT_2.items(), ("negatives", NEGATIVES_2)]:
        rows = read_rows(path)
        right = 0
        for row in rows:
            try:
                place = gazetteer.resolve(row["query"], **row_hints(row, "|"))
            except UnknownPlace:
                right += row["expected_id"] == "absent"
                continue
            ok = place.id in row["expected_id"].split(";")
            right += ok
            band = next(b for b in bands if b[0] <= place.score < b[1])
            counts[band][0] += 1
            counts[band][1] += ok
        lists[name] = (right, len(rows))
    table = [(f"{low:.2f}–{min(high, 1.0):.2f}", n, ok) for (low, high), (n, ok) in counts.items()]
    return table, lists


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


def _article() -> Path | None:
    seeds = SEED_PLACES.parents[1] / "seeds"
    found = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    return found[0] if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("seeds", "accuracy", "speed"))
    parser.add_argument("--failures", action="store_true", help="list wrong variants")
    args = parser.parse_args()

    cache = tempfile.mkdtemp(prefix="contested-bench-")
    atexit.register(shutil.rmtree, cache, True)  # the world index is 130 MB: not left behind
    os.environ["CONTESTED_CACHE_DIR"] = cache
    from contested.gazetteer import Gazetteer
    from contested.gazetteer.index import PLACES_FILE, build_index, index_path, read_pack

    print(f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}; load {os.getloadavg()}")
    pack = read_pack()
    started, cpu = time.perf_counter(), time.process_time()
    meta = build_index(index_path(pack, Path(cache)), PLACES_FILE, pack)
    print(f"index build: {time.perf_counter() - started:.1f} s wall, "
          f"{time.process_time() - cpu:.1f} s CPU ({meta['places']} places, {meta['keys']} keys, "
          f"{meta['names']} key rows); load {os.getloadavg()}")
    gazetteer = Gazetteer(cache_dir=Path(cache))
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
    if args.only in (None, "accuracy"):
        table, lists = reliability(gazetteer)
        print("issue-13 held-out lists (written before tuning): " + ", ".join(
            f"{name} {right}/{total} = {right / total:.1%}" for name, (right, total)
            in lists.items()))
        print("reliability (all issue-13 held-out lists; score band: answers, right):")
        for band, n, ok in table:
            print(f"  {band}: {n} answers, {ok} right" + (f" ({ok / n:.1%})" if n else ""))
    if args.only in (None, "speed"):
        print(f"load before speed: {os.getloadavg()}")
        # The accuracy runs' leftovers (cached answers, baselines) are this script's, not a
        # resolver's: frozen, the garbage collector does not walk them during the timings.
        gc.collect()
        gc.freeze()
        figures = speed(gazetteer, rows)
        print(f"store load (fresh resolver): {figures['load_s'] * 1000:.0f} ms")
        print(f"resolutions/s, first-time known keys ({figures['first_time_keys']:,} sampled "
              f"exact keys once, answer and fold caches cleared, rows read from the index): "
              f"{figures['first_time_per_s']:,.0f} wall, {figures['first_time_per_cpu_s']:,.0f} "
              f"per CPU-s ({figures['first_time_failed']} unknown)")
        print(f"warm resolutions/s, the same keys again (rows cached, answers not): "
              f"{figures['warm_per_s']:,.0f} wall, {figures['warm_per_cpu_s']:,.0f} per CPU-s")
        print(f"warm resolutions/s, known variant names, with answer cache: "
              f"{figures['cached_per_s']:,.0f}")
        print(f"fuzzy queries ({figures['fuzzy_queries']} misspellings with no exact or skeleton "
              "key, fresh resolver): " + "; ".join(
                  f"{clock} p50 {figures[f'fuzzy_{clock}_p50_ms']:.2f} ms, "
                  f"p95 {figures[f'fuzzy_{clock}_p95_ms']:.2f} ms, "
                  f"max {figures[f'fuzzy_{clock}_max_ms']:.2f} ms" for clock in ("cpu", "wall")))
        print(f"worst-case query ({figures['worst_count']} queries: variants, negatives, "
              f"misspellings, 10 kB string; fresh resolver): CPU {figures['worst_cpu_ms']:.2f} ms "
              f"({figures['worst_cpu_query']!r}); wall {figures['worst_ms']:.2f} ms "
              f"({figures['worst_query']!r})")
        resolve = cold_start(dict(os.environ), [sys.executable, "-m", "contested", "resolve",
                                                "Mosul", "--json"])
        print(f"cold start `contested resolve Mosul --json` (index built, median of 7, "
              f"load {os.getloadavg()[0]:.2f}): {resolve['wall_s']:.3f} s wall, "
              f"{resolve['cpu_s']:.3f} CPU-s = {resolve['ratio']:.1f}x `python -c pass` "
              f"({resolve['python_cpu_s']:.3f} CPU-s)")
        article = _article()
        if article is not None:
            extract = cold_start(dict(os.environ), [sys.executable, "-m", "contested",
                                                    "extract", str(article), "--json"])
            print(f"cold start `contested extract <one seed article> --json`: "
                  f"{extract['wall_s']:.3f} s wall, {extract['cpu_s']:.3f} CPU-s = "
                  f"{extract['ratio']:.1f}x `python -c pass`")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (index build, baselines, benchmarks): {peak_mb:.0f} MB")
    print(f"peak RSS of a `contested resolve Mosul --json` process: {cli_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()

"""Benchmark `contested corpus`: throughput on 1 and 2 local workers, memory per worker.

    python scripts/bench_corpus.py                       # 1 GB on 1 and 2 workers, 2 GB on 2
    python scripts/bench_corpus.py --runs 512:2 2048:2   # 0.5 GB and 2 GB on 2 workers
    python scripts/bench_corpus.py --runs 64:1 64:2      # a quick look

Self-contained: it writes its own corpus (JSON Lines) into --work, once per size: synthetic
articles (tests/corpus_articles.py: templates of our own, varied places, numbers, dates,
outlets) and, one article in 20, a seed article from ../shared/seeds/ with a new id and date
(left out, with a note, where that folder is absent). Each run is `contested corpus FILE -o
OUT --workers N --json --claims-only` in a fresh output folder (no resume; --full adds the
checks, report and map, which run once on the driver after extraction). Every partition records the
worker process that wrote it, its CPU seconds and that process's peak RSS, so the figures
are the workers' own: articles per CPU second (per core), per-worker peak RSS, wall-clock
throughput. The load average before and after each run is printed beside it, since a busy
machine slows the wall clock and not the CPU seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
sys.path.insert(0, str(REPO / "tests"))

from corpus_articles import synthetic_article  # noqa: E402

MB = 1024 * 1024


def build_corpus(path: Path, size_mb: int, seed: int = 14) -> tuple[int, int]:
    """Write about ``size_mb`` MB of documents to ``path``; (documents, seed copies)."""
    seeds = sorted(SEEDS.glob("[0-9]*.txt")) if SEEDS.is_dir() else []
    seed_texts = [p.read_text(encoding="utf-8") for p in seeds]
    rng = random.Random(seed)
    written = count = copies = 0
    temp = path.with_suffix(".part")
    with open(temp, "w", encoding="utf-8") as out:
        while written < size_mb * MB:
            if seed_texts and count % 20 == 7:
                day = date(2014, 6, 1) + timedelta(days=rng.randrange(2500))
                record = {"id": f"seed-{count:08d}", "date": day.isoformat(),
                          "outlet": "seed replica", "text": rng.choice(seed_texts)}
                copies += 1
            else:
                record = synthetic_article(rng, count)
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    temp.replace(path)
    return count, copies


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def run_once(corpus: Path, workers: int, work: Path, full: bool) -> dict[str, object]:
    out = work / f"out-{corpus.stem}-w{workers}"
    shutil.rmtree(out, ignore_errors=True)
    before = load()
    started = time.perf_counter()
    command = [sys.executable, "-m", "contested", "corpus", str(corpus), "-o", str(out),
               "--workers", str(workers), "--json", *([] if full else ["--claims-only"])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"contested corpus failed ({done.returncode}):\n{done.stderr[-3000:]}")
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    run = next(line for line in lines if line.get("what") == "corpus")
    cpu = busy = 0.0
    peak: dict[str, int] = {}
    for part in sorted((out / "claims").glob("part-*.parquet")):
        meta = json.loads(pq.read_schema(part).metadata[b"contested"])
        cpu += meta["cpu_seconds"]
        busy += meta["seconds"]
        peak[meta["worker"]] = max(peak.get(meta["worker"], 0), meta["max_rss_mb"])
    return {
        "corpus_mb": round(corpus.stat().st_size / MB), "workers": workers,
        "documents": run["documents"], "claims": run["claims"],
        "partitions": run["partitions"], "extract_s": run["seconds"],
        "docs_per_s": round(run["documents"] / run["seconds"], 1),
        "docs_per_cpu_s": round(run["documents"] / cpu, 1) if cpu else None,
        "worker_cpu_s": round(cpu, 1), "after_extract_s": round(wall - run["seconds"], 1),
        # Share of the run's wall clock the workers spent in slices (the rest: start-up,
        # waiting for a task) and share of that time they had a CPU (the rest: other load).
        "workers_busy": round(busy / (workers * run["seconds"]), 3),
        "cpu_per_busy_s": round(cpu / busy, 3) if busy else None,
        "peak_rss_mb_per_worker": sorted(peak.values()), "wall_s": round(wall, 1),
        "load_before": before, "load_after": load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", nargs="+", default=["1024:1", "1024:2", "2048:2"],
                        help="SIZE_MB:WORKERS pairs, run in this order")
    parser.add_argument("--work", type=Path, default=Path("/tmp/contested-bench-corpus"))
    parser.add_argument("--keep", action="store_true", help="keep the output folders")
    parser.add_argument("--full", action="store_true",
                        help="also check, report and map the claims (default: --claims-only; "
                        "after_extract_s then says what the checks and outputs took)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if not SEEDS.is_dir():
        print(f"note: {SEEDS} is absent: the corpus is synthetic articles only",
              file=sys.stderr)
    results = []
    for spec in args.runs:
        size_mb, workers = (int(part) for part in spec.split(":"))
        corpus = args.work / f"corpus-{size_mb}MB.jsonl"
        if not corpus.exists():
            started = time.perf_counter()
            count, copies = build_corpus(corpus, size_mb)
            print(f"built {corpus} ({count:,} documents, {copies:,} seed copies) in "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
        result = run_once(corpus, workers, args.work, args.full)
        print(json.dumps(result), flush=True)
        results.append(result)
        if not args.keep:
            shutil.rmtree(args.work / f"out-{corpus.stem}-w{workers}", ignore_errors=True)
    one = {r["corpus_mb"]: r for r in results if r["workers"] == 1}
    for result in results:
        base = one.get(result["corpus_mb"])
        if result["workers"] == 2 and base:
            print(f"{result['corpus_mb']} MB: 2 workers / 1 worker throughput = "
                  f"{result['docs_per_s'] / base['docs_per_s']:.2f}x (wall clock), "
                  f"CPU per article {base['docs_per_cpu_s']} vs {result['docs_per_cpu_s']} "
                  "articles per CPU second", file=sys.stderr)


if __name__ == "__main__":
    main()

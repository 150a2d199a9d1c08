"""Benchmark and acceptance figures for ``geo.extract`` (prints; asserts nothing).

    python scripts/bench_extract.py [--seeds DIR] [--claims seed_claims.yaml] [--skip-memory]

1. Seeds: every expected claim matched (value/unit/km² within 0.5 %, kind, scope) → recall;
   extracted area claims that match nothing expected → precision.
2. Speed: articles/s on ~5 kB articles (one process, one core).
3. Memory: peak RSS of `contested extract` on a 5 MB and a 50 MB file (streamed).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geo.extract import extract_claims  # noqa: E402


def _matches(claim, expected: dict) -> bool:
    if "km2" in expected:
        if claim.km2 is None or abs(claim.km2 - expected["km2"]) > 0.005 * expected["km2"]:
            return False
        if claim.unit != expected["unit"] or claim.value != expected["value"]:
            return False
    elif claim.km2 is not None or claim.comparison is None:
        return False
    if expected.get("kind") and claim.kind != expected["kind"]:
        return False
    if expected.get("scope") and (claim.scope or "") != expected["scope"]:
        return False
    return True


def seeds(seeds_dir: Path, claims_file: Path) -> None:
    truth = yaml.safe_load(claims_file.read_text(encoding="utf-8"))["seeds"]
    found = expected_total = 0
    area_extracted = area_matched = 0
    for name, entry in truth.items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        claims = extract_claims(text, source=name)
        used = set()
        for expected in entry["claims"]:
            expected_total += 1
            hit = next((c for c in claims if c.id not in used and _matches(c, expected)), None)
            if hit is not None:
                used.add(hit.id)
                found += 1
            else:
                print(f"  MISSED {name}: {expected['quote'][:70]}")
        for claim in claims:
            if claim.km2 is not None or claim.comparison is not None:
                area_extracted += 1
                area_matched += claim.id in used
            elif claim.id not in used:
                print(f"  extra (percent only, no figure) {claim.id}: {claim.quote[:60]}")
    print(f"seeds: recall {found}/{expected_total} = {found / expected_total:.1%}; "
          f"precision (claims with a figure or comparison) {area_matched}/{area_extracted} = "
          f"{area_matched / max(area_extracted, 1):.1%}")


def speed(seeds_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("0*.txt"))]
    sentences = [s for t in texts for s in t.split("\n") if s.strip()]
    rng = random.Random(1)
    articles = []
    for _ in range(300):
        rng.shuffle(sentences)
        article, size = [], 0
        for sentence in sentences:
            article.append(sentence)
            size += len(sentence)
            if size > 5000:
                break
        articles.append("\n".join(article))
    extract_claims(articles[0])  # build the gazetteer matcher once
    for label, gazetteer in (("with gazetteer", None), ("without gazetteer", False)):
        started, cpu_started = time.perf_counter(), time.process_time()
        for article in articles:
            extract_claims(article, gazetteer=gazetteer)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        print(f"speed ({label}): {len(articles) / cpu:.0f} articles/s per core (CPU time; "
              f"{len(articles) / elapsed:.0f}/s wall on a shared machine) on "
              f"{sum(map(len, articles)) / len(articles) / 1000:.1f} kB articles")


def memory(seeds_dir: Path) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("0*.txt")))
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in (5, 50):
            path = Path(folder) / f"big_{megabytes}.txt"
            with path.open("w", encoding="utf-8") as out:
                written = 0
                while written < megabytes * 1_000_000:
                    out.write(text + "\n\n")
                    written += len(text) + 2
            code = (
                "import resource,sys;from geo.extract import extract_file;"
                "n=sum(1 for _ in extract_file(sys.argv[1]));"
                "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
            )
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                                    text=True, check=True, cwd=REPO, env=dict(os.environ))
            claims, rss_kb = result.stdout.split()
            print(f"memory: {megabytes} MB input → {claims} claims, "
                  f"peak RSS {int(rss_kb) / 1024:.0f} MB, {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--claims", type=Path,
                        default=REPO.parent / "shared" / "eval" / "seed_claims.yaml")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    seeds(args.seeds, args.claims)
    speed(args.seeds)
    if not args.skip_memory:
        memory(args.seeds)


if __name__ == "__main__":
    main()

"""Benchmark and acceptance figures for ``contested.claims.extract`` (prints; asserts nothing).

    python scripts/bench_extract.py [--seeds DIR] [--claims seed_claims.yaml] [--skip-memory]

1. Seeds: every expected claim matched (value/unit/km² within 0.5 %, kind, scope) → recall;
   extracted area claims that match nothing expected → precision.
2. Speed: CPU ms per article and articles/s per core on ~5 kB news-like articles (seed
   paragraphs mixed with synthetic filler), with and without places.
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

from contested.claims.extract import extract_claims  # noqa: E402


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
    from contested.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    truth = yaml.safe_load(claims_file.read_text(encoding="utf-8"))["seeds"]
    found = expected_total = 0
    area_extracted = area_matched = 0
    for name, entry in truth.items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        claims = extract_claims(text, source=name, gazetteer=gazetteer)
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


_FILLER_PLACES = (
    "Mosul", "Raqqa", "Tikrit", "Ramadi", "Fallujah", "Kirkuk", "Erbil", "Baghdad", "Hawija",
    "Tal Afar", "Deir ez-Zor", "Palmyra", "Aleppo", "Manbij", "Qaim", "Haditha", "Samarra",
    "Baiji", "Sinjar", "Hasakah", "Kobani", "Abu Kamal", "Rutba", "Anbar", "Nineveh",
)
_FILLER_PEOPLE = (
    "Col. John Smith", "Maj. Gen. Peter Brown", "a spokesman for the coalition",
    "Brig. Gen. Yahya Rasool", "the provincial governor", "Lt. Col. Sarah Miller",
    "an official of the interior ministry", "Gen. Abdul Amir Yarallah",
)
_FILLER_TEMPLATES = (
    "Residents of {p1} said the main road to {p2} reopened on {month} {day} after engineers "
    "removed roadside bombs, and that {n} families had returned to their homes in the old city.",
    "{who} told reporters in {p1} that troops were moving toward {p2}, where the militants had "
    "dug trenches and set fire to oil wells to hide from aircraft.",
    "Aid groups warned that {n} people displaced from {p1} and {p2} still lived in camps, with "
    "water and power cut for weeks and schools closed since {month}.",
    "\u201cThe fighting in {p1} is street by street,\u201d {who} said. \u201cWe expect "
    "the enemy to use car bombs and snipers as we approach {p2}.\u201d",
    "The coalition carried out {n} strikes near {p1} in the past week, destroying tunnels, "
    "weapons caches and fighting positions, according to a statement from {who}.",
    "Police in {p1} arrested {n} suspects accused of planning attacks on markets in {p2} and "
    "in villages along the Euphrates.",
    "Officials in {p1} said reconstruction would cost billions of dollars and take years, while "
    "electricity, hospitals and bridges in {p2} were still in ruins.",
    "On {month} {day}, {who} visited {p1} and met tribal leaders who promised to keep the "
    "militants out of the farmland between {p1} and {p2}.",
)


def bench_articles(seeds_dir: Path, count: int = 300, size: int = 5000) -> list[str]:
    """~5 kB news-like articles: seed paragraphs mixed with synthetic filler paragraphs.

    About a third of each article comes from the seeds (figure-dense), the rest is filler in
    the style of wire copy: place names, dates, people, numbers that are not areas.
    """
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("0*.txt"))]
    seed_paragraphs = [line for text in texts for line in text.split("\n") if line.strip()]
    rng = random.Random(1)
    months = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.")
    articles = []
    for _ in range(count):
        paragraphs, length = [], 0
        while length < size:
            if rng.random() < 0.3:
                paragraph = rng.choice(seed_paragraphs)
            else:
                p1, p2 = rng.sample(_FILLER_PLACES, 2)
                paragraph = rng.choice(_FILLER_TEMPLATES).format(
                    p1=p1, p2=p2, who=rng.choice(_FILLER_PEOPLE), month=rng.choice(months),
                    day=rng.randint(1, 28), n=f"{rng.randint(2, 9000):,}",
                )
            paragraphs.append(paragraph)
            length += len(paragraph) + 1
        articles.append("\n".join(paragraphs))
    return articles


def speed(seeds_dir: Path) -> None:
    from contested.gazetteer import default_gazetteer

    articles = bench_articles(seeds_dir)
    gaz = default_gazetteer()
    extract_claims("Iraq holds 1 sq km.", gazetteer=gaz)  # build the place matcher once
    mean_kb = sum(map(len, articles)) / len(articles) / 1000
    # First pass: name resolution and fold caches cold; later passes: as in a long stream.
    runs = (("with places, first pass", gaz), ("with places", gaz), ("without places", None))
    for label, gazetteer in runs:
        started, cpu_started = time.perf_counter(), time.process_time()
        claims = 0
        for article in articles:
            claims += len(extract_claims(article, gazetteer=gazetteer))
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        print(f"speed ({label}): {cpu / len(articles) * 1000:.2f} ms CPU per article, "
              f"{len(articles) / cpu:.0f} articles/s per core ({len(articles) / elapsed:.0f}/s "
              f"wall on a shared machine) on {len(articles)} articles of {mean_kb:.1f} kB, "
              f"{claims} claims")


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
                "import resource,sys;from contested.claims.extract import extract_file;"
                "from contested.gazetteer import default_gazetteer as g;"
                "n=sum(1 for _ in extract_file(sys.argv[1], gazetteer=g()));"
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

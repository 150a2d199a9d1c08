#!/usr/bin/env python
"""Measure what the gazetteer's scores mean: writes gazetteer/data/calibration.json.

    python scripts/calibrate_gazetteer.py            # measure and write
    python scripts/calibrate_gazetteer.py --print    # measure and print only

Every row of the development lists (tests/data/variants.csv, heldout_spellings.csv,
negatives.csv, dev_world.csv, and typos made from variants.csv; never the issue-13 held-out
lists, which measure the result) is resolved with no calibration. Each answer falls in an
acceptance class (gazetteer.acceptance.answer_class: how the name met, how close the
runner-up is, whether hints agree, known or remote place); a class's score is the share of
its answers that were right, smoothed towards the share of all answers with its support and
reach (m = 5 pseudo-answers) so that a class seen twice does not claim 100%.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from spelling_lists import (  # noqa: E402
    DEV_WORLD,
    HELDOUT,
    NEGATIVES,
    VARIANTS,
    read_rows,
    row_hints,
    typo_rows,
)

from contested.core.exceptions import UnknownPlace  # noqa: E402
from contested.core.settings import Settings  # noqa: E402
from contested.gazetteer.acceptance import (  # noqa: E402
    CALIBRATION_FILE,
    MIN_POOLED,
    pooled_classes,
)
from contested.gazetteer.index import ensure_index, read_pack  # noqa: E402
from contested.gazetteer.resolver import Resolver  # noqa: E402
from contested.gazetteer.store import Store  # noqa: E402

SMOOTHING = 5.0  # pseudo-answers of the pooled share


def dev_rows() -> list[tuple[dict[str, str], str]]:
    """(row, context separator); negatives get expected_id "absent"."""
    rows = [(row, ";") for row in read_rows(VARIANTS)]
    rows += [(row, "|") for row in read_rows(HELDOUT)]
    rows += [(row, "|") for row in read_rows(DEV_WORLD)]
    rows += [(row, ";") for row in typo_rows(read_rows(VARIANTS))]
    rows += [({"query": row["query"], "expected_id": "absent"}, "|")
             for row in read_rows(NEGATIVES)]
    return rows


def measure(resolver: Resolver) -> dict[str, list[int]]:
    """answer class → [answers, right answers]."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, separator in dev_rows():
        hints = row_hints(row, separator)
        try:
            klass, refused = resolver.answer_class(row["query"], **hints)
            if refused is not None:
                continue  # refused by rule, whatever the score: no answer
            got = resolver.resolve(row["query"], **hints).id
        except UnknownPlace:
            continue
        counts[klass][0] += 1
        counts[klass][1] += got in row["expected_id"].split(";")
    return counts


def smoothed(counts: dict[str, list[int]]) -> dict:
    """Each class's share right, smoothed towards its nearest pooled class with at least
    MIN_POOLED answers (gazetteer.acceptance.pooled_classes: margin, name, match and reach
    pooled in that order), so that a class seen twice borrows from what is known."""
    pools: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for klass, (n, right) in counts.items():
        for pooled in pooled_classes(klass):
            pools[pooled][0] += n
            pools[pooled][1] += right
    total = sum(n for n, _ in counts.values())
    overall = (sum(r for _, r in counts.values()) + 1.0) / (total + 2.0)
    backoff = {key: {"answers": n, "right": r, "score": round((r + 1.0) / (n + 2.0), 4)}
               for key, (n, r) in sorted(pools.items()) if n >= MIN_POOLED}
    classes = {}
    for klass, (n, right) in sorted(counts.items()):
        prior = next((backoff[key]["score"] for key in pooled_classes(klass) if key in backoff),
                     overall)
        classes[klass] = {"answers": n, "right": right,
                          "score": round((right + SMOOTHING * prior) / (n + SMOOTHING), 4)}
    return {
        "about": "answer class → share of development-list answers that were right "
                 "(scripts/calibrate_gazetteer.py); pooled classes (* = any) for the rest",
        "classes": classes,
        "pooled": backoff,
        "overall": round(overall, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print", action="store_true", help="print only, write nothing")
    args = parser.parse_args()
    pack = read_pack()
    store = Store(ensure_index(Settings.load().cache_dir))
    resolver = Resolver(store, focus=pack.get("focus") or (),
                        home=pack.get("transliterated") or (), calibration=None)
    table = smoothed(measure(resolver))
    text = json.dumps(table, indent=1, ensure_ascii=False) + "\n"
    print(text)
    if not args.print:
        CALIBRATION_FILE.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

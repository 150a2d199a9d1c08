#!/usr/bin/env python
"""Measure what the gazetteer's scores mean: writes gazetteer/data/calibration.json.

    python scripts/calibrate_gazetteer.py            # measure and write
    python scripts/calibrate_gazetteer.py --print    # measure and print only

Every row of the development lists (tests/data/variants.csv, heldout_spellings.csv,
negatives.csv, dev_world.csv, and typos made from variants.csv; never the issue-13 held-out lists, which measure the result) is resolved with
no calibration. Each answer falls in an acceptance class (gazetteer.acceptance.answer_class:
how the name met, how close the runner-up is, whether hints agree, known or remote place);
a class's score is the share of its answers that were right, smoothed towards its match
type's share (m = 5 pseudo-answers) so that a class seen twice does not claim 100%.
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
from contested.gazetteer.acceptance import CALIBRATION_FILE  # noqa: E402
from contested.gazetteer.index import ensure_index, read_pack  # noqa: E402
from contested.gazetteer.resolver import Resolver  # noqa: E402
from contested.gazetteer.store import Store  # noqa: E402

SMOOTHING = 5.0


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


def _totals(counts: dict[str, list[int]], key) -> dict[str, list[int]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for klass, (n, right) in counts.items():
        totals[key(klass)][0] += n
        totals[key(klass)][1] += right
    return totals


def smoothed(counts: dict[str, list[int]]) -> dict:
    """Each class's share right, smoothed towards the share of all answers with the same
    support and reach, itself smoothed towards the share of the same support: what a
    disagreeing hint means is learnt from every disagreeing answer, whatever its match."""
    by_match = _totals(counts, lambda k: k.split("/")[0])
    by_support = _totals(counts, lambda k: k.split("/")[2])
    by_reach = _totals(counts, lambda k: (k.split("/")[2], k.split("/")[3]))
    overall = sum(r for _, r in by_match.values()) / max(1, sum(n for n, _ in by_match.values()))
    match_rate = {m: (r + 1.0) / (n + 2.0) for m, (n, r) in by_match.items()}
    support_rate = {s: (r + SMOOTHING * overall) / (n + SMOOTHING)
                    for s, (n, r) in by_support.items()}
    reach_rate = {k: (r + SMOOTHING * support_rate[k[0]]) / (n + SMOOTHING)
                  for k, (n, r) in by_reach.items()}
    classes = {}
    for klass, (n, right) in sorted(counts.items()):
        parts = klass.split("/")
        prior = reach_rate[(parts[2], parts[3])]
        classes[klass] = {"answers": n, "right": right,
                          "score": round((right + SMOOTHING * prior) / (n + SMOOTHING), 4)}
    return {
        "about": "answer class → share of development-list answers that were right "
                 "(scripts/calibrate_gazetteer.py)",
        "classes": classes,
        # Classes never seen fall back to their support and reach, then their support.
        "by_reach": {f"{s}/{r}": {"answers": n, "right": k,
                                  "score": round(reach_rate[(s, r)], 4)}
                     for (s, r), (n, k) in sorted(by_reach.items())},
        "by_support": {s: {"answers": n, "right": k, "score": round(support_rate[s], 4)}
                       for s, (n, k) in sorted(by_support.items())},
        "overall": round(overall, 4),
        "by_match": {m: {"answers": n, "right": r, "score": round(match_rate[m], 4)}
                     for m, (n, r) in sorted(by_match.items())},
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

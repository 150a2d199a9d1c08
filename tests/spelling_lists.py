"""The gazetteer's fixture lists and how an answer is scored against them.

One place for both the tests (floors) and ``scripts/bench_gazetteer.py`` (the figures in
the README), so a row is judged the same way in both.

- ``variants.csv``: query, expected_id, context (``;``-separated), kind, note.
- ``heldout_spellings.csv``: query, expected_id (several accepted ids ``;``-separated, or
  ``absent``: the pack lacks the place, so UnknownPlace is right), context
  (``|``-separated), country_hint, note (starts with the row's category).
- ``negatives.csv``: query — names that are not places.
- ``dev_world.csv``: a development list for the world pack (other wars' places, the names of
  people and organisations in their news), columns as ``heldout_spellings.csv``; tuned on.
- ``../shared/eval/seed_places.csv``: the analyst's reading of the seed articles.
"""

from __future__ import annotations

import csv
import math
import os
import random
from pathlib import Path
from typing import Any

from contested.core.exceptions import UnknownPlace

DATA = Path(__file__).resolve().parent / "data"
VARIANTS = DATA / "variants.csv"
HELDOUT = DATA / "heldout_spellings.csv"
NEGATIVES = DATA / "negatives.csv"
DEV_WORLD = DATA / "dev_world.csv"
SEED_PLACES = (
    Path(os.environ.get("CONTESTED_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
    / "eval"
    / "seed_places.csv"
)

UNKNOWN = "absent"  # the answer when the gazetteer raises UnknownPlace

# A "unit" row of seed_places (governorate, range) must resolve to that kind of thing.
UNIT_KINDS = {"governorate": {"governorate", "province"}, "range": {"range", "mountain"},
              "mountain": {"range", "mountain"}}
# What the seed articles say about the place, where the bare name is ambiguous.
SEED_HINTS: dict[str, dict[str, Any]] = {"Bab": {"context": ("Raqqa", "Syria")}}  # seed 004


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (mean Earth radius): enough to judge "within 10 km"."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def row_hints(row: dict[str, str], context_separator: str) -> dict[str, Any]:
    """The resolve() hints a row carries (context, kind, country hint)."""
    hints: dict[str, Any] = {}
    if row.get("context"):
        hints["context"] = tuple(c for c in row["context"].split(context_separator) if c)
    if row.get("kind"):
        hints["kind"] = row["kind"]
    if row.get("country_hint"):
        hints["country"] = row["country_hint"]
    return hints


def answer(gazetteer: Any, row: dict[str, str], context_separator: str) -> str:
    """The id the gazetteer gives for a row, or ``UNKNOWN``."""
    try:
        return gazetteer.resolve(row["query"], **row_hints(row, context_separator)).id
    except UnknownPlace:
        return UNKNOWN


def is_right(row: dict[str, str], got: str) -> bool:
    return got in row["expected_id"].split(";")


def seed_place_verdict(place: Any, row: dict[str, str]) -> tuple[bool, str]:
    """Right when a unit row resolves to that kind of unit in the country (its label point
    near the analyst's), and a town or city to a point within 10 km; and a short detail."""
    distance = km(place.lat, place.lon, float(row["lat"]), float(row["lon"]))
    expected_kinds = UNIT_KINDS.get(row["kind"])
    if expected_kinds:
        ok = (place.kind in expected_kinds and place.country == row["country_iso2"]
              and distance < 150)
        return ok, f"{place.kind} {place.name}"
    ok = place.country == row["country_iso2"] and place.precision == "point" and distance <= 10
    return ok, f"{place.name} at {distance:.1f} km"


def false_accepts(gazetteer: Any, queries: list[str]) -> list[tuple[str, Any]]:
    """The (query, place) pairs where a name that is no place was resolved to one."""
    accepted = []
    for query in queries:
        try:
            accepted.append((query, gazetteer.resolve(query)))
        except UnknownPlace:
            continue
    return accepted


# Held-out lists of issue 13, written before tuning (same columns as heldout_spellings.csv;
# context ``|``-separated). Each is scored on its own; ``NEGATIVES_2`` counts wrong answers.
HELDOUT_2 = {
    "iraq_syria": DATA / "heldout2_iraq_syria.csv",
    "regions_minorities": DATA / "heldout2_regions_minorities.csv",
    "ukraine_russia": DATA / "heldout2_ukraine_russia.csv",
}
NEGATIVES_2 = DATA / "heldout2_negatives.csv"


def score_list(gazetteer: Any, rows: list[dict[str, str]]) -> tuple[int, int, list[str]]:
    """(right, wrong answers, messages): right = the expected id (``absent``: UnknownPlace);
    a wrong answer is a place that is not expected (UnknownPlace for a known place is a miss,
    not a wrong answer)."""
    right = wrong = 0
    misses = []
    for row in rows:
        got = answer(gazetteer, row, context_separator="|")
        if is_right(row, got):
            right += 1
            continue
        wrong += got != UNKNOWN
        misses.append(f"{row['query']!r} [{row['note']}] ctx={row['context']!r} "
                      f"hint={row['country_hint']!r}: got {got}, expected {row['expected_id']}")
    return right, wrong, misses


def typo_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows whose query has two neighbouring letters swapped, one per Latin variant of 5+
    letters with no hint (the same seed every time): typos of known places."""
    rng = random.Random(0)
    typos = []
    for row in rows:
        query = row["query"]
        if query.isascii() and len(query) >= 5 and not row.get("context") and not row.get("kind"):
            cut = rng.randrange(1, len(query) - 2)
            typos.append({"query": query[:cut] + query[cut + 1] + query[cut] + query[cut + 2:],
                          "expected_id": row["expected_id"], "context": "", "kind": ""})
    return typos

"""Accuracy on spellings as news writes them, and the analyst's seed places."""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import pytest

from gazetteer import Gazetteer
from gazetteer.exceptions import UnknownPlace

VARIANTS = Path(__file__).parent / "data" / "variants.csv"
TARGET_ACCURACY = 0.97


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def test_variants_file_is_big_enough() -> None:
    rows = list(csv.DictReader(VARIANTS.open(encoding="utf-8")))
    assert len(rows) >= 150
    assert sum(any("\u0600" <= c <= "\u06ff" for c in r["query"]) for r in rows) >= 50


def test_variant_spellings_resolve_to_the_expected_place(gazetteer: Gazetteer) -> None:
    rows = list(csv.DictReader(VARIANTS.open(encoding="utf-8")))
    wrong = []
    for row in rows:
        hints: dict = {}
        if row["context"]:
            hints["context"] = row["context"].split(";")
        if row["kind"]:
            hints["kind"] = row["kind"]
        try:
            got = gazetteer.resolve(row["query"], **hints).id
        except UnknownPlace:
            got = "unknown"
        if got != row["expected_id"]:
            wrong.append((row["query"], got, row["expected_id"]))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= TARGET_ACCURACY, wrong


# What the seed articles say about the place, where the bare name is ambiguous.
SEED_HINTS = {"Bab": {"context": ["Raqqa", "Syria"]}}
UNIT_KINDS = {"governorate": {"governorate", "province"}, "range": {"range", "mountain"},
              "mountain": {"range", "mountain"}}


def _seed_rows() -> list[dict[str, str]]:
    # Same place as the conftest's eval_dir fixture (parametrisation cannot use fixtures).
    shared = Path(os.environ.get("CONTESTED_SHARED_DIR", Path(__file__).parents[2] / "shared"))
    path = shared / "eval" / "seed_places.csv"
    if not path.exists():
        return []
    return list(csv.DictReader(path.open(encoding="utf-8")))


@pytest.mark.parametrize("row", _seed_rows() or [None],
                         ids=lambda r: r["query"] if r else "absent")
def test_seed_place_resolves_to_the_analysts_place(gazetteer: Gazetteer, row) -> None:
    if row is None:
        pytest.skip("../shared/eval/seed_places.csv is absent")
    place = gazetteer.resolve(row["query"], **SEED_HINTS.get(row["query"], {}))
    assert place.country == row["country_iso2"]
    if row["kind"] in UNIT_KINDS:
        assert place.kind in UNIT_KINDS[row["kind"]]
        # The named unit: its label point lies well inside it, near the analyst's point.
        assert _km(place.lat, place.lon, float(row["lat"]), float(row["lon"])) < 150
    else:
        assert place.precision == "point"
        assert _km(place.lat, place.lon, float(row["lat"]), float(row["lon"])) <= 10

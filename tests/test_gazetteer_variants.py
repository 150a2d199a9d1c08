"""Accuracy on spellings as news writes them, and the analyst's seed places."""

from __future__ import annotations

import pytest
from spelling_lists import (
    SEED_HINTS,
    SEED_PLACES,
    VARIANTS,
    answer,
    is_right,
    read_rows,
    seed_place_verdict,
)

from contested.gazetteer import Gazetteer

TARGET_ACCURACY = 0.97


def test_variants_file_is_big_enough() -> None:
    rows = read_rows(VARIANTS)
    assert len(rows) >= 150
    assert sum(any("\u0600" <= c <= "\u06ff" for c in r["query"]) for r in rows) >= 50


def test_variant_spellings_resolve_to_the_expected_place(gazetteer: Gazetteer) -> None:
    rows = read_rows(VARIANTS)
    wrong = []
    for row in rows:
        got = answer(gazetteer, row, context_separator=";")
        if not is_right(row, got):
            wrong.append((row["query"], got, row["expected_id"]))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= TARGET_ACCURACY, wrong


def _seed_rows() -> list[dict[str, str]]:
    # Parametrisation cannot use the conftest's eval_dir fixture: same folder, read here.
    return read_rows(SEED_PLACES) if SEED_PLACES.exists() else []


@pytest.mark.parametrize("row", _seed_rows() or [None],
                         ids=lambda r: r["query"] if r else "absent")
def test_seed_place_resolves_to_the_analysts_place(gazetteer: Gazetteer, row) -> None:
    if row is None:
        pytest.skip("../shared/eval/seed_places.csv is absent")
    place = gazetteer.resolve(row["query"], **SEED_HINTS.get(row["query"], {}))
    right, detail = seed_place_verdict(place, row)
    assert right, f"{row['query']} → {detail} ({place.country}, {place.precision})"

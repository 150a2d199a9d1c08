"""Official reference areas, named as news writes them."""

from __future__ import annotations

import pytest

from contested.core.exceptions import UnknownPlace
from contested.gazetteer.official_areas import (
    Reference,
    ReferenceTable,
    fold_reference_name,
    official_area,
)


@pytest.mark.parametrize(
    ("written", "code", "kind"),
    [
        ("Sweden", "SE", "country"),
        ("the UK", "GB", "country"),
        ("Britain", "GB", "country"),
        ("United Kingdom", "GB", "country"),
        ("the U.S. state of Maryland", "MD", "us_state"),
        ("New Jersey", "NJ", "us_state"),
        ("Washington, DC", "DC", "us_state"),
        ("Washington D.C.", "DC", "us_state"),
        ("the U.S. capital", "DC", "us_state"),
        ("DC", "DC", "us_state"),
        ("Belgium", "BE", "country"),
        ("Lebanon", "LB", "country"),
        ("Texas", "TX", "us_state"),
        ("Egypt", "EG", "country"),
        ("Egypt's territory", "EG", "country"),
        ("Jordan", "JO", "country"),
        ("the US state of Virginia", "VA", "us_state"),
        ("country:SE", "SE", "country"),
    ],
)
def test_news_spellings_resolve_to_the_official_unit(written: str, code: str, kind: str) -> None:
    reference = official_area(written)
    assert (reference.code, reference.kind) == (code, kind)


def test_shipped_figures_and_their_sources() -> None:
    assert official_area("Sweden").total_km2 == 449964
    assert official_area("Sweden").source == "GeoNames"
    assert official_area("DC").total_km2 == 177
    assert official_area("Virginia").source == "US Census 2010"


def test_state_hint_picks_the_us_state_over_the_country_of_the_same_name() -> None:
    assert official_area("Georgia").kind == "country"
    assert official_area("the state of Georgia").kind == "us_state"


def test_unknown_reference_raises_with_suggestions() -> None:
    table = ReferenceTable(
        [Reference("Sweden", "country", "SE", 449964.0, "GeoNames")], use_gazetteer=False
    )
    with pytest.raises(UnknownPlace) as raised:
        table.lookup("Swedn")
    assert raised.value.suggestions == ["Sweden"]


def test_a_name_nothing_knows_raises_unknown_place() -> None:
    with pytest.raises(UnknownPlace):
        official_area("Qwxzland")


def test_a_table_built_in_memory_needs_no_gazetteer() -> None:
    table = ReferenceTable(
        [Reference("Atlantis", "country", "AT", 1000.0, "Plato")], use_gazetteer=False
    )
    assert table.lookup("the country of Atlantis").total_km2 == 1000.0
    with pytest.raises(UnknownPlace):
        table.lookup("Lemuria")


def test_folding_drops_case_accents_and_abbreviation_dots() -> None:
    assert fold_reference_name("the U.S. Capital") == "the us capital"
    assert fold_reference_name("Côte d’Ivoire") == "cote d'ivoire"


def test_a_row_with_no_usable_total_is_left_out_not_divided_by(tmp_path) -> None:
    path = tmp_path / "areas.csv"
    path.write_text("name,kind,code,total_km2,land_km2,source\n"
                    "Vatican,country,VA,0,,GeoNames\nAtlantis,country,AT,-5,,Plato\n"
                    "Sweden,country,SE,449964,,GeoNames\n", encoding="utf-8")
    table = ReferenceTable.from_csv(path, use_gazetteer=False)
    assert len(table) == 1
    with pytest.raises(UnknownPlace):
        table.lookup("Vatican City")


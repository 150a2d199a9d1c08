"""Yardsticks: the cities, nations, counties and territories news measures territory by
("an area the size of Wales"), from the hand-curated gazetteer/data/reference_areas.csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from contested.checks import Tolerances, check_comparison
from contested.claims.model import Claim, Comparison, Stated
from contested.core.exceptions import DataError, UnknownPlace
from contested.gazetteer.official_areas import (
    ALIASES,
    OFFICIAL_AREAS_CSV,
    default_references,
    fold_reference_name,
    official_area,
)
from contested.gazetteer.reference_areas import (
    COLUMNS,
    REFERENCE_AREAS_CSV,
    positive_km2,
    read_reference_areas,
)
from contested.resolution import ClaimResolver


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _row_problems(row: dict[str, str]) -> list[str]:
    """What is wrong with one row of the yardstick table (nothing, for a good row)."""
    problems = [f"no {column}" for column in ("name", "kind", "code", "source")
                if not (row.get(column) or "").strip()]
    total = positive_km2((row.get("total_km2") or "").strip())
    if total is None:
        problems.append(f"total_km2 {row.get('total_km2')!r} is not a positive number")
    land_written = (row.get("land_km2") or "").strip()
    land = positive_km2(land_written)
    if land_written and (land is None or (total is not None and land > total)):
        problems.append(f"land_km2 {land_written!r} is not a positive number up to the total")
    if not (row.get("url") or "").startswith(("http://", "https://")):
        problems.append("no source URL")
    return problems


def compared(km2: float, reference: str, factor: float | None = None,
             stated_reference_km2: float | None = None) -> Claim:
    return Claim(id="d:1", stated=(Stated(km2, "km2", km2),),
                 comparison=Comparison((reference,), factor, None, stated_reference_km2))


def run(*claims: Claim):
    table = default_references()
    return check_comparison(list(claims), Tolerances(), table.lookup,
                            ClaimResolver(None, table).scope)


# --- the shipped table ------------------------------------------------------------------------

def test_every_row_of_the_shipped_yardstick_table_has_a_positive_total_and_a_source_url():
    rows = _rows(REFERENCE_AREAS_CSV)
    assert tuple(rows[0]) == COLUMNS
    assert 40 <= len(rows) <= 80
    problems = {row["name"]: _row_problems(row) for row in rows if _row_problems(row)}
    assert problems == {}


def test_a_malformed_row_fails_the_shipped_table_check_and_the_loader_leaves_it_out(tmp_path):
    path = tmp_path / "reference_areas.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n"
        "Atlantis,,city,atlantis,n/a,,Plato,https://example.org,\n"
        "Lemuria,,city,lemuria,0,,Plato,https://example.org,\n"
        "Mu,,city,mu,-5,,Plato,https://example.org,\n"
        "Hy-Brasil,,island,hy-brasil,120,200,Plato,,\n"
        "Wales,Cymru,nation,GB-WLS,21225,20732,ONS; SAM,https://example.org,\n",
        encoding="utf-8")
    rows = _rows(path)
    assert [bool(_row_problems(row)) for row in rows] == [True, True, True, True, False]
    assert "no source URL" in _row_problems(rows[3])
    assert [reference.name for reference in read_reference_areas(path)] == ["Hy-Brasil", "Wales"]


def test_no_row_of_the_shipped_table_goes_missing_on_loading():
    loaded = read_reference_areas()
    assert len(loaded) == len(_rows(REFERENCE_AREAS_CSV))
    table = default_references()
    assert all(table.get(reference.key) == reference for reference in loaded)


def test_yardstick_keys_and_spellings_are_unique_and_shadow_no_country_or_state():
    official = {f"{'usstate' if row['kind'].startswith('us_') else row['kind']}:{row['code']}":
                row for row in _rows(OFFICIAL_AREAS_CSV)}
    official_names = {fold_reference_name(row["name"]) for row in official.values()}
    yardsticks = read_reference_areas()
    keys = [reference.key for reference in yardsticks]
    assert len(keys) == len(set(keys))
    for reference in yardsticks:
        if reference.key in official:  # only to fill in an official row with no usable figure
            assert positive_km2(official[reference.key]["total_km2"]) is None, reference.key
    spellings = [fold_reference_name(name) for reference in yardsticks
                 for name in (reference.name, *reference.alt_names)]
    assert len(spellings) == len(set(spellings))
    assert not set(spellings) & official_names
    for reference in yardsticks:
        for name in (reference.name, *reference.alt_names):
            assert ALIASES.get(fold_reference_name(name), reference.key) == reference.key, name


# --- what a comparison is checked against -----------------------------------------------------

def test_the_size_of_wales_is_checked_against_wales_official_area():
    [finding] = run(compared(21000, "Wales"))
    assert finding.verdict == "consistent"
    assert finding.reference_id == "nation:GB-WLS"
    assert finding.message.startswith("21,000 km² vs Wales 21,225 km² (ONS)")
    [too_big] = run(compared(60000, "Wales"))
    assert too_big.verdict == "inconsistent"


def test_a_yardstick_that_was_missing_is_no_longer_unverifiable():
    for name in ("England", "Scotland", "Northern Ireland", "Greater London", "Manhattan",
                 "New York City", "Berlin", "Moscow", "Kyiv", "Rome", "Tokyo", "Chicago",
                 "Los Angeles", "Long Island", "Gaza Strip", "West Bank", "Crimea", "Kent",
                 "Yorkshire", "Cornwall", "Greater Manchester", "Vatican City"):
        [finding] = run(compared(official_area(name).total_km2, name))
        assert finding.verdict == "consistent", (name, finding.message)


def test_the_size_of_paris_means_paris_france_not_paris_texas():
    paris = official_area("Paris")
    assert (paris.key, paris.total_km2, paris.source) == ("city:FR-75C", 105.4, "INSEE")
    assert official_area("Paris, France") == paris
    with pytest.raises(UnknownPlace):
        official_area("Paris, Texas")


def test_the_size_of_london_means_greater_london():
    london = official_area("London")
    assert (london.name, london.total_km2) == ("Greater London", 1572)
    assert official_area("the size of Greater London") == london
    with pytest.raises(UnknownPlace):
        official_area("the City of London")  # the Square Mile is not Greater London


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("NYC", "city:new-york-city"),
        ("New York City", "city:new-york-city"),
        ("Kiev", "city:UA-30"),
        ("Gaza", "territory:gaza-strip"),
        ("the Gaza Strip", "territory:gaza-strip"),
        ("the West Bank", "territory:west-bank"),
        ("the Golan", "territory:golan-heights"),
        ("the Bronx", "borough:bronx"),
        ("Bronx", "borough:bronx"),
        ("L.A.", "city:los-angeles"),
        ("the Crimean Peninsula", "territory:crimea"),
        ("Cymru", "nation:GB-WLS"),
        ("the Vatican", "country:VA"),
        ("Vatican City", "country:VA"),
    ],
)
def test_news_spellings_of_yardsticks_resolve(written: str, key: str):
    assert official_area(written).key == key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Georgia", "country:GE"),
        ("the state of Georgia", "usstate:GA"),
        ("Washington", "usstate:WA"),
        ("Washington, DC", "usstate:DC"),
        ("New York", "usstate:NY"),
        ("New York state", "usstate:NY"),
        ("Jersey", "country:JE"),
        ("Norfolk Island", "country:NF"),
    ],
)
def test_countries_and_states_keep_their_names(written: str, key: str):
    assert official_area(written).key == key


@pytest.mark.parametrize("ambiguous", ["Manchester", "Victoria", "Punjab", "Ulster"])
def test_ambiguous_names_are_left_out_of_the_yardsticks(ambiguous: str):
    with pytest.raises(UnknownPlace):
        official_area(ambiguous)


def test_a_stated_land_area_of_a_yardstick_is_accepted_as_its_land_area():
    _, stated = run(compared(1200, "San Francisco", factor=2, stated_reference_km2=121))
    assert stated.verdict == "consistent"
    assert "land area" in stated.message


def test_a_share_of_the_gaza_strip_is_checked_against_its_area():
    [finding] = run(compared(58, "Gaza Strip", factor=0.16))
    assert finding.verdict == "consistent"
    assert "Gaza Strip 365 km² (PCBS)" in finding.message


# --- yardsticks are for comparisons only ------------------------------------------------------

def test_a_yardstick_is_not_a_scope_unit():
    table = default_references()
    assert table.exact_key("Kyiv") is None and table.exact_key("Wales") is None
    scopes = ClaimResolver(None, table)
    assert [unit.level for unit in scopes.scope("Crimea").units] == ["text"]
    assert [unit.id for unit in scopes.scope("Iraq").units] == ["country:IQ"]


def test_a_yardstick_has_no_shipped_polygon_to_draw():
    from contested.geo.shapes import reference_geometry

    with pytest.raises(DataError):
        reference_geometry(official_area("Wales"))

"""Shipped boundaries, user files (admin-2 fixture), repair with a warning, the CLI."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from contested.cli import cli
from contested.core.exceptions import GeometryError, InputError
from contested.geo import boundaries
from contested.geo.area import geodesic_area_km2

FIXTURE = Path(__file__).parent / "data" / "admin2_fixture.geojson"


def test_admin1_of_iraq_has_its_governorates_with_areas():
    units = boundaries.admin1("IQ")
    assert len(units) == 18
    assert units.crs.to_epsg() == 4326
    anbar = units.set_index("admin1_id").loc["IRQ-3471"]
    assert anbar["area_km2"] == pytest.approx(geodesic_area_km2(anbar.geometry)[0])
    assert 130_000 < anbar["area_km2"] < 145_000


@pytest.mark.parametrize("iso2", ["IQ", "SY"])
def test_admin1_units_sum_to_the_country_polygon(iso2):
    units = boundaries.admin1(iso2)
    country = boundaries.countries().set_index("iso2").loc[iso2]
    assert units["area_km2"].sum() == pytest.approx(country["area_km2"], rel=5e-3)


def test_unknown_country_names_the_packed_ones():
    with pytest.raises(InputError, match="IQ"):
        boundaries.admin1("XX")


def test_pack_is_cached_but_callers_get_their_own_copy():
    first = boundaries.admin1("IQ")
    first["area_km2"] = 0.0
    assert boundaries.admin1("IQ")["area_km2"].gt(0).all()


def test_world_countries_and_us_states_have_areas():
    world = boundaries.countries("world")
    assert len(world) > 200 and world["area_km2"].gt(0).all()
    states = boundaries.us_states().set_index("postal")
    assert states.loc["DC", "area_km2"] == pytest.approx(172, rel=0.05)


def test_user_admin2_file_guesses_name_field_and_repairs_bow_tie():
    with pytest.warns(boundaries.BoundaryRepairWarning, match="Fixture Bow Tie"):
        districts = boundaries.read_boundaries(FIXTURE)
    assert list(districts["name"])[:3] == [
        "Fixture West Anbar", "Fixture Mid Anbar", "Fixture East Anbar"
    ]
    assert shapely.is_valid(districts.geometry.values).all()
    bow_tie = districts.set_index("name").loc["Fixture Bow Tie"]
    assert bow_tie.geometry.geom_type == "MultiPolygon"  # two triangles
    assert bow_tie["area_km2"] > 0


def test_districts_sum_to_their_governorate():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", boundaries.BoundaryRepairWarning)
        districts = boundaries.read_boundaries(FIXTURE)
    anbar_districts = districts[districts["ADM1_EN"] == "Anbar"]["area_km2"].sum()
    anbar = boundaries.admin1("IQ").set_index("admin1_id").loc["IRQ-3471", "area_km2"]
    assert anbar_districts == pytest.approx(anbar, rel=0.01)  # the fixture is simplified


def _unnamed_copy(tmp_path: Path) -> Path:
    frame = gpd.read_file(FIXTURE).rename(columns={"ADM2_EN": "label_text"})
    frame = frame.drop(columns=["ADM1_EN"])
    path = tmp_path / "districts.gpkg"
    frame.to_crs("EPSG:3857").to_file(path, driver="GPKG")
    return path


def test_unknown_name_field_is_demanded_with_the_columns_listed(tmp_path):
    path = _unnamed_copy(tmp_path)
    with pytest.raises(InputError, match="label_text") as caught:
        boundaries.read_boundaries(path)
    assert "--name-field" in str(caught.value)
    with pytest.raises(InputError, match="no column"):
        boundaries.read_boundaries(path, name_field="NAME_2")


def test_projected_file_is_read_back_in_wgs84_with_the_same_areas(tmp_path):
    path = _unnamed_copy(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", boundaries.BoundaryRepairWarning)
        projected = boundaries.read_boundaries(path, name_field="label_text")
        original = boundaries.read_boundaries(FIXTURE)
    assert projected.crs.to_epsg() == 4326
    assert list(projected["area_km2"]) == pytest.approx(list(original["area_km2"]), rel=1e-6)


def test_point_features_are_not_boundaries(tmp_path):
    path = tmp_path / "points.geojson"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(44, 33)], crs=4326).to_file(path)
    with pytest.raises(GeometryError, match="'a'"):
        boundaries.read_boundaries(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such"):
        boundaries.read_boundaries(tmp_path / "nope.gpkg")


@pytest.mark.parametrize("name", ["Anbar", "محافظة الأنبار", "Dulaim", "IRQ-3471"])
def test_find_units_by_name_alt_name_arabic_and_code(name):
    found = boundaries.find_units(boundaries.admin1(), name)
    assert list(found["admin1_id"]) == ["IRQ-3471"]


def run(runner, *args):
    return runner.invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def runner():
    from click.testing import CliRunner

    return CliRunner()


def test_cli_list_prints_one_json_object_per_unit(runner):
    result = run(runner, "boundaries", "list", "--country", "IQ", "--json")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 18
    assert {"name", "id", "country", "area_km2"} <= set(records[0])
    assert records[0]["name"] == "Al-Anbar"  # largest first


def test_cli_show_by_arabic_name(runner):
    result = run(runner, "boundaries", "show", "الأنبار", "--json")
    record = json.loads(result.stdout)
    assert record["id"] == "IRQ-3471" and record["area_km2"] > 130_000


def test_cli_show_in_user_file_warns_on_stderr(runner):
    result = run(runner, "boundaries", "show", "Fixture Bow Tie", "--boundaries", str(FIXTURE))
    assert result.exit_code == 0
    assert "Fixture Bow Tie" in result.stdout
    assert "repaired invalid geometry" in result.stderr


def test_cli_show_unknown_name_in_user_file_exits_3():
    from contested.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["boundaries", "show", "Nowhere At All", "--boundaries", str(FIXTURE)])
    assert caught.value.code == 3

"""Your own boundaries on every command that draws or checks: names found with the
gazetteer's folding ("Hawija" finds "Hawija District"), pcodes kept, the units used for
containment, shading, popups and credit alike, a GeoPackage layer chosen by name."""

from __future__ import annotations

import json

import geopandas as gpd
import pyogrio
import pytest
from click.testing import CliRunner
from conftest import REPO

from contested.cli import cli
from contested.geo.user_units import bare_key, read_user_units

DISTRICTS = REPO / "tests" / "data" / "districts_fixture.geojson"
QAIM_CLAIMS = """claims:
  - id: qaim:1
    value: 20000
    unit: km2
    kind: liberated
    scope: al-Qaim
    places: [al-Qaim]
    date: 2017-11-03
    source: Test wire
    quote: "forces liberated 20,000 square kilometres around al-Qaim"
"""


@pytest.fixture()
def qaim(tmp_path):
    path = tmp_path / "qaim.yaml"
    path.write_text(QAIM_CLAIMS, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_unit_words_and_the_article_are_optional_in_names():
    assert bare_key("Hawija District") == bare_key("al-Hawija") == bare_key("Hawija")
    units = read_user_units(DISTRICTS)
    assert units.find("Hawija")["name"].tolist() == ["Hawija District"]
    assert units.find("al-Qaim district")["unit_id"].tolist() == ["IQ-FXD01"]
    assert units.find("قضاء الموصل")["name"].tolist() == ["Mosul District"]


def test_boundaries_show_finds_hawija_district_with_its_pcode(gazetteer):
    result = run("boundaries", "show", "Hawija", "--boundaries", DISTRICTS, "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["name"] == "Hawija District" and record["id"] == "IQ-FXD02"
    # Another spelling of the place finds it too, through the gazetteer's names.
    other = run("boundaries", "show", "Huwayjah", "--boundaries", DISTRICTS, "--json")
    assert json.loads(other.stdout)["id"] == "IQ-FXD02"


def test_check_tests_a_claim_against_the_users_district(qaim, gazetteer):
    without = run("check", qaim, "--json")
    assert [json.loads(line)["rule"] for line in without.stdout.splitlines()] == []
    result = run("check", qaim, "--boundaries", DISTRICTS, "--json")
    assert result.exit_code == 1  # inconsistent
    (finding,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert finding["rule"] == "containment" and finding["verdict"] == "inconsistent"
    assert "Al-Qa'im District 10,242 km² (districts_fixture.geojson" in finding["message"]
    assert "exceeds the unit by 95%, beyond the 10% tolerance" in finding["message"]


def test_map_shades_popups_and_credits_the_users_units(qaim, tmp_path, gazetteer):
    out = tmp_path / "map.html"
    result = run("map", qaim, "-o", out, "--boundaries", DISTRICTS, "--json")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "districts_fixture.geojson (your file)" in page  # the credit names the file
    assert "Natural Earth, Admin" not in page and "Admin units: Natural Earth" not in page
    assert "#67000d" in page  # the district shaded "more than 100%"
    assert json.loads(result.stdout)["admin_units"] == 4


def test_the_popup_gives_the_share_of_the_users_unit(qaim, gazetteer):
    from contested.geo.attach import attach
    from contested.maps.frames import frames_from_claims
    from contested.maps.layers import frame_layers
    from contested.pipeline import load_resolved

    units = read_user_units(DISTRICTS)
    resolved = load_resolved([qaim], units=units)
    frames = frames_from_claims(resolved, boundaries=units, attachment=attach(resolved, units))
    disks = [g for g in frame_layers(frames) if "Claimed" in g.layer_name][0]
    (geojson,) = [c for c in disks._children.values() if hasattr(c, "data")]
    popup = geojson.data["features"][0]["properties"]["popup"]
    assert "195% of <b>Al-Qa&#x27;im District</b> (10,242 km²)" in popup
    assert "Al-Anbar" not in popup  # not the share of the shipped governorate


def test_export_and_run_take_the_same_options(qaim, tmp_path, gazetteer):
    result = run("export", qaim, "-o", tmp_path / "out.gpkg", "--boundaries", DISTRICTS,
                 "--id-field", "ADM2_PCODE", "--name-field", "ADM2_EN")
    assert result.exit_code == 0, result.output
    admin = pyogrio.read_dataframe(tmp_path / "out.gpkg", layer="admin_units")
    assert admin["unit_id"].tolist() == ["IQ-FXD01"]
    out = tmp_path / "run"
    result = run("run", qaim, "--no-example", "-o", out, "--boundaries", DISTRICTS)
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]
    assert [f["verdict"] for f in findings if f["rule"] == "containment"] == ["inconsistent"]
    assert "your file" in (out / "map.html").read_text(encoding="utf-8")


def test_a_file_without_a_name_field_asks_for_the_option_the_command_has(tmp_path, qaim):
    frame = gpd.read_file(DISTRICTS).rename(columns={"ADM2_EN": "label"})
    frame = frame.drop(columns=["ADM1_EN"])
    nameless = tmp_path / "nameless.geojson"
    frame.to_file(nameless, driver="GeoJSON")
    result = CliRunner().invoke(cli, ["map", str(qaim), "-o", str(tmp_path / "m.html"),
                                      "--boundaries", str(nameless)])
    assert result.exit_code == 2
    assert "pass --name-field" in result.output
    fixed = run("map", qaim, "-o", tmp_path / "m.html", "--boundaries", nameless,
                "--name-field", "label")
    assert fixed.exit_code == 0, fixed.output


def test_a_geopackage_layer_is_chosen_by_name(tmp_path, qaim):
    frame = gpd.read_file(DISTRICTS)
    package = tmp_path / "iraq.gpkg"
    frame.to_file(package, layer="districts", driver="GPKG")
    frame.dissolve("ADM1_EN").reset_index().to_file(package, layer="governorates",
                                                     driver="GPKG")
    result = CliRunner().invoke(cli, ["check", str(qaim), "--boundaries", str(package)])
    assert result.exit_code == 2
    assert "districts, governorates" in result.output
    assert "--boundaries-layer" in result.output
    chosen = run("check", qaim, "--boundaries", package, "--boundaries-layer", "districts",
                 "--json")
    assert "Al-Qa'im District" in chosen.stdout
    listed = run("boundaries", "list", "--boundaries", package, "--layer", "governorates",
                 "--json")
    assert len(listed.stdout.splitlines()) == 3


def test_layer_options_without_a_file_are_a_usage_error(qaim):
    result = CliRunner().invoke(cli, ["check", str(qaim), "--name-field", "x"])
    assert result.exit_code == 2 and "needs --boundaries" in result.output

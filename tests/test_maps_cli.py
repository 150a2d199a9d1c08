"""`contested map` end to end: claims file → resolved places, checks → one HTML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from maps_fixtures import XSS_PAYLOADS, write_hostile_claims

import contested
from contested.cli import cli
from contested.core.exceptions import InputError
from contested.maps.basemap import tile_layer
from contested.maps.offline import remote_references

EXAMPLE = Path(__file__).resolve().parents[1] / "contested" / "data" / "example_claims.yaml"


@pytest.fixture(scope="module")
def hostile_claims_file(tmp_path_factory) -> Path:
    return write_hostile_claims(tmp_path_factory.mktemp("claims") / "hostile.yaml")


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_map_of_the_example_writes_one_offline_page(tmp_path):
    out = tmp_path / "map.html"
    result = _run("map", str(EXAMPLE), "-o", str(out), "--offline", "--json")
    summary = json.loads(result.stdout)
    page = out.read_text(encoding="utf-8")
    assert summary["output"] == str(out) and summary["bytes"] == len(page.encode())
    assert summary["disks"] > 0 and summary["references"] > 0 and summary["admin_units"] > 0
    assert remote_references(page) == []
    assert "New Jersey" in page and "Al-Anbar" in page


def test_map_without_json_prints_nothing_on_stdout(tmp_path):
    result = _run("map", str(EXAMPLE), "-o", str(tmp_path / "map.html"), "--no-checks")
    assert result.stdout == ""


def test_hostile_claims_file_is_escaped_end_to_end(tmp_path, hostile_claims_file):
    out = tmp_path / "map.html"
    _run("map", str(hostile_claims_file), "-o", str(out), "--offline", "--title", XSS_PAYLOADS[3])
    page = out.read_text(encoding="utf-8")
    for payload in XSS_PAYLOADS:
        assert payload not in page


def test_user_boundaries_are_shaded_by_location(tmp_path):
    boundaries = tmp_path / "districts.geojson"
    boundaries.write_text(json.dumps({
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": "Mosul district"},
             "geometry": {"type": "Polygon", "coordinates": [
                 [[42.6, 36.0], [43.6, 36.0], [43.6, 36.8], [42.6, 36.8], [42.6, 36.0]]]}},
            {"type": "Feature", "properties": {"name": "Elsewhere"},
             "geometry": {"type": "Polygon", "coordinates": [
                 [[44.0, 33.0], [45.0, 33.0], [45.0, 34.0], [44.0, 34.0], [44.0, 33.0]]]}},
        ],
    }), encoding="utf-8")
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n  - id: m1\n    value: 500\n    unit: km2\n    places: [Mosul]\n",
        encoding="utf-8",
    )
    out = tmp_path / "map.html"
    summary = json.loads(_run("map", str(claims), "-o", str(out), "--boundaries",
                              str(boundaries), "--json").stdout)
    page = out.read_text(encoding="utf-8")
    assert summary["admin_units"] == 2
    assert "Mosul district" in page and "claim m1" in page


def test_unknown_tile_provider_is_an_input_error():
    with pytest.raises(InputError, match="No.Such"):
        tile_layer("No.Such")


def test_tile_provider_that_needs_a_key_is_refused():
    with pytest.raises(InputError, match="API key"):
        tile_layer("CartoDB.Positron")


def test_layers_of_claims_are_the_layers_the_cli_draws():
    import folium

    from contested.claims.claim_files import load_claims
    from contested.maps.layers import LAYER_NAMES

    groups = contested.layers(load_claims([EXAMPLE]))
    assert [g.layer_name for g in groups] == [
        LAYER_NAMES[k] for k in ("admin", "references", "disks", "places")
    ]
    assert all(isinstance(g, folium.FeatureGroup) for g in groups)


def test_arabic_name_prefers_arabic_letters_over_other_arabic_script_languages():
    from types import SimpleNamespace

    from contested.maps.frames import _arabic_name

    place = SimpleNamespace(alt_names=("Mosul", "mwsڵ", "مووسڵ", "الموصل"))
    assert _arabic_name(place) == "الموصل"
    assert _arabic_name(SimpleNamespace(alt_names=("Mosul",))) is None

"""The Folium renderer without a browser: escaping, offline assets, layers, shares, files."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import numpy as np
import pytest
import shapely
from maps_fixtures import XSS_PAYLOADS, sample_frames

from contested import maps
from contested.core.exceptions import DataError
from contested.maps.escape import script_json, text
from contested.maps.geojson import feature_collection, simplify_coverage
from contested.maps.layers import LAYER_NAMES, admin_shares
from contested.maps.offline import remote_references
from contested.maps.style import VERDICT_COLOURS

FINDINGS = [
    {"rule": "units", "verdict": "inconsistent", "claims": ["a.txt:1"],
     "message": "3,900 km² <b>disagrees</b>"},
    {"rule": "units", "verdict": "consistent", "claims": ["a.txt:1", "b.txt:1"], "message": "ok"},
]


def _page(offline: bool, hostile: bool = True, title: str | None = None) -> str:
    folium_map = maps.render(sample_frames(hostile=hostile), FINDINGS, offline=offline, title=title)
    return folium_map.get_root().render()


def _geojson_features(folium_map: folium.Map, layer_key: str) -> list[dict]:
    for child in folium_map._children.values():
        if isinstance(child, folium.FeatureGroup) and child.layer_name == LAYER_NAMES[layer_key]:
            (geojson,) = [c for c in child._children.values() if isinstance(c, folium.GeoJson)]
            return geojson.data["features"]
    raise AssertionError(f"no {layer_key} layer")


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_text_escapes_markup_of_every_payload(payload):
    escaped = text(payload)
    assert "<" not in escaped and ">" not in escaped and '"' not in escaped


def test_script_json_cannot_close_a_script_element():
    encoded = script_json({"quote": "</script><script>alert(1)</script> <!-- x"})
    assert "</" not in encoded and "<!--" not in encoded
    assert json.loads(encoded)["quote"].startswith("</script>")


@pytest.mark.parametrize("offline", [True, False])
def test_no_payload_reaches_the_page_as_markup(offline):
    page = _page(offline, title="<script>alert(1)</script>")
    for payload in XSS_PAYLOADS:
        assert payload not in page
    # No element from a document with an event handler (Leaflet's own <svg> flag has none).
    assert not re.search(r"<(?:img|svg)\b[^>]*\bon\w+\s*=", page)


def test_title_is_escaped_in_the_tab_and_on_the_map():
    page = _page(offline=True, title='Raqqa & "Mosul" <b>')
    assert "<title>Raqqa &amp; &#x27;" not in page  # no double escaping either
    assert "<title>Raqqa &amp; &quot;Mosul&quot; &lt;b&gt;</title>" in page


def test_offline_page_inlines_leaflet_and_fetches_nothing():
    page = _page(offline=True)
    assert remote_references(page) == []
    assert "t.version=\"1.9.3\"" in page  # Leaflet inlined
    assert "cdn.jsdelivr" not in page and "L.tileLayer(" not in page


def test_online_page_links_leaflet_and_tiles_with_attribution():
    page = _page(offline=False)
    assert 'src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"' in page
    assert "L.tileLayer(" in page and "Esri" in page
    assert "bootstrap" not in page and "fontawesome" not in page


def test_remote_reference_added_to_an_offline_map_is_refused(tmp_path):
    folium_map = maps.render(sample_frames(), offline=True)
    folium_map.get_root().header.add_child(
        folium.elements.JavascriptLink("https://example.org/plugin.js"), name="plugin"
    )
    with pytest.raises(DataError, match="example.org/plugin.js.*offline=False"):
        maps.save(folium_map, tmp_path / "map.html", offline=True)
    assert not (tmp_path / "map.html").exists()


def test_layers_are_feature_groups_to_add_to_any_map():
    groups = maps.layers(sample_frames(), FINDINGS)
    assert [g.layer_name for g in groups] == [
        LAYER_NAMES[k] for k in ("admin", "references", "disks", "places")
    ]
    my_map = folium.Map(location=[35, 40], zoom_start=5)
    for group in groups:
        group.add_to(my_map)
    page = my_map.get_root().render()
    assert page.count("bindPopup") >= len(groups)


def test_disks_take_the_worst_verdict_of_their_findings():
    folium_map = maps.render(sample_frames(), FINDINGS)
    by_id = {f["properties"]["verdict"]: f for f in _geojson_features(folium_map, "disks")}
    assert set(by_id) == {"inconsistent", "consistent"}
    assert by_id["inconsistent"]["properties"]["style"]["color"] == VERDICT_COLOURS["inconsistent"]
    assert "3,900 km² &lt;b&gt;disagrees&lt;/b&gt;" in by_id["inconsistent"]["properties"]["popup"]


def test_unchecked_claims_are_drawn_as_unchecked():
    folium_map = maps.render(sample_frames())
    verdicts = {f["properties"]["verdict"] for f in _geojson_features(folium_map, "disks")}
    assert verdicts == {"unchecked"}


def test_popup_carries_exact_quote_source_and_date():
    folium_map = maps.render(sample_frames())
    popups = " ".join(f["properties"]["popup"] for f in _geojson_features(folium_map, "disks"))
    assert "they&#x27;ve liberated more than 3,900 km² &amp; &quot;quotes&quot;" in popups
    assert "DoD News" in popups and "2017-02-15" in popups and "Maj. Gen. Jones" in popups


def test_admin_tooltip_has_english_and_arabic_names_and_geodesic_area():
    frames = sample_frames()
    folium_map = maps.render(frames)
    tooltips = [f["properties"]["tooltip"] for f in _geojson_features(folium_map, "admin")]
    assert "نينوى" in tooltips[0] and "Ninawa" in tooltips[0]
    assert f"{frames.admin['area_km2'].iloc[0]:,.0f} km²" in tooltips[0]


def test_admin_share_is_claimed_area_over_unit_area():
    frames = sample_frames()
    shares = admin_shares(frames.admin, frames.claims)
    expected = frames.claims["claimed_km2"].to_numpy() / frames.admin["area_km2"].to_numpy()
    np.testing.assert_allclose(shares["share"].to_numpy(), expected)
    assert shares["share_claim"].tolist() == ["a.txt:1", "b.txt:1"]


def test_admin_share_joins_by_location_for_boundaries_without_ids():
    frames = sample_frames()
    admin = frames.admin.drop(columns="admin1_id")
    shares = admin_shares(admin, frames.claims)
    assert shares["share_claim"].tolist() == ["a.txt:1", "b.txt:1"]


def test_claims_located_only_to_a_country_do_not_shade_a_unit_by_location():
    frames = sample_frames()
    claims = frames.claims.assign(precision=["country", "point"])
    shares = admin_shares(frames.admin.drop(columns="admin1_id"), claims)
    assert shares["share"].isna().tolist() == [True, False]


def test_claims_on_a_country_label_point_do_not_shade_a_unit_by_location():
    frames = sample_frames()
    claims = frames.claims.assign(place_id=["country:IQ", "geonames:163915"])
    shares = admin_shares(frames.admin.drop(columns="admin1_id"), claims)
    assert shares["share"].isna().tolist() == [True, False]


def test_time_slider_only_when_claims_carry_several_dates():
    assert '"ct-box ct-slider"' in _page(offline=True, hostile=False)
    frames = sample_frames()
    frames.claims["date"] = None
    page = maps.render(frames).get_root().render()
    assert '"ct-box ct-slider"' not in page


def test_legend_and_layer_control_are_on_the_page():
    page = _page(offline=True)
    assert "ct-legend" in page and "L.control.layers" in page
    for verdict in VERDICT_COLOURS:
        assert verdict in page


def test_coverage_simplification_keeps_shared_edges():
    wiggly = shapely.Polygon(
        [(0, 0), *[(1 + 0.01 * np.sin(i), i / 50) for i in range(51)], (0, 1)]
    )
    left = wiggly
    right = shapely.box(0, 0, 2, 1).difference(wiggly)
    simplified = simplify_coverage(np.array([left, right]), 0.05)
    assert shapely.get_num_coordinates(simplified).sum() < shapely.get_num_coordinates(
        np.array([left, right])
    ).sum()
    assert shapely.intersection(simplified[0], simplified[1]).area == pytest.approx(0, abs=1e-12)
    assert shapely.union_all(simplified).area == pytest.approx(2.0, rel=1e-9)


def test_coordinates_are_rounded_to_the_decimals_asked():
    points = gpd.GeoSeries(gpd.points_from_xy([43.123456789], [36.987654321]))
    feature = feature_collection(points, [{}], 4)["features"][0]
    assert feature["geometry"]["coordinates"] == [43.1235, 36.9877]


def test_missing_geometries_are_left_out_with_their_properties():
    collection = feature_collection(np.array([None, shapely.Point(1, 2)]), [{"a": 1}, {"a": 2}], 4)
    assert [f["properties"]["a"] for f in collection["features"]] == [2]


def test_save_replaces_the_file_atomically(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("old")
    maps.save(maps.render(sample_frames(), offline=True), target, offline=True)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]

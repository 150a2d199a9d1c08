"""The Python API as a notebook user meets it: offline saving of any folium map with our
layers (folium's own assets inlined, the default marker icon included), errors from the
project's hierarchy worded for Python, ids from ``source=``, lossless claims files."""

from __future__ import annotations

from dataclasses import replace

import folium
import pytest
from browser import PageRecord, chromium, chromium_missing_reason, open_page

import contested
from contested.claims.model import Claim, Stated
from contested.core.exceptions import ContestedError, InputError, UnknownPlace
from contested.maps.offline import remote_references

needs_chromium = pytest.mark.skipif(chromium_missing_reason() is not None,
                                    reason=chromium_missing_reason() or "")
MARKER_IMAGES = """() => Array.from(document.querySelectorAll("img.leaflet-marker-icon"))
    .map(img => [img.complete, img.naturalWidth])"""


def _claims():
    from test_export import IRAQ, RAQQA

    return [Claim(id="a:1", stated=(Stated(3900, "km2", 3900.0),), places=(RAQQA,),
                  date="2017-02-15"),
            Claim(id="a:2", stated=(Stated(41000, "km2", 41000.0),), places=(IRAQ,))]


def _plain_map_with_our_layers() -> folium.Map:
    my_map = folium.Map(location=[34, 42], zoom_start=6, tiles=None)
    for group in contested.layers(contested.resolve_claims(_claims())):
        group.add_to(my_map)
    folium.Marker([33.3, 44.4], popup="Baghdad").add_to(my_map)
    folium.Marker([36.3, 43.1], icon=folium.Icon(icon="info-sign")).add_to(my_map)
    folium.Marker([35.5, 44.0], icon=folium.Icon(icon="flag", prefix="fa", angle=30)).add_to(
        my_map)
    return my_map


def test_any_folium_map_with_our_layers_saves_offline(tmp_path):
    path = contested.save_map(_plain_map_with_our_layers(), tmp_path / "mine.html")
    page = path.read_text(encoding="utf-8")
    assert remote_references(page) == []  # jQuery, Bootstrap, Font Awesome … inlined
    assert "L.Icon.Default.mergeOptions" in page and "data:image/png;base64" in page


@needs_chromium
def test_a_saved_notebook_map_draws_its_markers_with_no_network(tmp_path):
    path = contested.save_map(_plain_map_with_our_layers(), tmp_path / "mine.html")
    with chromium() as browser:
        record = PageRecord()
        page = open_page(browser, record)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        images = page.evaluate(MARKER_IMAGES)
        glyphs = page.locator(".awesome-marker i").count()
        page.close()
    assert images and all(complete and width > 0 for complete, width in images)
    assert glyphs == 2
    assert [u for u in record.requests if not u.startswith(("file:", "data:"))] == []
    assert record.console_errors == []


def test_a_marker_on_our_rendered_map_keeps_its_icon_offline(tmp_path):
    our_map = contested.render(contested.resolve_claims(_claims()))
    folium.Marker([33.3, 44.4]).add_to(our_map)
    page = contested.save_map(our_map, tmp_path / "ours.html").read_text(encoding="utf-8")
    assert remote_references(page) == [] and "L.Icon.Default.mergeOptions" in page


def test_a_plugin_from_a_cdn_is_named_with_what_to_do(tmp_path):
    from folium.plugins import MarkerCluster

    my_map = folium.Map(tiles=None)
    MarkerCluster().add_to(my_map)
    with pytest.raises(ContestedError, match=r"markercluster.*offline=False"):
        contested.save_map(my_map, tmp_path / "cluster.html")
    contested.save_map(my_map, tmp_path / "cluster.html", offline=False)


def test_errors_speak_python_to_a_python_user():
    with pytest.raises(UnknownPlace) as unknown:
        contested.resolve("Xyzzyville")
    assert "--country" not in str(unknown.value) and "country='IQ'" in str(unknown.value)
    with pytest.raises(InputError, match="extract"):
        contested.check(["41,000 sq km"])  # was AttributeError
    with pytest.raises(InputError):
        contested.save_map("not a map", "x.html")


def test_extract_ids_come_from_source():
    text = "Iraqi forces have liberated 1,500 square kilometres west of Mosul."
    assert [c.id for c in contested.extract(text)] == ["text:1"]  # was stdin:1
    assert [c.id for c in contested.extract(text, source="wire.txt")] == ["wire.txt:1"]


@pytest.mark.parametrize("suffix", [".yaml", ".jsonl", ".geojson", ".csv"])
def test_claims_files_keep_every_field_of_a_place(tmp_path, gazetteer, suffix):
    mosul = gazetteer.resolve("Mosul")
    assert mosul.population and mosul.alt_names
    claim = replace(_claims()[0], places=(mosul,))
    path = contested.save_claims([claim], tmp_path / f"claims{suffix}")
    (back,) = contested.load_claims(path)
    assert back == claim  # population and alternative scores too
    assert back.places[0].alt_names == mosul.alt_names  # not part of equality: checked here


def test_the_ledger_is_a_dataframe_and_its_timeline_an_altair_chart():
    import altair as alt

    held = Claim(id="a:3", kind="held", actor="ISIS", scope="Iraq and Syria",
                 date="2016-07-04", stated=(Stated(68300, "km2", 68300.0),))
    table = contested.ledger([held])
    mine = table[table["claim"] == "a:3"]
    assert list(mine["verdict"]) == ["consistent"]
    assert (table["origin"] == "published").any()
    assert (contested.ledger([held], bundled=False)["origin"] == "claim").all()
    assert isinstance(contested.timeline([held]), alt.TopLevelMixin)

"""What makes the map readable at a glance: which reference shapes open shown, stacked disks
as concentric outlines, every unit drawn, named sides of units hatched, labelled places."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely
from maps_fixtures import STACKED_FINDINGS, XSS_PAYLOADS, stacked_frames

from contested import maps
from contested.gazetteer.place import Place
from contested.maps.frames import CRS, map_places, side_parts
from contested.maps.layers import (
    LAYER_NAMES,
    findings_by_claim,
    frame_layers,
    place_label_ranks,
    reference_shown,
    stack_styles,
)
from contested.maps.popups import reference_label
from contested.maps.style import PART_STYLE, STACK_DASHES, VERDICT_COLOURS


def _features(group) -> list[dict]:
    (geojson,) = [c for c in group._children.values() if hasattr(c, "data")]
    return geojson.data["features"]


def _groups(frames=None, findings=STACKED_FINDINGS, **kwargs) -> dict[str, object]:
    groups = frame_layers(frames or stacked_frames(), findings, **kwargs)
    names = {name: key for key, name in LAYER_NAMES.items()}
    return {names[g.layer_name]: g for g in groups}


def _shapes(features: list[dict]) -> list[dict]:
    return [f for f in features if not f["properties"].get("label")]


def _labels(features: list[dict]) -> list[str]:
    return [f["properties"]["label"] for f in features if f["properties"].get("label")]


# ---------------------------------------------------------------- reference shapes

def test_reference_whose_comparison_fails_opens_shown_and_matching_one_hidden():
    groups = _groups()
    shown = _labels(_features(groups["references"]))
    hidden = _labels(_features(groups["references_matching"]))
    assert any(label.startswith("Sweden") for label in shown)
    assert [label.split(",")[0] for label in hidden] == ["Virginia"]
    assert groups["references"].show and not groups["references_matching"].show


def test_reference_that_is_a_claims_only_size_opens_shown():
    shown = _labels(_features(_groups()["references"]))
    assert any(label.startswith("New Jersey") for label in shown)


def test_reference_the_user_asks_for_opens_shown_whatever_the_checks_found():
    groups = _groups(references=["virginia"])
    assert "references_matching" not in groups
    assert len(_labels(_features(groups["references"]))) == 3


def test_reference_shown_rules():
    with_figure = {"id": "c", "reference": "Virginia", "claimed_km2": 110000.0}
    assert not reference_shown(with_figure, "consistent")
    assert reference_shown(with_figure, "inconsistent")
    assert reference_shown(with_figure, "unchecked")  # no check ran: nothing says it matches
    assert reference_shown({**with_figure, "claimed_km2": np.nan}, "consistent")
    assert reference_shown(with_figure, "consistent", asked=["VIRGINIA"])


def test_reference_is_a_dash_dot_outline_on_a_halo_unlike_borders_labelled_with_its_size():
    from contested.maps.style import ADMIN_LINE, OUTLINE_STYLE, REFERENCE_STYLE

    features = _shapes(_features(_groups()["references"]))
    styles = [feature["properties"]["style"] for feature in features]
    assert all(style["fill"] is False for style in styles)
    outlines = [s for s in styles if s.get("dashArray")]
    halos = [s for s in styles if not s.get("dashArray")]
    assert len(outlines) == len(halos) == 2  # Sweden and New Jersey; each on a white halo
    assert all(s["color"] == "#ffffff" and s["weight"] > outlines[0]["weight"] for s in halos)
    # Neither grey like the borders nor dashed like them: a colour and a dash-dot of its own.
    assert REFERENCE_STYLE["color"] not in (ADMIN_LINE["color"], OUTLINE_STYLE["color"])
    assert len(REFERENCE_STYLE["dashArray"].split()) == 4
    label = reference_label({"reference": "Sweden", "official_km2": 449964.0})
    assert label == "Sweden, 449,964 km², at true size"
    assert reference_label({"reference": "District of Columbia", "official_km2": 177.0,
                            "factor": 10.0}) == (
        "10 × District of Columbia, 177 km² each, at true size")


def test_reference_label_sits_on_the_outline_inside_the_view():
    frames = stacked_frames()
    features = _features(_groups(frames)["references"])
    sweden_label = next(f for f in features if str(f["properties"].get("label", "")
                                                   ).startswith("Sweden"))
    west, south, east, north = frames.bounds
    x, y = sweden_label["geometry"]["coordinates"]
    assert west <= x <= east and south <= y <= north
    sweden = frames.references.geometry.iloc[0]
    assert sweden.boundary.distance(shapely.Point(x, y)) < 1e-3


# ---------------------------------------------------------------- stacked disks

def test_stacked_disks_are_drawn_largest_first_with_thin_fills():
    features = _features(_groups()["disks"])
    ids = [re.match(r"<b>(.*?)</b>", f["properties"]["tooltip"]).group(1) for f in features]
    assert ids == ["ina:1", "breitbart:3", "gulftimes:1"]
    assert all(f["properties"]["style"]["fillOpacity"] <= 0.1 for f in features)
    assert features[0]["properties"]["style"]["color"] == VERDICT_COLOURS["inconsistent"]


def test_near_equal_disks_on_one_centre_are_dashed_so_the_colour_beneath_shows():
    dashes, positions, sizes = stack_styles(
        [(1, 1), (1, 1), (1, 1), (2, 2)], np.array([110000.0, 109770.0, 41000.0, 40000.0])
    )
    assert dashes == ["", STACK_DASHES[1], "", ""]
    assert positions == [0, 1, 2, 0] and sizes == [3, 3, 3, 1]


def test_each_disk_of_a_stack_refers_to_one_list_written_once_with_verdicts():
    from contested.maps.disk_layer import StackLists

    group = _groups()["disks"]
    features = _features(group)
    (lists,) = [c for c in group._children.values() if isinstance(c, StackLists)]
    page_lists = json.loads(lists.lists_json)
    assert len(page_lists) == 1  # one stack on the place, its list written once
    assert all(cid in page_lists[0] for cid in ("ina:1", "breitbart:3", "gulftimes:1"))
    assert "inconsistent" in page_lists[0]
    for position, feature in enumerate(features):
        key, index, at = feature["properties"]["stack"]
        assert (index, at) == (0, position) and key == json.loads(lists.key_json)
        assert "disks on this place" not in feature["properties"]["popup"]
    assert "1 of 3 disks" in features[0]["properties"]["tooltip"]


# ---------------------------------------------------------------- admin units and sides

def test_every_unit_is_drawn_with_an_edge_claimed_or_not():
    features = _shapes(_features(_groups()["admin"]))
    units = [f for f in features if f["properties"]["style"].get("fillColor") != PART_STYLE[
        "fillColor"]]
    assert len(units) == 2
    assert all(f["properties"]["style"]["weight"] > 0 for f in units)
    assert "محافظة بغداد" in units[1]["properties"]["tooltip"]


def test_named_side_of_a_unit_is_hatched_and_labelled():
    features = _features(_groups()["admin"])
    hatched = [f for f in features if f["properties"].get("style", {}).get("fillColor")
               == "url(#ct-hatch)"]
    assert len(hatched) == 1
    assert "western Al-Anbar" in hatched[0]["properties"]["tooltip"]
    assert "western Al-Anbar" in _labels(features)


def test_side_parts_cut_the_west_of_a_unit_named_with_a_qualifier():
    admin1 = gpd.GeoDataFrame({"admin1_id": ["IRQ-3471"]},
                              geometry=[shapely.box(39.0, 30.0, 44.0, 35.0)], crs=CRS)
    countries = gpd.GeoDataFrame({"iso2": ["IQ"]}, geometry=[shapely.box(38, 29, 48, 37)],
                                 crs=CRS)
    anbar = Place(query="western Anbar", name="Al-Anbar", lat=33.2, lon=41.5, country="IQ",
                  admin1="Al-Anbar", kind="governorate", id="admin1:IRQ-3471", score=1.0,
                  admin1_id="IRQ-3471", qualifier="west")
    plain = Place(query="Anbar", name="Al-Anbar", lat=33.2, lon=41.5, country="IQ",
                  admin1="Al-Anbar", kind="governorate", id="admin1:IRQ-3471", score=1.0)
    parts = side_parts([(anbar, "c1"), (anbar, "c2"), (plain, "c3")], admin1, countries, {})
    assert parts["name"].tolist() == ["western Al-Anbar"]
    assert parts["claims"].tolist() == ["c1, c2"]
    assert parts.geometry.iloc[0].bounds[2] == pytest.approx(41.5, abs=0.01)  # centroid
    assert parts["direction"].tolist() == ["west"]
    assert 0 < parts["area_km2"].iloc[0] < 0.55 * 5 * 5 * 111 * 111


# ---------------------------------------------------------------- places and labels

def _place(place_id: str, name: str, kind: str, country: str, lon: float, lat: float,
           precision: str = "point") -> Place:
    return Place(query=name, name=name, lat=lat, lon=lon, country=country, admin1=None,
                 kind=kind, id=place_id, score=1.0, precision=precision)


def test_places_layer_keeps_points_in_the_region_and_adds_places_the_documents_name():
    about = gpd.GeoDataFrame(
        {"place_id": ["country:IQ", "usstate:NJ", "geonames:99072", "admin1:IRQ-3471"],
         "name": ["Iraq", "New Jersey", "Mosul", "Al-Anbar"],
         "kind": ["country", "state", "city", "governorate"],
         "country": ["IQ", "US", "IQ", "IQ"], "admin1_id": [None] * 4,
         "precision": ["country", "point", "point", "admin1"],
         "claims": ["c1", "c2", "c1", "c1"]},
        geometry=gpd.points_from_xy([43.7, -74.5, 43.1, 41.5], [33.0, 40.1, 36.3, 33.2]),
        crs=CRS,
    )
    mentioned = [
        (_place("geonames:98717", "Ramadi", "city", "IQ", 43.3, 33.4), "a.txt"),
        (_place("geonames:98717", "Ramadi", "city", "IQ", 43.3, 33.4), "a.txt"),
        (_place("geonames:99072", "Mosul", "city", "IQ", 43.1, 36.3), "b.txt"),
        (_place("geonames:1", "Moscow", "city", "RU", 37.6, 55.8), "a.txt"),
        (_place("supplement:akashat", "Akashat", "town", "IQ", 41.5, 33.2, "admin1"), "b.txt"),
    ]
    places = map_places(about, mentioned, {"IQ", "SY"}, {"geonames:99072": "الموصل"})
    assert places["name"].tolist() == ["Mosul", "Ramadi"]
    assert places["mentions"].tolist() == [1, 2]
    assert places["claims"].tolist() == ["c1", ""]
    assert places["name_ar"].tolist()[0] == "الموصل"
    assert place_label_ranks(places).tolist() == [1, 2]


def test_place_labels_are_escaped_ranked_and_prioritised():
    features = _features(_groups(stacked_frames(hostile=True))["places"])
    labels = [f["properties"] for f in features if f["properties"].get("label")]
    assert {p["label_class"] for p in labels} == {"ct-label ct-rank-1", "ct-label ct-rank-2"}
    ramadi = next(p for p in labels if p["label"].startswith("Ramadi"))
    fallujah = next(p for p in labels if p["label"].startswith("Fallujah"))
    assert "&lt;script&gt;" in ramadi["label"] and "<script>" not in ramadi["label"]
    assert ramadi["priority"] > fallujah["priority"]  # a claim is about Ramadi


def test_legend_explains_stacks_hatching_references_and_named_places():
    page = maps.render(stacked_frames(), STACKED_FINDINGS, offline=True).get_root().render()
    for phrase in ("concentric outlines", "western Anbar", "reference shape moved onto the claim",
                   "other place the documents name", 'id="ct-hatch"'):
        assert phrase in page


@pytest.mark.parametrize("offline", [True, False])
def test_no_payload_reaches_labels_as_markup(offline):
    page = maps.render(stacked_frames(hostile=True), STACKED_FINDINGS,
                       offline=offline).get_root().render()
    for payload in XSS_PAYLOADS:
        assert payload not in page


def test_findings_by_claim_names_each_claim_once_per_finding():
    by_claim = findings_by_claim(STACKED_FINDINGS)
    assert len(by_claim["ina:1"]) == 3 and len(by_claim["breitbart:3"]) == 1

"""Small hand-made map tables (around Mosul and Raqqa) so map tests need no other module."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from contested.geo.area import geodesic_area_km2
from contested.geo.shapes import equal_area_disks
from contested.maps.frames import CRS, MapFrames

XSS_PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"></div><svg onload=alert(1)>',
    "</script><script>alert(1)</script>",
)


def sample_frames(hostile: bool = False) -> MapFrames:
    """Two claims (Mosul, Raqqa), two admin boxes, a moved reference square, outlines.

    ``hostile=True`` puts an XSS payload into every text field that comes from a document.
    """
    def txt(plain: str, index: int) -> str:
        return f"{plain} {XSS_PAYLOADS[index % len(XSS_PAYLOADS)]}" if hostile else plain

    lons, lats = np.array([43.13, 39.01]), np.array([36.34, 35.95])
    claims = gpd.GeoDataFrame(
        {
            "id": ["a.txt:1", "b.txt:1"],
            "kind": ["liberated", "liberated"],
            "qualifier": ["more than", None],
            "claimed_km2": [3900.0, 1500.0],
            "scope": [txt("Nineveh", 0), txt("Raqqa", 1)],
            "place_name": [txt("Mosul", 2), txt("Raqqa", 3)],
            "place_id": ["geonames:99072", "geonames:163915"],
            "precision": ["point", "point"],
            "admin1_id": ["U-1", "U-2"],
            "admin1_name": [txt("Ninawa", 0), txt("Ar Raqqah", 1)],
            "admin1_km2": [np.nan, np.nan],
            "share_of_admin1": [np.nan, np.nan],
            "country": ["IQ", "SY"],
            "date": ["2017-02-15", "2017-09-22"],
            "source": [txt("DoD News", 1), txt("Epoch Times", 2)],
            "speaker": [txt("Maj. Gen. Jones", 3), txt("Col. Dillon", 0)],
            "quote": [txt("they've liberated more than 3,900 km²", 0) + ' & "quotes"',
                      txt("cleared 1,500 km²", 3)],
        },
        geometry=gpd.points_from_xy(lons, lats),
        crs=CRS,
    )
    disks = gpd.GeoDataFrame(
        {"id": claims["id"]},
        geometry=equal_area_disks(lons, lats, claims["claimed_km2"].to_numpy()),
        crs=CRS,
    )
    admin_geoms = np.array(
        [shapely.box(41.0, 35.0, 44.5, 37.3), shapely.box(37.5, 35.0, 41.0, 36.7)]
    )
    admin = gpd.GeoDataFrame(
        {
            "admin1_id": ["U-1", "U-2"],
            "name": [txt("Ninawa", 1), txt("Ar Raqqah", 2)],
            "name_ar": ["نينوى", "الرقة"],
            "country": ["IQ", "SY"],
            "area_km2": geodesic_area_km2(admin_geoms),
        },
        geometry=admin_geoms,
        crs=CRS,
    )
    places = gpd.GeoDataFrame(
        {
            "place_id": claims["place_id"],
            "name": claims["place_name"],
            "name_ar": ["الموصل", "الرقة"],
            "kind": ["city", "city"],
            "precision": ["point", "point"],
            "claims": claims["id"],
        },
        geometry=gpd.points_from_xy(lons, lats),
        crs=CRS,
    )
    square = shapely.box(42.0, 33.0, 43.5, 34.2)
    references = gpd.GeoDataFrame(
        {"id": ["a.txt:1"], "reference": [txt("New Jersey", 0)], "official_km2": [22591.0],
         "factor": [1.0]},
        geometry=[square],
        crs=CRS,
    )
    outlines = gpd.GeoDataFrame(
        {"name": ["Iraq", "Syria"]},
        geometry=[shapely.box(38.8, 29.0, 48.6, 37.4), shapely.box(35.7, 32.3, 42.4, 37.3)],
        crs=CRS,
    )
    return MapFrames(claims, disks, places, references, admin, outlines)


def write_hostile_claims(path: Path) -> Path:
    """A claims file of two claims (Mosul, Raqqa) with a payload in every free-text field."""
    lines = ["claims:"]
    for index, place in enumerate(["Mosul", "Raqqa"]):
        payload, other = XSS_PAYLOADS[index], XSS_PAYLOADS[index + 2]
        lines += [
            f"  - id: {json.dumps('x' + payload)}",
            "    value: 3900",
            "    unit: km2",
            "    kind: liberated",
            f"    places: [{place}]",
            f"    date: 2017-0{index + 2}-15",
            f"    quote: {json.dumps('liberated ' + payload + ' ' + other)}",
            f"    source: {json.dumps(other)}",
            f"    speaker: {json.dumps(payload)}",
            "    comparison: {reference: New Jersey}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stacked_frames(hostile: bool = False) -> MapFrames:
    """Claims stacked on one place (Iraq's label point) as in the seed map: 110,000 km²
    (its "size of Sweden" inconsistent, "size of Virginia" consistent), 109,770 km² (within
    3% of it), 41,000 km²; a claim with no figure, "the size of New Jersey"; the western side
    of a unit; places close together, one only named in a document.

    ``hostile=True`` puts an XSS payload into names and quotes.
    """
    def txt(plain: str, index: int) -> str:
        return f"{plain} {XSS_PAYLOADS[index % len(XSS_PAYLOADS)]}" if hostile else plain

    lon, lat = 42.49, 33.22
    ids = ["ina:1", "breitbart:3", "gulftimes:1", "dodnews:2"]
    claimed = np.array([110000.0, 109770.0, 41000.0, np.nan])
    claims = gpd.GeoDataFrame(
        {
            "id": ids,
            "kind": ["peak_held", "peak_held", "liberated", "liberated"],
            "claimed_km2": claimed,
            "place_name": ["Iraq"] * 4,
            "place_id": ["country:IQ"] * 4,
            "precision": ["country"] * 4,
            "country": ["IQ"] * 4,
            "date": ["2020-11-15", "2018-07", "2017-09", "2017-02-15"],
            "quote": [txt("up to 110 thousand square kilometers", i) for i in range(4)],
        },
        geometry=gpd.points_from_xy([lon] * 4, [lat] * 4),
        crs=CRS,
    )
    disks = gpd.GeoDataFrame(
        {"id": ids[:3], "centre_lon": [lon] * 3, "centre_lat": [lat] * 3},
        geometry=equal_area_disks(np.full(3, lon), np.full(3, lat), claimed[:3]),
        crs=CRS,
    )
    unit = shapely.box(38.8, 30.0, 44.0, 35.5)
    admin = gpd.GeoDataFrame(
        {"admin1_id": ["IRQ-3471", "IRQ-3063"], "name": ["Al-Anbar", "Baghdad"],
         "name_ar": ["محافظة الأنبار", "محافظة بغداد"], "country": ["IQ", "IQ"]},
        geometry=[unit, shapely.box(44.0, 32.8, 44.8, 33.8)],
        crs=CRS,
    )
    admin["area_km2"] = geodesic_area_km2(admin.geometry.values)
    west = shapely.box(38.8, 30.0, 41.4, 35.5)
    parts = gpd.GeoDataFrame(
        {"name": [txt("western Al-Anbar", 1)], "place_id": ["admin1:IRQ-3471"],
         "direction": ["west"], "name_ar": ["محافظة الأنبار"],
         "area_km2": geodesic_area_km2([west]), "claims": ["gulftimes:1"]},
        geometry=[west],
        crs=CRS,
    )
    # Ramadi and "Fallujah" put some 65 km apart: from zoom 6.5 their labels would overlap
    # on either side of the dot (Ramadi's label is long when hostile).
    places = gpd.GeoDataFrame(
        {
            "place_id": ["geonames:98717", "geonames:99454", "geonames:390188"],
            "name": [txt("Ramadi", 0), "Fallujah", "Hawija"],
            "name_ar": ["الرمادي", "الفلوجة", "الحويجة"],
            "kind": ["city", "city", "town"],
            "precision": ["point"] * 3,
            "claims": ["gulftimes:1", "", "gulftimes:1"],
            "mentions": [1, 1, 2],
            "documents": ["a.txt", "a.txt", "b.txt"],
        },
        geometry=gpd.points_from_xy([43.30, 44.00, 43.49], [33.43, 33.42, 35.32]),
        crs=CRS,
    )
    sweden, virginia, new_jersey = (shapely.box(40.0, 26.0, 45.5, 40.0),
                                    shapely.box(41.0, 32.0, 44.0, 34.5),
                                    shapely.box(42.0, 32.5, 43.0, 34.0))
    references = gpd.GeoDataFrame(
        {"id": ["ina:1", "ina:1", "dodnews:2"],
         "reference": ["Sweden", "Virginia", txt("New Jersey", 2)],
         "reference_code": ["SE", "VA", "NJ"],
         "official_km2": [449964.0, 110787.0, 22591.0],
         "factor": [np.nan, np.nan, np.nan]},
        geometry=[sweden, virginia, new_jersey],
        crs=CRS,
    )
    outlines = gpd.GeoDataFrame({"name": ["Iraq"]}, geometry=[shapely.box(38.8, 29.0, 48.6, 37.4)],
                                crs=CRS)
    return MapFrames(claims, disks, places, references, admin, outlines, parts)


# What the checks say of the stacked claims: Sweden fails, Virginia holds.
STACKED_FINDINGS = [
    {"rule": "comparison", "verdict": "inconsistent", "claims": ["ina:1"],
     "message": "110,000 km² vs Sweden 449,964 km²: Sweden is 4.09× larger",
     "reference": "Sweden", "reference_id": "country:SE"},
    {"rule": "comparison", "verdict": "consistent", "claims": ["ina:1"],
     "message": "110,000 km² vs Virginia 110,787 km²: 0.7% apart",
     "reference": "Virginia", "reference_id": "usstate:VA"},
    {"rule": "comparison", "verdict": "unverifiable", "claims": ["dodnews:2"],
     "message": "the size of New Jersey = 22,591 km², but no area figure is stated",
     "reference": "New Jersey", "reference_id": "usstate:NJ"},
    {"rule": "cross-source", "verdict": "consistent", "claims": ["breitbart:3", "ina:1"],
     "message": "0.21% apart"},
]

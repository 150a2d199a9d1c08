"""Small hand-made map tables (around Mosul and Raqqa) so map tests need no other module."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.area import geodesic_area_km2
from geo.shapes import equal_area_disks
from maps.frames import CRS, MapFrames

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

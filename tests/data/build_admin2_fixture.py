"""Build tests/data/admin2_fixture.geojson: made-up districts for the boundary tests.

Al-Anbar is cut into three districts by meridians, Ninawa into two by a parallel (shapes
simplified to 0.005° to keep the file small), and one deliberately invalid "bow-tie"
polygon is added to exercise repair. Names and codes are invented; fields mimic OCHA
COD-AB (ADM2_EN, ADM2_PCODE, ADM1_EN). Run: python tests/data/build_admin2_fixture.py
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from contested.geo.boundaries import admin1

OUT = Path(__file__).with_name("admin2_fixture.geojson")


def main() -> None:
    units = admin1("IQ").set_index("admin1_id")
    anbar = shapely.simplify(units.loc["IRQ-3471"].geometry, 0.005)
    ninawa = shapely.simplify(units.loc["IRQ-3051"].geometry, 0.005)
    rows = []
    for name, code, (west, east) in (
        ("Fixture West Anbar", "IQ-FX01", (-180, 40.5)),
        ("Fixture Mid Anbar", "IQ-FX02", (40.5, 42.5)),
        ("Fixture East Anbar", "IQ-FX03", (42.5, 180)),
    ):
        part = shapely.intersection(anbar, shapely.box(west, -90, east, 90))
        rows.append({"ADM2_EN": name, "ADM2_PCODE": code, "ADM1_EN": "Anbar", "geometry": part})
    for name, code, (south, north) in (
        ("Fixture South Ninawa", "IQ-FX04", (-90, 36.0)),
        ("Fixture North Ninawa", "IQ-FX05", (36.0, 90)),
    ):
        part = shapely.intersection(ninawa, shapely.box(-180, south, 180, north))
        rows.append({"ADM2_EN": name, "ADM2_PCODE": code, "ADM1_EN": "Ninawa", "geometry": part})
    # Self-intersecting ring (two triangles touching at (44.0, 35.5)): invalid on purpose.
    bow_tie = shapely.Polygon([(43.8, 35.3), (44.2, 35.7), (44.2, 35.3), (43.8, 35.7)])
    rows.append(
        {
            "ADM2_EN": "Fixture Bow Tie",
            "ADM2_PCODE": "IQ-FX06",
            "ADM1_EN": "Kirkuk",
            "geometry": bow_tie,
        }
    )
    frame = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    frame.to_file(OUT, driver="GeoJSON", COORDINATE_PRECISION=6)
    print(f"{OUT}: {len(frame)} features")


if __name__ == "__main__":
    main()

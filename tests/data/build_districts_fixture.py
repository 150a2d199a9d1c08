"""Build tests/data/districts_fixture.geojson: made-up districts named as OCHA COD-AB names
real ones ("Hawija District", "Al-Qa'im District"), for the your-own-boundaries tests.

Each district is a box cut out of its shipped governorate (simplified to 0.005°); names are
real district names, shapes and pcodes are invented. Fields mimic COD-AB: ADM2_EN, ADM2_AR,
ADM2_PCODE, ADM1_EN. Run: python tests/data/build_districts_fixture.py
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely

from contested.geo.boundaries import admin1

OUT = Path(__file__).with_name("districts_fixture.geojson")
# name, Arabic name, pcode, governorate (shipped admin1_id), box (west, south, east, north)
DISTRICTS = (
    ("Al-Qa'im District", "قضاء القائم", "IQ-FXD01", "IRQ-3471", (40.30, 33.75, 41.65, 34.75)),
    ("Hawija District", "قضاء الحويجة", "IQ-FXD02", "IRQ-3049", (43.20, 35.00, 44.00, 35.70)),
    ("Mosul District", "قضاء الموصل", "IQ-FXD03", "IRQ-3051", (42.70, 35.90, 43.60, 36.70)),
    ("Ramadi District", "قضاء الرمادي", "IQ-FXD04", "IRQ-3471", (42.80, 33.00, 43.60, 33.80)),
)


def main() -> None:
    units = admin1("IQ").set_index("admin1_id")
    rows = []
    for name, name_ar, pcode, unit, box in DISTRICTS:
        shape = shapely.simplify(units.loc[unit].geometry, 0.005)
        part = shapely.intersection(shape, shapely.box(*box))
        rows.append({"ADM2_EN": name, "ADM2_AR": name_ar, "ADM2_PCODE": pcode,
                     "ADM1_EN": units.loc[unit, "name"], "geometry": part})
    frame = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    frame.to_file(OUT, driver="GeoJSON", COORDINATE_PRECISION=5)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

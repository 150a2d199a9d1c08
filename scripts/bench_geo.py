"""Benchmark and accuracy figures of the geometry layer (issue 3, "Must show").

    python scripts/bench_geo.py [--claims 10000] [--out DIR]

Prints: the geodesic area of equal-area disks and moved reference shapes against their
targets (must be within 0.1%); admin-1 areas of Iraq and Syria against the country polygons
(within 0.5%); the time to compute the areas of every admin-1 unit of the pack (≤ 50 ms);
the time to attach N synthetic claims and export them to a GeoPackage (≤ 5 s); and a round
trip of that GeoPackage read back with pyogrio.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import shapely

from contested.claims.model import Claim, Comparison, Stated
from contested.gazetteer.official_areas import official_area
from contested.geo.area import geodesic_area_km2
from contested.geo.attach import attach
from contested.geo.boundaries import admin1, countries
from contested.geo.gis_export import export
from contested.geo.shapes import equal_area_disks, move_shape, reference_geometry

DISK_CASES = [  # (lon, lat, km2): a village to a subcontinent, equator to the Arctic
    (43.13, 36.34, 0.5),
    (43.77, 35.33, 193 * 2.589988110336),
    (39.01, 35.95, 3_900),
    (42.49, 33.22, 41_000),
    (38.56, 34.81, 44_000),
    (42.49, 33.22, 110_000),
    (0.0, 0.0, 1e6),
    (44.0, 33.0, 1e7),
    (15.0, 70.0, 2e6),
]
REFERENCES = ["Sweden", "Virginia", "New Jersey", "Washington, DC", "Syria", "Belgium"]
TARGETS = [(43.13, 36.34), (39.01, 35.95), (44.36, 33.31), (0.0, 60.0), (-74.0, 40.7)]


def best_of(function, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def disks_section() -> None:
    lons, lats, km2 = (np.array(column, dtype=float) for column in zip(*DISK_CASES, strict=True))
    areas = geodesic_area_km2(equal_area_disks(lons, lats, km2))
    print("Equal-area disks (target km², geodesic km², relative error):")
    for (lon, lat, target), area in zip(DISK_CASES, areas, strict=True):
        print(f"  ({lon:7.2f}, {lat:6.2f}) {target:14,.2f} {area:16,.3f}  {area / target - 1:+.2e}")
    worst = np.max(np.abs(areas / km2 - 1))
    print(f"  worst {worst:.2e}  {'OK' if worst < 1e-3 else 'FAIL'} (limit 1e-3)\n")


def references_section() -> None:
    print("References moved at true size (land polygon km², moved km², relative error):")
    worst = 0.0
    for name in REFERENCES:
        reference = official_area(name)
        shape = reference_geometry(reference)
        moved = [move_shape(shape, lon, lat) for lon, lat in TARGETS]
        before = geodesic_area_km2(shape)[0]
        after = geodesic_area_km2(moved)
        errors = after / before - 1
        worst = max(worst, float(np.max(np.abs(errors))))
        print(
            f"  {reference.name:22} {before:12,.1f} → {after.min():12,.1f}…{after.max():,.1f}"
            f"  max {np.max(np.abs(errors)):.2e}  (official total {reference.total_km2:,.0f})"
        )
    print(f"  worst {worst:.2e}  {'OK' if worst < 1e-3 else 'FAIL'} (limit 1e-3)\n")


def coverage_section() -> None:
    units, pack = admin1(), countries("pack").set_index("iso2")
    print("Admin-1 units against their country polygon (geodesic km²):")
    for code in ("IQ", "SY"):
        summed = units.loc[units["country"] == code, "area_km2"].sum()
        country = pack.loc[code, "area_km2"]
        error = summed / country - 1
        print(
            f"  {code}: {summed:12,.1f} vs {country:12,.1f}  {error:+.2e}  "
            f"{'OK' if abs(error) < 5e-3 else 'FAIL'} (limit 5e-3)"
        )
    geometries = units.geometry.values
    seconds = best_of(lambda: geodesic_area_km2(geometries), repeat=15)
    vertices = int(shapely.get_num_coordinates(geometries).sum())
    print(
        f"  areas of all {len(units)} admin-1 units of the pack ({vertices:,} vertices): "
        f"{seconds * 1000:.1f} ms  {'OK' if seconds <= 0.05 else 'SLOW'} (limit 50 ms)\n"
    )


def synthetic_claims(n: int, seed: int = 1) -> list[Claim]:
    """N claims over the pack's governorates and some towns, sizes 1 km² to 100,000 km²."""
    rng = random.Random(seed)
    units = admin1(["IQ", "SY"])
    names = list(units["name"]) + [
        "Mosul",
        "Hawija",
        "Raqqa",
        "Ramadi",
        "Fallujah",
        "Tal Afar",
        "Haditha",
        "Deir ez-Zor",
        "Palmyra",
        "Manbij",
        "Kobani",
        "Qaim",
        "Rutba",
        "Tikrit",
        "Baiji",
        "Sinjar",
        "Iraq",
        "Syria",
        "western Anbar",
        "eastern Syria",
        "Albu Kamal",
        "Tabqa",
        "al-Bab",
        "Akashat",
    ]
    kinds = ["liberated", "held", "peak_held", "lost", "remaining"]
    claims = []
    for index in range(n):
        km2 = round(10 ** rng.uniform(0, 5), 1)
        comparison = Comparison(("New Jersey",)) if index % 10 == 0 else None
        claims.append(
            Claim(
                id=f"bench:{index + 1}",
                stated=(Stated(km2, "km2", km2),),
                kind=rng.choice(kinds),
                scope=rng.choice(names),
                date=f"2017-{rng.randint(1, 12):02d}",
                source="synthetic",
                comparison=comparison,
            )
        )
    return claims


def pipeline_section(n_claims: int, out_dir: Path) -> None:
    from contested.gazetteer import default_gazetteer

    start = time.perf_counter()
    gazetteer = default_gazetteer()
    gazetteer.resolve("Mosul")
    load_seconds = time.perf_counter() - start
    claims = synthetic_claims(n_claims)
    path = out_dir / "bench.gpkg"
    start = time.perf_counter()
    export(claims, path, gazetteer=gazetteer)
    seconds = time.perf_counter() - start
    print(
        f"{n_claims:,} claims attached and exported to GeoPackage: {seconds:.2f} s  "
        f"{'OK' if seconds <= 5 else 'SLOW'} (limit 5 s; gazetteer opened before, "
        f"{load_seconds:.2f} s; {len({c.scope for c in claims})} distinct scopes, each "
        "resolved once)"
    )
    # Again with the gazetteer's answers warm: the geometry layer's own cost.
    start = time.perf_counter()
    export(claims, out_dir / "bench2.gpkg", gazetteer=gazetteer)
    print(f"  same again, gazetteer lookups warm: {time.perf_counter() - start:.2f} s")
    timings = {}
    attachment = attach(claims, gazetteer)
    for name, method in (
        ("resolve", lambda: attach(claims, gazetteer)),
        ("claims layer", attachment.claims_layer),
        ("disks", attachment.disks_layer),
        ("clipped disks", lambda: attachment.disks_layer(clipped=True)),
        ("places", attachment.places_layer),
        ("admin units", attachment.admin_units_layer),
        ("references", attachment.references_layer),
    ):
        start = time.perf_counter()
        method()
        timings[name] = time.perf_counter() - start
    print(
        "  parts (new Attachment, each layer once): "
        + ", ".join(f"{name} {s:.2f} s" for name, s in timings.items())
    )
    round_trip(attachment.layers(), path)


def round_trip(layers: dict, path: Path) -> None:
    print(f"Round trip of {path.name} read back with pyogrio:")
    ok = True
    for name, expected in layers.items():
        back = pyogrio.read_dataframe(path, layer=name)
        same_count = len(back) == len(expected)
        columns = list(expected.columns.drop("geometry"))
        same_attributes = True
        for column in columns:
            left = back[column].astype(object).where(back[column].notna(), None)
            right = expected[column].astype(object).where(expected[column].notna(), None)
            if pd.api.types.is_float_dtype(expected[column]):
                same = np.allclose(
                    np.asarray(left, dtype=float),
                    np.asarray(right, dtype=float),
                    equal_nan=True,
                    rtol=1e-12,
                )
            else:
                same = left.tolist() == right.tolist()
            same_attributes &= bool(same)
        present = expected.geometry.notna().to_numpy()
        areas_back = geodesic_area_km2(back.geometry.values[present])
        areas = geodesic_area_km2(expected.geometry.values[present])
        area_error = (
            float(np.nanmax(np.abs(areas_back - areas) / np.maximum(areas, 1e-12)))
            if present.any() and np.nansum(areas) > 0
            else 0.0
        )
        layer_ok = same_count and same_attributes and area_error < 1e-9
        ok &= layer_ok
        print(
            f"  {name:14} {len(back):6,} features, {len(columns)} fields  "
            f"attributes {'same' if same_attributes else 'DIFFER'}, "
            f"areas max rel. diff {area_error:.1e}  {'OK' if layer_ok else 'FAIL'}"
        )
    print(f"  round trip {'OK' if ok else 'FAIL'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="synthetic claims to export")
    parser.add_argument("--out", type=Path, help="folder for bench.gpkg (default: a temp dir)")
    args = parser.parse_args()
    disks_section()
    references_section()
    coverage_section()
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        pipeline_section(args.claims, args.out)
    else:
        with tempfile.TemporaryDirectory() as folder:
            pipeline_section(args.claims, Path(folder))


if __name__ == "__main__":
    main()

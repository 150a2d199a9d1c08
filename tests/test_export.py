"""Export to GeoPackage, GeoJSON (RFC 7946), GeoParquet, FlatGeobuf: atomic, round trip."""

from __future__ import annotations

import importlib
import json
import os
import stat

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from click.testing import CliRunner

from contested import geo
from contested.claims.model import Claim, Comparison, Stated
from contested.claims.resolved import ResolvedClaims
from contested.core.exceptions import InputError
from contested.gazetteer.place import Place
from contested.geo.area import geodesic_area_km2
from contested.resolution import resolve_claims

IRAQ = Place(query="Iraq", name="Iraq", lat=33.221449, lon=42.492107, country="IQ",
             admin1=None, kind="country", id="country:IQ", score=1.0)
RAQQA = Place(query="Raqqa", name="Ar Raqqah", lat=35.95283, lon=39.00788, country="SY",
              admin1="Ar Raqqah", kind="city", id="geonames:172955", score=1.0,
              admin1_id="SYR-136")
QAIM = Place(query="Al-Qaim", name="Al-Qa'im", lat=34.37, lon=41.09, country="IQ",
             admin1=None, kind="town", id="test:qaim", score=1.0)


class NoGazetteer:
    def resolve(self, *args, **kwargs):
        raise AssertionError("every place is already resolved")


def sample_claims() -> list[Claim]:
    return [
        Claim(id="iraq", stated=(Stated(41_000, "km2", 41_000),), qualifier="more than",
              kind="liberated", places=(IRAQ,), date="2017-09", source="Example", population=4),
        Claim(id="raqqa", stated=(Stated(3900, "km2", 3900),), kind="liberated",
              places=(RAQQA,), quote='He said "<script>" & more'),
        Claim(id="border", stated=(Stated(20_000, "km2", 20_000),), places=(QAIM,)),
        Claim(id="nj", kind="liberated", places=(IRAQ,), comparison=Comparison(("New Jersey",))),
        Claim(id="lost", stated=(Stated(5, "km2", 5),)),
    ]


@pytest.fixture()
def claims() -> ResolvedClaims:
    return resolve_claims(sample_claims(), gazetteer=NoGazetteer())


def test_geopackage_round_trip_same_features_attributes_and_areas(tmp_path, claims):
    from contested.geo.export_layers import layer_frames

    path = geo.export(claims, tmp_path / "out.gpkg")
    layers = dict(layer_frames(claims))
    assert [name for name, _ in pyogrio.list_layers(path)] == list(layers)
    for name, expected in layers.items():
        back = pyogrio.read_dataframe(path, layer=name)
        assert back.crs.to_epsg() == 4326
        assert len(back) == len(expected), name
        for column in expected.columns.drop("geometry"):
            left = back[column].astype(object).where(back[column].notna(), None).tolist()
            right = expected[column].astype(object).where(expected[column].notna(), None).tolist()
            if pd.api.types.is_float_dtype(expected[column]):
                assert np.allclose(np.array(left, dtype=float), np.array(right, dtype=float),
                                   equal_nan=True, rtol=1e-12), (name, column)
            else:
                assert left == right, (name, column)
        present = expected.geometry.notna().to_numpy()
        assert np.array_equal(back.geometry.notna().to_numpy(), present), name
        np.testing.assert_allclose(geodesic_area_km2(back.geometry.values[present]),
                                   geodesic_area_km2(expected.geometry.values[present]),
                                   rtol=1e-9)
    disks = pyogrio.read_dataframe(path, layer="disks")
    np.testing.assert_allclose(geodesic_area_km2(disks.geometry), disks["claimed_km2"], rtol=1e-3)


def test_geojson_follows_rfc_7946(tmp_path, claims):
    path = geo.export(claims, tmp_path / "out.geojson")
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in collection
    features = collection["features"]
    assert [f["properties"]["id"] for f in features] == [c.id for c in claims]
    # Claims with a figure carry their disk; the rest no geometry (one type per layer).
    kinds = [None if f["geometry"] is None else f["geometry"]["type"] for f in features]
    assert kinds == ["MultiPolygon", "MultiPolygon", "MultiPolygon", None, None]
    for feature in features[:3]:
        ring = np.array(feature["geometry"]["coordinates"][0][0])
        assert shapely.is_ccw(shapely.LinearRing(ring))  # right-hand rule
        assert np.all(np.abs(ring[:, 0] - 40) < 10) and np.all(np.abs(ring[:, 1] - 34) < 5)
        decimals = [len(str(v).split(".")[1]) for v in ring.ravel() if "." in str(v)]
        assert max(decimals) <= 6
    assert features[1]["properties"]["quote"] == 'He said "<script>" & more'
    assert features[0]["properties"]["disk_km2"] == pytest.approx(41_000, rel=1e-3)


def test_geoparquet_and_flatgeobuf_hold_the_claims_with_disks(tmp_path, claims):
    parquet = geo.export(claims, tmp_path / "out.parquet")
    fgb = geo.export(claims, tmp_path / "out.fgb")
    from_parquet = gpd.read_parquet(parquet)
    from_fgb = pyogrio.read_dataframe(fgb)
    for frame in (from_parquet, from_fgb):
        assert frame.crs.to_epsg() == 4326
        assert sorted(frame["id"]) == sorted(c.id for c in claims)
        by_id = frame.set_index("id")
        assert geodesic_area_km2(by_id.geometry.loc[["iraq"]])[0] == pytest.approx(41_000, rel=1e-3)


def test_single_layer_formats_can_write_another_layer(tmp_path, claims):
    path = geo.export(claims, tmp_path / "places.fgb", layer="places")
    assert set(pyogrio.read_dataframe(path)["place_id"]) == {"country:IQ", "geonames:172955",
                                                             "test:qaim"}


def test_failure_leaves_no_partial_file_and_keeps_the_old_one(tmp_path, claims, monkeypatch):
    target = tmp_path / "out.gpkg"
    target.write_bytes(b"old")
    calls = []

    def write_then_fail(frame, path, driver, layer, **options):
        calls.append(layer)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        path.write_bytes(b"partial")

    export_module = importlib.import_module("contested.geo.gis_export")
    monkeypatch.setattr(export_module, "_write_layer", write_then_fail)
    with pytest.raises(InputError, match="out.gpkg: no space left"):
        geo.export(claims, target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.gpkg"]


def test_unwritable_or_odd_paths_are_input_errors_naming_the_path(tmp_path, claims):
    with pytest.raises(InputError, match="missing-dir"):
        geo.export(claims, tmp_path / "missing-dir" / "out.gpkg")
    with pytest.raises(InputError, match="out.shp"):
        geo.export(claims, tmp_path / "out.shp")
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
        with pytest.raises(InputError, match="locked"):
            geo.export(claims, locked / "out.gpkg")


def test_cli_export_reports_layers(tmp_path, claims):
    from contested.claims.claim_files import save_claims
    from contested.cli import cli

    source = save_claims(claims, tmp_path / "claims.jsonl")
    result = CliRunner().invoke(
        cli, ["export", str(source), "-o", str(tmp_path / "out.gpkg"), "--json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["claims"] == 5
    assert report["layers"]["claims"] == 5 and report["layers"]["disks"] == 3

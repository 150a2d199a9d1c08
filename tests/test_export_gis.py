"""Exports a GIS analyst opens without questions: one geometry type per layer, a GeoPackage
Debian's GDAL 3.6 reads without a warning, a folder of files for formats without layers, the
user's own units in admin_units, reference shapes shared, and the same result slice by slice."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pyogrio
import pytest
from test_export import sample_claims

from contested import geo
from contested.claims.model import Claim, Comparison, Stated
from contested.geo.area import geodesic_area_km2
from contested.geo.export_layers import LAYER_GEOMETRY, layer_frames
from contested.geo.user_units import read_user_units
from contested.resolution import resolve_claims

OGRINFO = shutil.which("ogrinfo")
GEOMETRY_NAMES = {"Point": "Point", "MultiPolygon": "Multi Polygon"}


class NoGazetteer:
    def resolve(self, *args, **kwargs):
        raise AssertionError("every place is already resolved")


@pytest.fixture()
def claims():
    return resolve_claims(sample_claims(), gazetteer=NoGazetteer())


def _layer_types(path, layer=None) -> str:
    return pyogrio.read_info(path, layer=layer)["geometry_type"]


def _ogrinfo(path, layer=None) -> subprocess.CompletedProcess:
    return subprocess.run([OGRINFO, "-so", "-al", str(path)] if layer is None else
                          [OGRINFO, "-so", str(path), layer],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("suffix", [".geojson", ".fgb"])
def test_one_layer_files_hold_one_geometry_type(tmp_path, claims, suffix):
    path = geo.export(claims, tmp_path / f"out{suffix}")
    assert _layer_types(path) == "MultiPolygon"  # was "Unknown": polygons, points and null
    for layer in ("claims", "places", "references", "admin_units"):
        one = geo.export(claims, tmp_path / f"{layer}{suffix}", layer=layer)
        assert _layer_types(one) == LAYER_GEOMETRY[layer], layer


def test_geopackage_layers_each_have_one_geometry_type(tmp_path, claims):
    path = geo.export(claims, tmp_path / "out.gpkg")
    for name, kind in pyogrio.list_layers(path):
        assert kind == LAYER_GEOMETRY[str(name)], name


@pytest.mark.skipif(OGRINFO is None, reason="ogrinfo (Debian gdal-bin) is not installed")
def test_gdal_ogrinfo_reads_the_geopackage_without_a_warning(tmp_path, claims):
    path = geo.export(claims, tmp_path / "out.gpkg")
    result = _ogrinfo(path)
    assert result.returncode == 0
    assert "Warning" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert "Geometry: Unknown" not in result.stdout
    for layer, kind in (("claims", "Point"), ("disks", "MultiPolygon")):
        assert f"Layer name: {layer}\nGeometry: {GEOMETRY_NAMES[kind]}" in result.stdout


@pytest.mark.skipif(OGRINFO is None, reason="ogrinfo (Debian gdal-bin) is not installed")
@pytest.mark.parametrize("suffix", [".geojson", ".fgb"])
def test_gdal_ogrinfo_sees_one_geometry_type_in_one_layer_files(tmp_path, claims, suffix):
    result = _ogrinfo(geo.export(claims, tmp_path / f"out{suffix}"))
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr
    assert "Geometry: Multi Polygon" in result.stdout


def test_a_folder_gets_one_file_per_layer_each_of_one_type(tmp_path, claims):
    folder = geo.export(claims, tmp_path / "layers", format="geojson")
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"{layer}.geojson" for layer in
                           ("claims", "disks", "disks_clipped", "places", "admin_units",
                            "references"))
    for path in folder.iterdir():
        assert _layer_types(path) in (LAYER_GEOMETRY[path.stem], "Unknown") or \
            pyogrio.read_info(path)["features"] == 0, path.name
        assert _layer_types(path) == LAYER_GEOMETRY[path.stem] or \
            pyogrio.read_info(path)["features"] == 0
    fgb = geo.export(claims, tmp_path / "fgb/", format="fgb")
    assert sorted(p.suffix for p in fgb.iterdir()) == [".fgb"] * 6


def test_reference_shapes_are_shared_by_the_claims_at_one_place(tmp_path):
    from test_export import IRAQ

    resolved = resolve_claims([
        Claim(id=f"c{n}", stated=(Stated(2000 + n, "km2", 2000.0 + n),), places=(IRAQ,),
              comparison=Comparison(("New Jersey",), factor=0.1)) for n in range(30)
    ], gazetteer=NoGazetteer())
    path = geo.export(resolved, tmp_path / "out.gpkg")
    references = pyogrio.read_dataframe(path, layer="references")
    assert len(references) == 1  # was 30 copies of the same 877-vertex outline
    assert references["n_claims"].iloc[0] == 30
    assert references["claims"].iloc[0].split(",") == [f"c{n}" for n in range(30)]


def test_export_slice_by_slice_equals_export_at_once(claims):
    whole = dict(layer_frames(claims, size=10_000))
    pieces: dict[str, list] = {}
    for name, frame in layer_frames(claims, size=2):
        pieces.setdefault(name, []).append(frame)
    assert set(pieces) == set(whole)
    for name, frame in whole.items():
        rows = sum(len(piece) for piece in pieces[name])
        assert rows == len(frame), name
    assert len(pieces["claims"]) == 3 and len(pieces["places"]) == 1


def test_exported_disks_keep_their_area_within_a_thousandth(tmp_path, claims):
    path = geo.export(claims, tmp_path / "out.gpkg", layer="disks")
    disks = pyogrio.read_dataframe(path, layer="disks")
    np.testing.assert_allclose(geodesic_area_km2(disks.geometry.values), disks["claimed_km2"],
                               rtol=1e-3)
    vertices = [len(g.geoms[0].exterior.coords) for g in disks.geometry]
    assert max(vertices) <= 33 * 4  # 32 corners (more only where an edge passes 10 km)


def test_admin_units_layer_holds_the_users_units_with_their_codes(tmp_path, claims):
    from conftest import REPO

    units = read_user_units(REPO / "tests" / "data" / "districts_fixture.geojson")
    qaim = resolve_claims([Claim(id="qaim", stated=(Stated(20000, "km2", 20000.0),),
                                 scope="al-Qaim", places=sample_claims()[2].places)],
                          gazetteer=NoGazetteer(), units=units)
    path = geo.export(qaim, tmp_path / "out.gpkg", units=units)
    admin = pyogrio.read_dataframe(path, layer="admin_units")
    assert admin["name"].tolist() == ["Al-Qa'im District"]
    assert admin["unit_id"].tolist() == ["IQ-FXD01"]  # the file's pcode
    claims_layer = pyogrio.read_dataframe(path, layer="claims")
    assert claims_layer["unit_name"].tolist() == ["Al-Qa'im District"]
    assert claims_layer["share_of_unit"].iloc[0] == pytest.approx(20000 / 10242.07, rel=1e-3)

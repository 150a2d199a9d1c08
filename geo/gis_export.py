"""Write claims as GIS layers: GeoPackage, GeoJSON (RFC 7946), GeoParquet, FlatGeobuf.

Every layer holds one geometry type, so QGIS and GDAL open it without asking which
(:data:`~contested.geo.export_layers.LAYER_GEOMETRY`); features without a geometry are null.

* ``.gpkg`` — every layer in one file: ``claims`` (points, each with the ``disk_id`` of its
  disk), ``disks`` (equal-area disks of the claimed km², one per place, area and country
  however many claims state it, with ``clipped_km2``: its part inside the country),
  ``disks_clipped`` (the disks a border cuts, cut to their country: the others are the same
  as in ``disks``), ``places`` (points),
  ``admin_units`` (units touched, your own with ``--boundaries``, and sides of "western X"
  scopes) and ``references`` (compared-to countries and states moved onto a claim's place
  at true size, one shape per place shared by the claims comparing with it). Written as
  GeoPackage 1.2, which every GDAL from 2.x on (Debian's 3.6 included) reads silently.
* a folder (a path without a suffix, or ending in ``/``) — every layer as its own file
  of ``format`` (``geojson`` by default, ``fgb``, ``parquet``, ``gpkg``): ``claims.geojson``,
  ``disks.geojson`` …, for formats without layers.
* ``.geojson``, ``.parquet``, ``.fgb`` — one layer: by default ``claims_disks``, each claim
  with the claims-layer fields plus ``disk_km2``/``clipped_km2`` and its disk as geometry
  (null for a claim with no figure or no place; its point is in the ``claims`` layer).
  ``layer=`` picks any other layer instead.

Claims are attached and written a slice at a time (:mod:`contested.geo.export_layers`), so
memory stays flat in the number of claims. Exported disks have 32 corners and their exact
area (geodesic, within 1e-4). Everything is EPSG:4326; GeoJSON follows RFC 7946 (lon/lat,
counter-clockwise exteriors, no ``crs`` member, 6 decimals). The output is written beside the
target and moved into place (:func:`contested.core.files.atomic_target`), so a failure
leaves nothing; the target's folder must exist.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import pyogrio
import shapely

from contested.claims.resolved import ResolvedClaims
from contested.core.exceptions import InputError
from contested.core.files import (
    TEMP_PREFIX,
    atomic_target,
    check_writable_target,
    write_error,
)
from contested.geo.attach import Attachment
from contested.geo.export_layers import LAYER_GEOMETRY, LAYERS, layer_frames

if TYPE_CHECKING:
    from contested.geo.user_units import UserUnits

DRIVERS = {
    ".gpkg": "GPKG",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".parquet": "Parquet",
    ".geoparquet": "Parquet",
    ".fgb": "FlatGeobuf",
}
FOLDER_FORMATS = {"geojson": ".geojson", "fgb": ".fgb", "parquet": ".parquet", "gpkg": ".gpkg"}
DEFAULT_LAYER = "claims_disks"  # the single layer of one-layer formats (see module doc)
GPKG_LAYERS = LAYERS
GPKG_VERSION = "1.2"


def is_folder_target(path: str | os.PathLike[str]) -> bool:
    """A path ending in a separator, or without a suffix: a folder of one file per layer.
    (A folder named like a file, "out.gpkg/", needs the separator.)"""
    text = os.fspath(path)
    return text.endswith(("/", os.sep)) or not Path(text).suffix


def check_export_target(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The GDAL driver for ``path`` (a folder: ``format``'s); InputError naming it for an
    unknown format or a place that cannot be written (missing folder, no permission)."""
    file = Path(path)
    if is_folder_target(path):
        suffix = FOLDER_FORMATS.get((format or "geojson").lower())
        if suffix is None:
            raise InputError(f"unknown format {format!r}", source=str(file),
                             hint="geojson, fgb, parquet or gpkg")
        if os.path.lexists(file) and not file.is_dir():
            raise InputError("exists and is not a folder (a file without a suffix, a device "
                             "or a link)", source=str(file),
                             hint="name a folder for one file per layer, or a file with "
                                  ".gpkg, .geojson, .parquet or .fgb")
        check_writable_target(file.parent / (file.name + ".tmp"))
        return DRIVERS[suffix]
    driver = DRIVERS.get(file.suffix.lower())
    if driver is None:
        raise InputError(
            "unknown export format",
            source=str(file),
            hint="use .gpkg, .geojson, .parquet or .fgb, or a folder for one file per layer",
        )
    check_writable_target(file)  # before the work: a bad -o fails at once
    return driver


def _prepared(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    # Right-hand rule (exterior counter-clockwise) for every format; GeoJSON demands it.
    out = frame.copy()
    out[out.geometry.name] = gpd.GeoSeries(
        shapely.orient_polygons(out.geometry.values), index=out.index, crs=out.crs
    )
    return out


def _write_layer(frame: gpd.GeoDataFrame, path: Path, driver: str, layer: str,
                 append: bool = False) -> None:
    frame = _prepared(frame)
    if driver == "Parquet":
        frame.to_parquet(path, index=False, geometry_encoding="WKB", write_covering_bbox=False)
        return
    options: dict[str, Any] = {}
    dataset_options: dict[str, Any] = {}
    if driver == "GeoJSON":
        # RFC7946=YES: lon/lat, right-hand rule, no crs member; 6 decimals.
        options = {"RFC7946": "YES", "COORDINATE_PRECISION": 6, "WRITE_NAME": "NO"}
    if driver == "FlatGeobuf" and frame.geometry.isna().any():
        # FlatGeobuf's spatial index cannot hold a feature without geometry.
        options = {"SPATIAL_INDEX": "NO"}
    if driver == "GPKG" and not append:
        dataset_options = {"VERSION": GPKG_VERSION}
    geometry_type = LAYER_GEOMETRY.get(layer, "Unknown")
    pyogrio.write_dataframe(
        frame,
        path,
        layer=layer if driver == "GPKG" else None,
        driver=driver,
        geometry_type=geometry_type,
        promote_to_multi=geometry_type == "MultiPolygon",
        layer_options=options or None,
        dataset_options=dataset_options or None,
        append=append,
        use_arrow=True,  # columnar write: faster for many features
    )


def _wanted(layer: str | None, driver: str, folder: bool) -> tuple[str, ...]:
    if layer is not None and layer not in (DEFAULT_LAYER, *GPKG_LAYERS):
        raise InputError(
            f"unknown layer {layer!r}",
            field="layer",
            hint="one of: " + ", ".join((DEFAULT_LAYER, *GPKG_LAYERS)),
        )
    if layer is not None:
        return (layer,)
    return GPKG_LAYERS if driver == "GPKG" or folder else (DEFAULT_LAYER,)


def export(
    resolved: ResolvedClaims | Attachment,
    path: str | os.PathLike[str],
    *,
    layer: str | None = None,
    units: UserUnits | None = None,
    format: str | None = None,
) -> Path:
    """Write resolved claims to ``path`` atomically; see the module doc.

    ``layer``: write only this layer (one-layer files: instead of ``claims_disks``);
    ``units``: a user's boundary file (the ``admin_units`` layer holds its units, the
    claims their unit and share of it); ``format``: the files of a folder target. Raises
    InputError naming the path when it cannot be written.
    """
    file = Path(path)
    folder = is_folder_target(file)
    driver = check_export_target(file, format)
    if isinstance(resolved, Attachment):
        units = units or resolved.units
        resolved = resolved.resolved
    wanted = _wanted(layer, driver, folder)
    frames = layer_frames(resolved, units, wanted)
    try:
        if folder:
            _write_folder(frames, file, driver, (format or "geojson").lower())
        else:
            with atomic_target(file) as temp_file:
                _write_file(frames, temp_file, driver)
    except pyogrio.errors.DataSourceError as error:
        raise InputError(f"cannot write: {error}", source=str(file)) from None
    return file


def _write_file(frames: Any, target: Path, driver: str) -> None:
    """GeoPackage: each slice appended as it comes. One-layer formats cannot append (or
    not portably): their slices are gathered and written once."""
    if driver == "GPKG":
        written: set[str] = set()
        for name, frame in frames:
            _write_layer(frame, target, driver, name, append=bool(written))
            written.add(name)
        return
    parts: dict[str, list[gpd.GeoDataFrame]] = {}
    for name, frame in frames:
        parts.setdefault(name, []).append(frame)
    for name, pieces in parts.items():
        _write_layer(_concat(pieces), target, driver, name)


def _concat(pieces: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    if len(pieces) == 1:
        return pieces[0]
    import pandas as pd

    return gpd.GeoDataFrame(pd.concat(pieces, ignore_index=True), geometry="geometry",
                            crs=pieces[0].crs)


def _write_folder(frames: Any, folder: Path, driver: str, format: str) -> None:
    """One file per layer in ``folder``. A new folder is made beside its place and moved
    there whole; into an existing one each file is written atomically (other files in it
    are left alone)."""
    suffix = FOLDER_FORMATS[format]
    by_layer: dict[str, list[gpd.GeoDataFrame]] = {}
    for name, frame in frames:
        by_layer.setdefault(name, []).append(frame)
    if folder.is_dir():
        for name, pieces in by_layer.items():
            with atomic_target(folder / f"{name}{suffix}") as temp_file:
                _write_layer(_concat(pieces), temp_file, driver, name)
        return
    parent = folder.parent if str(folder.parent) else Path(".")
    # A short temp name (the folder's own may be near NAME_MAX) that the next run sweeps
    # if this one is killed (contested.core.files.sweep_leftovers).
    try:
        temp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp",
                                     dir=parent))
    except OSError as error:
        raise write_error(folder, error) from None
    moved = False
    try:
        for name, pieces in by_layer.items():
            _write_layer(_concat(pieces), temp / f"{name}{suffix}", driver, name)
        temp.chmod(0o755)
        os.replace(temp, folder)
        moved = True
    finally:
        if not moved:  # a failure leaves nothing behind
            shutil.rmtree(temp, ignore_errors=True)

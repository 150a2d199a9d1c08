"""Write claims as GIS layers: GeoPackage, GeoJSON (RFC 7946), GeoParquet, FlatGeobuf.

* ``.gpkg`` — one layer per kind of thing: ``claims`` (points), ``disks`` and
  ``disks_clipped`` (equal-area disks of the claimed km², whole and cut to the country),
  ``places``, ``admin_units`` (units touched, and sides of "western X" scopes) and
  ``references`` (compared-to countries and states moved onto the claim at true size).
* ``.geojson``, ``.parquet``, ``.fgb`` hold one layer. By default that is the claims with
  their disks: every claim is one feature with the claims-layer fields plus ``disk_km2`` and
  ``clipped_km2``, its geometry the disk of the claimed area, or the place's point for a claim
  with no figure, or null when it has no place. ``layer=`` picks any other layer instead.

Everything is EPSG:4326. GeoJSON follows RFC 7946: lon/lat, exterior rings counter-clockwise
(shapely ``orient_polygons``), no ``crs`` member, at most 6 decimals. The file is written in a
temporary directory beside the target and moved into place with ``os.replace``
(:func:`contested.core.files.atomic_target`), so a failure leaves no partial file; the target's
folder must exist.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from contested.claims.resolved import ResolvedClaims
from contested.core.exceptions import InputError
from contested.core.files import atomic_target, check_writable_target
from contested.geo.attach import Attachment, attach

DRIVERS = {
    ".gpkg": "GPKG",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".parquet": "Parquet",
    ".geoparquet": "Parquet",
    ".fgb": "FlatGeobuf",
}
DEFAULT_LAYER = "claims_disks"  # the single layer of one-layer formats (see module doc)
GPKG_LAYERS = ("claims", "disks", "disks_clipped", "places", "admin_units", "references")


def claims_with_disks(layers: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """The claims layer, each claim's geometry its disk (else its point), with disk areas."""
    claims = layers["claims"].copy()
    disks = layers["disks"].set_index("id")
    clipped = layers["disks_clipped"].set_index("id")
    claims["disk_km2"] = claims["id"].map(disks["disk_km2"]).astype("float64")
    claims["clipped_km2"] = claims["id"].map(clipped["clipped_km2"]).astype("float64")
    disk_geometry = claims["id"].map(disks.geometry)
    geometry = np.where(disk_geometry.notna(), disk_geometry, claims.geometry.values)
    return claims.set_geometry(gpd.GeoSeries(geometry, index=claims.index, crs=claims.crs))


def check_export_target(path: str | os.PathLike[str]) -> str:
    """The GDAL driver for ``path``; InputError naming it for an unknown format or a place
    that cannot be written (missing folder, no permission, a folder)."""
    file = Path(path)
    driver = DRIVERS.get(file.suffix.lower())
    if driver is None:
        raise InputError(
            "unknown export format",
            source=str(file),
            hint="use .gpkg, .geojson, .parquet or .fgb",
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


def _geometry_type(frame: gpd.GeoDataFrame) -> str:
    types_present = set(shapely.get_type_id(frame.geometry.values[~frame.geometry.isna()]))
    if types_present <= {0}:
        return "Point"
    if types_present <= {3, 6}:
        return "MultiPolygon"
    return "Unknown"


def _write_layer(frame: gpd.GeoDataFrame, path: Path, driver: str, layer: str) -> None:
    frame = _prepared(frame)
    if driver == "Parquet":
        frame.to_parquet(path, index=False, geometry_encoding="WKB", write_covering_bbox=False)
        return
    options: dict[str, Any] = {}
    if driver == "GeoJSON":
        # RFC7946=YES: lon/lat, right-hand rule, no crs member; 6 decimals.
        options = {"RFC7946": "YES", "COORDINATE_PRECISION": 6, "WRITE_NAME": "NO"}
    if driver == "FlatGeobuf" and frame.geometry.isna().any():
        # FlatGeobuf's spatial index cannot hold a feature without geometry.
        options = {"SPATIAL_INDEX": "NO"}
    geometry_type = _geometry_type(frame)
    pyogrio.write_dataframe(
        frame,
        path,
        layer=layer if driver == "GPKG" else None,
        driver=driver,
        geometry_type=geometry_type,
        promote_to_multi=geometry_type == "MultiPolygon",
        layer_options=options or None,
        use_arrow=True,  # columnar write: faster for many features
    )


def export(
    resolved: ResolvedClaims | Attachment,
    path: str | os.PathLike[str],
    *,
    layer: str | None = None,
) -> Path:
    """Write resolved claims to ``path`` (.gpkg, .geojson, .parquet, .fgb) atomically; see
    the module doc. Pass the :class:`~contested.geo.attach.Attachment` when you have one, so
    the layers are not computed twice.

    ``layer`` (one-layer formats): ``claims_disks`` (default), or one of the GeoPackage layer
    names. Raises InputError naming the path when it cannot be written.
    """
    file = Path(path)
    driver = check_export_target(file)
    if layer is not None and layer not in (DEFAULT_LAYER, *GPKG_LAYERS):
        raise InputError(
            f"unknown layer {layer!r}",
            field="layer",
            hint="one of: " + ", ".join((DEFAULT_LAYER, *GPKG_LAYERS)),
        )
    attachment = resolved if isinstance(resolved, Attachment) else attach(resolved)
    layers = attachment.layers()
    if driver == "GPKG":
        wanted = {layer: layers[layer]} if layer in GPKG_LAYERS else layers
    else:
        chosen = layer or DEFAULT_LAYER
        wanted = {chosen: claims_with_disks(layers) if chosen == DEFAULT_LAYER else layers[chosen]}
    try:
        with atomic_target(file) as temp_file:
            for name, frame in wanted.items():
                _write_layer(frame, temp_file, driver, name)
    except pyogrio.errors.DataSourceError as error:
        raise InputError(f"cannot write: {error}", source=str(file)) from None
    return file

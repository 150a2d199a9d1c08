"""GeoDataFrames → small GeoJSON for the page: coverage-simplified, rounded, no empty parts."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

# Decimals kept per layer: 1e-4° ≈ 11 m, below a pixel at the zooms a country map uses.
BOUNDARY_DECIMALS = 4
SHAPE_DECIMALS = 4
POINT_DECIMALS = 5


def simplify_coverage(geometries: np.ndarray, tolerance_deg: float) -> np.ndarray:
    """Simplify polygons that share edges so that the shared edges stay shared (no slivers).

    Falls back to topology-preserving simplification of each polygon when the input is not
    a valid coverage (user files with overlaps or gaps).
    """
    geometries = np.asarray(geometries, dtype=object)
    if tolerance_deg <= 0 or len(geometries) == 0:
        return geometries
    try:
        return shapely.coverage_simplify(geometries, tolerance_deg)
    except shapely.errors.GEOSException:
        return shapely.simplify(geometries, tolerance_deg, preserve_topology=True)


def round_coordinates(geometries: np.ndarray, decimals: int) -> np.ndarray:
    """Round every coordinate (vectorised over all vertices of all geometries)."""
    geometries = np.asarray(geometries, dtype=object)
    return shapely.transform(geometries, lambda xy: np.round(xy, decimals))


def _clean(value: Any) -> Any:
    # JSON has no NaN; numpy scalars are not JSON.
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def feature_collection(
    geometries: Sequence[Any] | np.ndarray,
    properties: Sequence[dict[str, Any]],
    decimals: int,
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of ``geometries`` (lon/lat) with one property dict each.

    Missing or empty geometries are left out, with their properties.
    """
    geoms = np.asarray(
        geometries.values if isinstance(geometries, gpd.GeoSeries) else geometries, dtype=object
    )
    if len(geoms) != len(properties):
        raise ValueError(f"{len(geoms)} geometries but {len(properties)} property rows")
    if len(geoms) == 0:
        return {"type": "FeatureCollection", "features": []}
    keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    rounded = round_coordinates(geoms[keep], decimals)
    encoded = shapely.to_geojson(rounded)
    kept_properties = [p for p, k in zip(properties, keep, strict=True) if k]
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(geometry_json),
            "properties": {key: _clean(value) for key, value in props.items()},
        }
        for geometry_json, props in zip(encoded, kept_properties, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}

"""The export's layers, built a slice of claims at a time so memory stays flat in claims.

Per-claim layers (``claims``, ``disks``, ``disks_clipped``) come out one slice after another
and are written as they come; the layers that gather claims (``places``: one row per place,
``admin_units``: one row per unit touched, ``references``: one row per reference shape moved
onto one centre, shared by every claim that compares itself with it there) are merged over
the slices and come out last. Every layer has one geometry type (:data:`LAYER_GEOMETRY`), so
QGIS and GDAL read it without asking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from contested.claims.resolved import ResolvedClaims
from contested.geo.attach import Attachment, attach

if TYPE_CHECKING:
    from contested.geo.user_units import UserUnits

CRS = "EPSG:4326"
# The one geometry type of each layer (features without a geometry are null, not points).
LAYER_GEOMETRY = {
    "claims": "Point",
    "claims_disks": "MultiPolygon",
    "disks": "MultiPolygon",
    "disks_clipped": "MultiPolygon",
    "places": "Point",
    "admin_units": "MultiPolygon",
    "references": "MultiPolygon",
}
LAYERS = ("claims", "disks", "disks_clipped", "places", "admin_units", "references")
# Claims attached at once: large enough to vectorise, small enough that memory stays flat.
CHUNK_CLAIMS = 10_000
# Corners of a small exported disk. Its area is exact whatever the count (the polygon's
# radius is solved for it), and 32 corners keep the outline within 0.5% of the circle's
# radius: the disks of 100,000 claims fit in tens of MB instead of a GB.
EXPORT_DISK_SEGMENTS = 32


def slices(resolved: ResolvedClaims, size: int = CHUNK_CLAIMS) -> Iterator[ResolvedClaims]:
    """``resolved`` as consecutive runs of at most ``size`` claims, sharing its lookups."""
    for start in range(0, max(len(resolved), 1), size):
        stop = start + size
        yield ResolvedClaims(
            claims=resolved.claims[start:stop], places=resolved.places[start:stop],
            scopes=resolved.scopes, references=resolved.references, mentions=(),
            unresolved=(), files=resolved.files, areas=resolved.areas,
        )


def claims_with_disks(attachment: Attachment) -> gpd.GeoDataFrame:
    """The claims layer, each claim's geometry its disk (null when it has none), with the
    disk's areas: the one layer of a one-layer file (GeoJSON, FlatGeobuf, GeoParquet)."""
    claims = attachment.claims_layer().copy()
    disks = attachment.disks_layer().set_index("id")
    clipped = attachment.disks_layer(clipped=True).set_index("id")
    claims["disk_km2"] = claims["id"].map(disks["disk_km2"]).astype("float64")
    claims["clipped_km2"] = claims["id"].map(clipped["clipped_km2"]).astype("float64")
    geometry = claims["id"].map(disks.geometry)
    return claims.set_geometry(gpd.GeoSeries(geometry.to_numpy(), index=claims.index, crs=CRS))


def layer_frames(
    resolved: ResolvedClaims,
    units: UserUnits | None = None,
    wanted: tuple[str, ...] = LAYERS,
    size: int = CHUNK_CLAIMS,
) -> Iterator[tuple[str, gpd.GeoDataFrame]]:
    """(layer name, frame) pairs: the per-claim layers slice by slice, then the gathered
    ones. A layer may come several times (append them); each comes at least once."""
    per_claim = [name for name in PER_CLAIM if name in wanted]
    gathered: dict[str, list[gpd.GeoDataFrame]] = {n: [] for n in GATHERED if n in wanted}
    for part in slices(resolved, size):
        attachment = attach(part, units, segments=EXPORT_DISK_SEGMENTS)
        for name in per_claim:
            yield name, PER_CLAIM[name](attachment)
        for name, frames in gathered.items():
            frames.append(GATHERED[name][0](attachment))
    for name, frames in gathered.items():
        yield name, GATHERED[name][1](frames)


def polygonal(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Only the polygonal parts of each geometry (a disk cut along a border can leave a
    line or point beside its polygons), so the layer keeps one geometry type."""
    geometries = frame.geometry.values
    odd = ~np.isin(shapely.get_type_id(geometries), (3, 6)) & ~shapely.is_missing(geometries)
    if not odd.any():
        return frame
    from contested.geo.boundaries import polygonal_part

    fixed = geometries.copy()
    fixed[odd] = polygonal_part(geometries[odd])
    return frame.set_geometry(gpd.GeoSeries(fixed, index=frame.index, crs=CRS))


def _joined(values: pd.Series) -> str:
    return ",".join(dict.fromkeys(v for part in values.dropna() for v in str(part).split(",")
                                  if v))


def merge_places(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """One row per place over every slice, with the ids of every claim naming it."""
    frame = pd.concat(frames, ignore_index=True)
    if len(frames) == 1 or frame.empty:
        return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)
    key = frame["place_id"].fillna(frame["name"].astype(str)).rename("_place")
    merged = frame.groupby(key, sort=False).first()
    merged["claims"] = frame.groupby(key, sort=False)["claims"].agg(_joined)
    merged = merged.reset_index(drop=True)[frame.columns]
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=CRS)


def merge_units(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """One row per unit (or side of one) over every slice: claims counted and summed."""
    frame = pd.concat(frames, ignore_index=True)
    if len(frames) == 1 or frame.empty:
        return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)
    key = [frame["unit_id"].fillna(frame["name"].astype(str)).rename("_unit"),
           frame["part"].rename("_part")]
    grouped = frame.groupby(key, sort=True)
    merged = grouped.first()
    merged["n_claims"] = grouped["n_claims"].sum().astype("Int64")
    merged["claimed_km2"] = grouped["claimed_km2"].sum(min_count=1)
    merged["max_share"] = grouped["max_share"].max()
    merged["claims"] = grouped["claims"].agg(_joined)
    merged = merged.reset_index(drop=True)[frame.columns]
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=CRS)


SHARED_REFERENCE_COLUMNS = ("reference", "reference_code", "official_km2", "shape_km2",
                            "moved_km2", "centre_lon", "centre_lat", "n_claims", "claims",
                            "note")


def shared_references(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """One row per reference shape moved onto one centre, with the claims comparing
    themselves with it there (each claim's factor is in the claims layer)."""
    frame = pd.concat(frames, ignore_index=True)
    columns = list(SHARED_REFERENCE_COLUMNS)
    if frame.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    key = [frame["reference"].fillna("").rename("_reference"),
           frame["centre_lon"].round(9).fillna(999.0).rename("_lon"),
           frame["centre_lat"].round(9).fillna(999.0).rename("_lat"),
           frame["note"].fillna("").rename("_note")]
    grouped = frame.groupby(key, sort=False)
    merged = grouped.first()
    merged["n_claims"] = grouped["id"].size().astype("Int64")
    merged["claims"] = grouped["id"].agg(_joined).astype("string")
    merged = merged.reset_index(drop=True)
    return gpd.GeoDataFrame(merged[columns], geometry=merged["geometry"].to_numpy(), crs=CRS)


# Layers with one row per claim, written slice by slice.
PER_CLAIM: dict[str, Callable[[Attachment], gpd.GeoDataFrame]] = {
    "claims": lambda attachment: attachment.claims_layer(),
    "claims_disks": claims_with_disks,
    "disks": lambda attachment: attachment.disks_layer(),
    "disks_clipped": lambda attachment: polygonal(attachment.disks_layer(clipped=True)),
}
# Layers that gather claims: (the slice's rows, how the slices merge).
GATHERED: dict[str, tuple[Callable[[Attachment], gpd.GeoDataFrame],
                          Callable[[list[gpd.GeoDataFrame]], gpd.GeoDataFrame]]] = {
    "places": (lambda attachment: attachment.places_layer(), merge_places),
    "admin_units": (lambda attachment: attachment.admin_units_layer(), merge_units),
    "references": (lambda attachment: attachment.references_layer(), shared_references),
}

"""The export's layers, built a slice of claims at a time so memory stays flat in claims.

Per-claim layers (``claims``; ``disks`` and ``disks_clipped``, one row per distinct disk,
named by the claims' ``disk_id``) come out one slice after another and are written as they
come; the layers that gather claims (``places``: one row per place,
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
CHUNK_CLAIMS = 5_000
# Corners of an exported disk. Its area is exact whatever the count (the polygon's radius is
# solved for it; with edges of any length the geodesic area stays within 1e-4 up to two
# million km², geo.shapes.equal_area_disks), and 32 corners keep the outline within 0.5% of
# the circle's radius: the disks of 100,000 claims fit in tens of MB instead of a GB.
EXPORT_DISK_SEGMENTS = 32
EXPORT_MAX_EDGE_M = float("inf")
# Reference outlines (countries, states) simplified to ≈ 500 m where their area holds.
REFERENCE_TOLERANCE_DEG = 0.005


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
    # object dtype: when no claim has a disk, map() gives float NaN, which is no geometry.
    geometry = claims["id"].map(disks.geometry).astype(object)
    shapes = [shape if shape is not None and not isinstance(shape, float) else None
              for shape in geometry.to_numpy()]
    return claims.set_geometry(gpd.GeoSeries(shapes, index=claims.index, crs=CRS))


def layer_frames(
    resolved: ResolvedClaims,
    units: UserUnits | None = None,
    wanted: tuple[str, ...] = LAYERS,
    size: int = CHUNK_CLAIMS,
) -> Iterator[tuple[str, gpd.GeoDataFrame]]:
    """(layer name, frame) pairs: the per-claim layers slice by slice, then the gathered
    ones. A layer may come several times (append them); each comes at least once."""
    per_slice = [name for name in PER_SLICE if name in wanted]
    gathered: dict[str, list[gpd.GeoDataFrame]] = {n: [] for n in GATHERED if n in wanted}
    disks = SharedDisks()
    for part in slices(resolved, size):
        attachment = attach(part, units, segments=EXPORT_DISK_SEGMENTS,
                            max_edge_m=EXPORT_MAX_EDGE_M)
        disks.add(attachment)
        for name in per_slice:
            yield name, PER_SLICE[name](attachment, disks)
        for name, frames in gathered.items():
            frames.append(GATHERED[name][0](attachment))
    for name, frames in gathered.items():
        yield name, GATHERED[name][1](frames)


class SharedDisks:
    """One disk per place, area and country, however many claims state that figure there
    (an archive repeats figures: 100,000 synthetic claims draw 37,700 distinct disks); each
    claim names its disk by ``disk_id``, numbered in order of first appearance."""

    def __init__(self) -> None:
        self._ids: dict[tuple[float, float, float, str], int] = {}
        self.claim_disk: pd.Series = pd.Series(dtype="Int64")  # this slice: claim id → disk
        self.new_rows: np.ndarray = np.zeros(0, dtype=int)  # this slice's first-seen disks
        self.new_ids: np.ndarray = np.zeros(0, dtype=int)

    def add(self, attachment: Attachment) -> None:
        disks = attachment.disks_layer()
        keys = zip(disks["centre_lon"].round(7), disks["centre_lat"].round(7),
                   disks["claimed_km2"], disks["country"].fillna(""), strict=True)
        ids, new_rows = [], []
        for row, key in enumerate(keys):
            if key not in self._ids:
                self._ids[key] = len(self._ids) + 1
                new_rows.append(row)
            ids.append(self._ids[key])
        self.claim_disk = pd.Series(pd.array(ids, dtype="Int64"), index=disks["id"].to_numpy())
        self.new_rows = np.asarray(new_rows, dtype=int)
        self.new_ids = np.asarray(ids, dtype=int)[self.new_rows]

    def claims(self, attachment: Attachment) -> gpd.GeoDataFrame:
        """The claims layer with each claim's ``disk_id`` (null: no disk)."""
        claims = attachment.claims_layer().copy()
        claims["disk_id"] = claims["id"].map(self.claim_disk).astype("Int64")
        return claims

    def disks(self, attachment: Attachment, clipped: bool = False) -> gpd.GeoDataFrame:
        """The disks first seen in this slice (``clipped``: those a border cuts, cut to
        their country and simplified where their area holds)."""
        frame = attachment.disks_layer(clipped=clipped).iloc[self.new_rows]
        frame = frame.drop(columns=["id"]).reset_index(drop=True)
        frame.insert(0, "disk_id", pd.array(self.new_ids, dtype="Int64"))
        if not clipped:
            return frame
        cut = frame["clipped_km2"].to_numpy() < frame["disk_km2"].to_numpy() * (1 - 1e-9)
        frame = polygonal(frame[cut].reset_index(drop=True))
        return frame.set_geometry(gpd.GeoSeries(simplified(frame.geometry.values, within=5e-4),
                                                index=frame.index, crs=CRS))


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


def _shape_key(frame: pd.DataFrame) -> list[pd.Series]:
    """What makes two rows one reference shape: the reference, the centre it is moved
    onto, and the note of a shape that could not be drawn."""
    return [frame["reference"].fillna("").rename("_reference"),
            frame["centre_lon"].round(9).fillna(999.0).rename("_lon"),
            frame["centre_lat"].round(9).fillna(999.0).rename("_lat"),
            frame["note"].fillna("").rename("_note")]


def shared_references(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """One row per reference shape moved onto one centre, with the claims comparing
    themselves with it there (each claim's factor is in the claims layer)."""
    frame = pd.concat(frames, ignore_index=True)
    columns = list(SHARED_REFERENCE_COLUMNS)
    if frame.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    grouped = frame.groupby(_shape_key(frame), sort=False)
    merged = grouped.first()
    merged["n_claims"] = grouped["id"].size().astype("Int64")
    merged["claims"] = grouped["id"].agg(_joined).astype("string")
    merged = merged.reset_index(drop=True)
    return gpd.GeoDataFrame(merged[columns], geometry=simplified(merged["geometry"].to_numpy()),
                            crs=CRS)


def merge_shared_references(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """The shared reference shapes of every slice as one layer: a shape two slices share is
    one row, its claims counted and listed together."""
    frame = pd.concat(frames, ignore_index=True)
    if len(frames) == 1 or frame.empty:
        return gpd.GeoDataFrame(frame, geometry="geometry", crs=CRS)
    grouped = frame.groupby(_shape_key(frame), sort=False)
    merged = grouped.first()
    merged["n_claims"] = grouped["n_claims"].sum().astype("Int64")
    merged["claims"] = grouped["claims"].agg(_joined).astype("string")
    merged = merged.reset_index(drop=True)[frame.columns]
    return gpd.GeoDataFrame(merged, geometry="geometry", crs=CRS)


def simplified(shapes: np.ndarray, tolerance_deg: float = REFERENCE_TOLERANCE_DEG,
               within: float = 1e-4) -> np.ndarray:
    """Reference outlines with fewer vertices (≈ 500 m), each kept only where its geodesic
    area moves by less than ``within``; else the full outline."""
    from contested.geo.area import geodesic_area_km2

    shapes = np.asarray(shapes, dtype=object)
    present = ~shapely.is_missing(shapes)
    if not present.any():
        return shapes
    full = shapes[present]
    light = shapely.simplify(full, tolerance_deg, preserve_topology=True)
    before, after = geodesic_area_km2(full), geodesic_area_km2(light)
    close = np.abs(after / np.where(before > 0, before, 1) - 1) < within
    out = shapes.copy()
    out[np.flatnonzero(present)[close]] = light[close]
    return out


# Layers written slice by slice: one row per claim, or per disk first seen in the slice.
PER_SLICE: dict[str, Callable[[Attachment, SharedDisks], gpd.GeoDataFrame]] = {
    "claims": lambda attachment, disks: disks.claims(attachment),
    "claims_disks": lambda attachment, disks: claims_with_disks(attachment),
    "disks": lambda attachment, disks: disks.disks(attachment),
    "disks_clipped": lambda attachment, disks: disks.disks(attachment, clipped=True),
}
# Layers that gather claims: (the slice's rows, how the slices merge).
GATHERED: dict[str, tuple[Callable[[Attachment], gpd.GeoDataFrame],
                          Callable[[list[gpd.GeoDataFrame]], gpd.GeoDataFrame]]] = {
    "places": (lambda attachment: attachment.places_layer(), merge_places),
    "admin_units": (lambda attachment: attachment.admin_units_layer(), merge_units),
    "references": (lambda attachment: shared_references([attachment.references_layer()]),
                   merge_shared_references),
}

"""Shapes at true size: equal-area disks, reference shapes moved onto a point, sides of a unit.

Both disks and moved shapes are built in a Lambert azimuthal equal-area projection on the
WGS84 ellipsoid (``+proj=laea``) centred on the point, and brought back to lon/lat with
PROJ. The projection keeps every area, so a disk of ``km2`` in the plane is ``km2`` on the
ellipsoid; edges are cut short in the plane first so that the geodesic edges of the result
follow the projected outline (geodesic area within 0.1% of the target, in practice 1e-5).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely import affinity
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from contested.core.exceptions import GeometryError, InputError

# Longest edge, in the projected plane, before reprojection (see module docstring).
MAX_EDGE_M = 10_000.0


@lru_cache(maxsize=4096)
def laea(lon: float, lat: float) -> Transformer:
    """lon/lat (degrees) ⇄ Lambert azimuthal equal-area metres centred on (lon, lat)."""
    return Transformer.from_pipeline(
        f"+proj=laea +lat_0={lat:.9f} +lon_0={lon:.9f} +ellps=WGS84 +x_0=0 +y_0=0"
    )


def _check_point(lon: float, lat: float) -> None:
    if not (math.isfinite(lon) and math.isfinite(lat) and -90 <= lat <= 90):
        raise InputError(f"not a lon/lat point: ({lon}, {lat})", hint="lat in [-90, 90]")


def _disk_vertex_count(radius_m: np.ndarray, segments: int,
                       max_edge_m: float = MAX_EDGE_M) -> np.ndarray:
    # Enough vertices that no edge is longer than max_edge_m (a multiple of ``segments``).
    edge_m = 2 * np.pi * radius_m / segments
    return segments * np.maximum(1, np.ceil(edge_m / max_edge_m)).astype(int)


def _disk_radius_m(km2: np.ndarray, vertices: np.ndarray) -> np.ndarray:
    # Radius of the regular polygon with ``vertices`` corners whose area is km2 (not the
    # circle's: the inscribed polygon is (N/2)·r²·sin(2π/N)).
    return np.sqrt(km2 * 1e6 / (vertices / 2 * np.sin(2 * np.pi / vertices)))


def equal_area_disks(
    lons: np.ndarray, lats: np.ndarray, km2: np.ndarray, segments: int = 256,
    max_edge_m: float = MAX_EDGE_M,
) -> np.ndarray:
    """Disks of ``km2`` centred on each (lon, lat), as an array of shapely Polygons.

    Vectorised: one PROJ transformer per distinct centre, every vertex of its disks
    transformed in one call. A NaN, zero or negative area or a missing centre gives None.
    ``max_edge_m``: longest edge before more corners are added (32 corners with edges of
    any length stay within 1e-4 of the area up to 2 million km²: scripts/bench_scale.py).
    """
    lons = np.asarray(lons, dtype=float).ravel()
    lats = np.asarray(lats, dtype=float).ravel()
    km2 = np.broadcast_to(np.asarray(km2, dtype=float), lons.shape).ravel()
    disks = np.full(len(lons), None, dtype=object)
    usable = np.isfinite(lons) & np.isfinite(lats) & np.isfinite(km2) & (km2 > 0)
    if not usable.any():
        return disks
    index = np.flatnonzero(usable)
    # A disk larger than a hemisphere has no meaning as a claimed area on a map.
    too_big = km2[index] > 2.5e8
    if too_big.any():
        raise InputError(f"disk of {km2[index][too_big][0]:,.0f} km² is larger than a hemisphere")

    radius_guess = np.sqrt(km2[index] * 1e6 / np.pi)
    vertices = _disk_vertex_count(radius_guess, segments, max_edge_m)
    radius_m = _disk_radius_m(km2[index], vertices)

    centres = np.column_stack([lons[index], lats[index]])
    unique_centres, centre_of = np.unique(centres, axis=0, return_inverse=True)
    centre_of = centre_of.ravel()
    # Group by (vertex count, centre): equal-length coordinate blocks transform together.
    for n_vertices in np.unique(vertices):
        angles = np.linspace(0, 2 * np.pi, n_vertices, endpoint=False)
        unit_ring = np.column_stack([np.cos(angles), np.sin(angles)])
        in_group = vertices == n_vertices
        for centre_id in np.unique(centre_of[in_group]):
            members = np.flatnonzero(in_group & (centre_of == centre_id))
            ring_xy = radius_m[members, None, None] * unit_ring[None, :, :]
            lon0, lat0 = unique_centres[centre_id]
            lon, lat = laea(float(lon0), float(lat0)).transform(
                ring_xy[..., 0].ravel(), ring_xy[..., 1].ravel(), direction="INVERSE"
            )
            # Longitudes continuous about the centre: a disk across the antimeridian stays
            # one valid polygon (lon may pass 180), as GIS tools expect before splitting.
            lon = lon0 + (np.asarray(lon) - lon0 + 180.0) % 360.0 - 180.0
            ring_lonlat = np.stack([lon, lat], axis=-1).reshape(len(members), n_vertices, 2)
            # Counter-clockwise rings, closed (RFC 7946 right-hand rule).
            closed = np.concatenate([ring_lonlat, ring_lonlat[:, :1, :]], axis=1)
            disks[index[members]] = shapely.polygons(closed)
    return disks


def equal_area_disk(lon: float, lat: float, km2: float, segments: int = 256) -> Polygon:
    """A disk of ``km2`` square kilometres (geodesic, WGS84) centred on (lon, lat)."""
    _check_point(lon, lat)
    if not (math.isfinite(km2) and km2 > 0):
        raise InputError(f"a disk needs a positive area, got {km2!r} km²")
    return equal_area_disks(np.array([lon]), np.array([lat]), np.array([km2]), segments)[0]


def move_shape(
    geometry: BaseGeometry,
    to_lon: float,
    to_lat: float,
    from_lon: float | None = None,
    from_lat: float | None = None,
) -> BaseGeometry:
    """Move ``geometry`` so that its anchor lands on (to_lon, to_lat), keeping shape and area.

    The anchor is the shape's representative point unless (from_lon, from_lat) is given.
    Forward LAEA centred on the anchor, then inverse LAEA centred on the target: areas are
    kept exactly and shapes as well as a map of that size allows.
    """
    _check_point(to_lon, to_lat)
    if geometry is None or geometry.is_empty:
        raise GeometryError("cannot move an empty shape")
    if from_lon is None or from_lat is None:
        anchor = geometry.representative_point()
        from_lon, from_lat = anchor.x, anchor.y
    source, target = laea(float(from_lon), float(from_lat)), laea(float(to_lon), float(to_lat))

    def to_plane(coords: np.ndarray) -> np.ndarray:
        x, y = source.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    def from_plane(coords: np.ndarray) -> np.ndarray:
        lon, lat = target.transform(coords[:, 0], coords[:, 1], direction="INVERSE")
        return np.column_stack([lon, lat])

    planar = shapely.segmentize(shapely.transform(geometry, to_plane), MAX_EDGE_M)
    return shapely.transform(planar, from_plane)


# "western" → west, "north-eastern" → northeast, "NW" → northwest ...
_DIRECTIONS: dict[str, tuple[float, float]] = {
    "north": (0.0, 1.0),
    "south": (0.0, -1.0),
    "east": (1.0, 0.0),
    "west": (-1.0, 0.0),
    "northeast": (1.0, 1.0),
    "northwest": (-1.0, 1.0),
    "southeast": (1.0, -1.0),
    "southwest": (-1.0, -1.0),
}
_ABBREVIATIONS = {
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
    "ne": "northeast",
    "nw": "northwest",
    "se": "southeast",
    "sw": "southwest",
}


def normalise_direction(qualifier: str) -> str:
    """'Western' → 'west', 'north-western' → 'northwest', 'central' → 'central'."""
    word = re.sub(r"[\s\-_.]+", "", qualifier.strip().lower())
    word = re.sub(r"(ern|erly|wards?)$", "", word)
    word = _ABBREVIATIONS.get(word, word)
    if word in _DIRECTIONS or word in ("central", "centre", "center", "middle"):
        return "central" if word in ("centre", "center", "middle") else word
    raise InputError(
        f"unknown direction {qualifier!r}",
        hint="use north, south, east, west, north-east ..., or central",
    )


def side_of(geometry: BaseGeometry, qualifier: str) -> BaseGeometry:
    """The part of ``geometry`` on the ``qualifier`` side of its centroid ("western" Anbar).

    A direction cuts along the line through the centroid at right angles to it (distances
    east–west scaled by cos(latitude), so "north-west" means 45° on the ground); "central"
    keeps the middle half of the area, the shape shrunk about its centroid.
    """
    direction = normalise_direction(qualifier)
    centroid = geometry.centroid
    cx, cy = centroid.x, centroid.y
    if direction == "central":
        middle = affinity.scale(geometry, math.sqrt(0.5), math.sqrt(0.5), origin=centroid)
        return shapely.intersection(geometry, middle)
    east, north = _DIRECTIONS[direction]
    cos_lat = max(math.cos(math.radians(cy)), 1e-6)
    # Direction in degree space: a ground step east is 1/cos(lat) degrees of longitude.
    dx, dy = east / cos_lat, north
    norm = math.hypot(dx, dy)
    dx, dy = dx / norm, dy / norm
    minx, miny, maxx, maxy = geometry.bounds
    reach = 2 * math.hypot(maxx - minx, maxy - miny) + 1.0
    # Half-plane {p : (p − c)·d ≥ 0} as a big square on the positive side of the cut.
    px, py = -dy, dx  # along the cut
    half_plane = Polygon(
        [
            (cx + px * reach, cy + py * reach),
            (cx - px * reach, cy - py * reach),
            (cx - px * reach + dx * reach, cy - py * reach + dy * reach),
            (cx + px * reach + dx * reach, cy + py * reach + dy * reach),
        ]
    )
    return shapely.intersection(geometry, half_plane)


def reference_geometry(reference: Any) -> BaseGeometry:
    """The land polygon of a resolved reference (an official-areas entry: a country or a US
    state/DC): pack resolution for the region's countries, world otherwise; Census
    cartographic for US states. Raises DataError when none is shipped (a yardstick such as
    Wales or Manhattan has an official area but no shipped polygon)."""
    from contested.core.exceptions import DataError
    from contested.geo import boundaries

    geometry = None
    if reference.kind == "country":
        geometry = boundaries.country_shape(reference.code)
    elif reference.kind in ("us_state", "us_territory"):
        states = boundaries.us_states()
        match = states[states["postal"] == reference.code]
        if len(match):
            geometry = match.geometry.iloc[0]
    if geometry is None:
        raise DataError(f"no shipped polygon for {reference.name} ({reference.code})")
    return geometry

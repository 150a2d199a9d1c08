"""Attach geometry to resolved claims: admin-1 unit, country, region, side, disk centre, disks.

    >>> from contested.claims.claim_files import load_claims
    >>> from contested.resolution import resolve_claims
    >>> claims = load_claims("contested/data/example_claims.yaml")
    >>> attachment = attach(resolve_claims(claims, gazetteer=None))
    >>> sorted(attachment.layers())[:3]
    ['admin_units', 'claims', 'disks']

The claims arrive resolved (:class:`~contested.claims.resolved.ResolvedClaims`): each has
its target place, the places it names and why it cannot be drawn. Everything here is
geometry, computed once per distinct place, centre or disk and vectorised over them:

* admin-1 unit: the place's ``admin1_id``, else the unit its point lies in (STRtree query);
  a country has none;
* scope region: the country, or the admin-1 unit a governorate-level place *is*; with a
  direction ("western Anbar") the part of that region on that side of its centroid;
* disk: the equal-area disk of the claimed km² centred on the place (on the side's
  representative point for a directional scope), and the same disk clipped to the country;
* references: each compared-to country/state moved onto the claim's centre at true size
  (:mod:`contested.geo.layers` builds the tables).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from contested.claims.model import Claim
from contested.claims.resolved import ResolvedClaims, Unresolved
from contested.core.exceptions import ContestedError
from contested.gazetteer.place import Place
from contested.geo import boundaries
from contested.geo.area import geodesic_area_km2
from contested.geo.shapes import MAX_EDGE_M, equal_area_disks, normalise_direction, side_of

if TYPE_CHECKING:
    from contested.geo.user_units import UserUnits

# Gazetteer kinds whose place *is* an area (its region), not a point inside one.
_COUNTRY_KINDS = ("country",)


@dataclass(slots=True)
class _PlaceInfo:
    """What one distinct resolved place brings: unit, country, region and their areas."""

    place: Place
    admin1_row: int | None = None  # row in the admin-1 frame
    region: Any = None  # polygon the place names (country / admin unit), else None
    region_km2: float | None = None
    country_km2: float | None = None


@dataclass
class Attachment:
    """Resolved claims with their geometry; layers computed on demand, each once."""

    resolved: ResolvedClaims
    units: UserUnits | None = None  # a user's boundary file, when one was given
    # Corners of a small disk (more where edges would exceed shapes.MAX_EDGE_M); the area is
    # exact whatever the count (shapes.equal_area_disks), only the outline's roundness varies.
    segments: int = 64
    max_edge_m: float = MAX_EDGE_M  # longest edge of a disk before it gets more corners
    _frames: dict[str, gpd.GeoDataFrame] = field(default_factory=dict, repr=False)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.resolved.claims

    @cached_property
    def targets(self) -> list[Place | None]:
        return self.resolved.targets

    @property
    def notes(self) -> list[str | None]:
        return [entry.note for entry in self.resolved.places]

    @property
    def all_places(self) -> list[tuple[Place, ...]]:
        return [entry.places for entry in self.resolved.places]

    @property
    def unresolved(self) -> tuple[Unresolved, ...]:
        return self.resolved.unresolved

    # --- shared lookups ---------------------------------------------------------------------

    @cached_property
    def _admin1(self) -> gpd.GeoDataFrame:
        return boundaries.admin1().reset_index(drop=True)

    @cached_property
    def _countries(self) -> dict[str, tuple[Any, float]]:
        # Pack countries at full resolution, the rest of the world simplified.
        out: dict[str, tuple[Any, float]] = {}
        for detail in ("pack", "world"):
            frame = boundaries.countries(detail)
            for code, geometry, km2 in zip(
                frame["iso2"], frame.geometry.values, frame["area_km2"], strict=True
            ):
                if isinstance(code, str) and code and code not in out:
                    out[code] = (geometry, float(km2))
        return out

    @cached_property
    def _place_info(self) -> dict[Place, _PlaceInfo]:
        places = list(dict.fromkeys(p for p in self.targets if p is not None))
        infos = {place: _PlaceInfo(place) for place in places}
        self._locate_admin1(infos)
        admin = self._admin1
        for place, info in infos.items():
            country = self._countries.get(place.country or "")
            if country is not None:
                info.country_km2 = country[1]
            if place.kind in _COUNTRY_KINDS and country is not None:
                info.region, info.region_km2 = country
            elif place.id.startswith("admin1:") and info.admin1_row is not None:
                info.region = admin.geometry.values[info.admin1_row]
                info.region_km2 = float(admin["area_km2"].iloc[info.admin1_row])
        return infos

    def _locate_admin1(self, infos: dict[Place, _PlaceInfo]) -> None:
        """Each place's admin-1 row: its ``admin1_id``, else the unit its point lies in
        (one STRtree query for all of them); countries have none."""
        admin = self._admin1
        row_of_id = {key: row for row, key in enumerate(admin["admin1_id"])}
        to_locate: list[Place] = []
        for place, info in infos.items():
            if place.kind in _COUNTRY_KINDS:
                continue
            row = row_of_id.get(place.admin1_id) if place.admin1_id else None
            if row is not None:
                info.admin1_row = row
            elif place.lat is not None and place.lon is not None:
                to_locate.append(place)
        if not to_locate:
            return
        points = shapely.points([p.lon for p in to_locate], [p.lat for p in to_locate])
        tree = shapely.STRtree(admin.geometry.values)
        point_index, unit_index = tree.query(points, predicate="within")
        for point_row, unit_row in zip(point_index, unit_index, strict=True):
            infos[to_locate[point_row]].admin1_row = int(unit_row)

    @cached_property
    def _sides(self) -> dict[tuple[str, str], tuple[Any, float]]:
        """(place id, direction) → (part of the place's region on that side, its km²)."""
        wanted = {
            (place.id, normalise_direction(place.qualifier)): info.region
            for place, info in self._place_info.items()
            if place.qualifier and info.region is not None and _direction_ok(place.qualifier)
        }
        if not wanted:
            return {}
        parts = [side_of(region, direction) for (_, direction), region in wanted.items()]
        areas = geodesic_area_km2(parts)
        return {
            key: (part, float(km2)) for key, part, km2 in zip(wanted, parts, areas, strict=True)
        }

    def _side_key(self, place: Place | None) -> tuple[str, str] | None:
        if place is None or not place.qualifier or not _direction_ok(place.qualifier):
            return None
        key = (place.id, normalise_direction(place.qualifier))
        return key if key in self._sides else None

    @cached_property
    def _centres(self) -> np.ndarray:
        """(lon, lat) of each claim's disk centre (NaN when unplaced)."""
        centres = np.full((len(self.claims), 2), np.nan)
        for row, place in enumerate(self.targets):
            if place is None or place.lat is None or place.lon is None:
                continue
            side = self._side_key(place)
            if side is not None:
                anchor = self._sides[side][0].representative_point()
                centres[row] = (anchor.x, anchor.y)
            else:
                centres[row] = (place.lon, place.lat)
        return centres

    @cached_property
    def unit_rows(self) -> np.ndarray:
        """Each claim's row in the user's units (-1: none): the unit its scope names, else
        the unit its place lies in when the place is a point (a place known only to lie in a
        governorate says nothing about which district it is in)."""
        rows = np.full(len(self.claims), -1, dtype=int)
        if self.units is None:
            return rows
        row_of = {"unit:" + str(u): n for n, u in enumerate(self.units.frame["unit_id"])}
        for n, claim in enumerate(self.claims):
            scope = self.resolved.scope(claim.scope)
            named = [u.id for u in (scope.units if scope else ()) if u.level == "unit"]
            if named:
                rows[n] = row_of.get(named[0], -1)
        point = np.array([p is not None and p.precision == "point" and p.lat is not None
                          for p in self.targets], dtype=bool) & (rows < 0)
        if point.any():
            located = self.units.locate(
                np.array([self.targets[i].lon for i in np.flatnonzero(point)], dtype=float),
                np.array([self.targets[i].lat for i in np.flatnonzero(point)], dtype=float))
            rows[point] = located
        return rows

    # --- layers -----------------------------------------------------------------------------

    @cached_property
    def _target_rows(self) -> tuple[list[Place], np.ndarray]:
        """Distinct targets, and each claim's index into them (-1: no place)."""
        index_of: dict[int, int] = {}
        distinct: list[Place] = []
        rows = np.full(len(self.claims), -1, dtype=int)
        by_place: dict[Place, int] = {}
        for row, place in enumerate(self.targets):
            if place is None:
                continue
            # Claims share Place objects (the resolve cache): hash by identity first.
            key = index_of.get(id(place))
            if key is None:
                key = by_place.setdefault(place, len(distinct))
                if key == len(distinct):
                    distinct.append(place)
                index_of[id(place)] = key
            rows[row] = key
        return distinct, rows

    @cached_property
    def _disks(self) -> dict[str, Any]:
        """Disks per distinct (centre, km²), their clips per country; computed once."""
        claimed = np.array([np.nan if c.km2 is None else c.km2 for c in self.claims])
        centres = self._centres
        countries = np.array(
            [(p.country if p is not None else None) or "" for p in self.targets], dtype=object
        )
        usable = np.flatnonzero(np.isfinite(claimed) & np.isfinite(centres[:, 0]))
        # One disk per distinct (centre, km²); one clip per distinct (disk, country).
        disk_keys = np.column_stack([centres[usable], claimed[usable]])
        unique_keys, disk_of = np.unique(disk_keys, axis=0, return_inverse=True)
        disk_of = disk_of.ravel()
        unique_disks = equal_area_disks(unique_keys[:, 0], unique_keys[:, 1], unique_keys[:, 2],
                                        segments=self.segments, max_edge_m=self.max_edge_m)
        disk_km2 = geodesic_area_km2(unique_disks)
        clipped, clipped_km2 = self._clip(unique_disks, disk_km2, disk_of, countries[usable])
        return {
            "usable": usable,
            "claimed": claimed,
            "countries": countries,
            "disk_of": disk_of,
            "disks": unique_disks,
            "disk_km2": disk_km2,
            "clipped": clipped,
            "clipped_km2": clipped_km2,
        }


    def _clip(
        self,
        disks: np.ndarray,
        disk_km2: np.ndarray,
        disk_of: np.ndarray,
        countries: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each claim's disk cut to its country (the disk itself when there is no polygon),
        and the cut disk's km². Disks wholly inside keep their area without recomputing."""
        clipped = disks[disk_of].copy()
        clipped_km2 = disk_km2[disk_of].copy()
        pairs = pd.DataFrame({"disk": disk_of, "country": countries})
        for code, group in pairs.groupby("country", sort=False):
            country = self._countries.get(code)
            if country is None:
                continue
            shape = country[0]
            shapely.prepare(shape)
            disk_ids, position = np.unique(group["disk"].to_numpy(), return_inverse=True)
            candidates = disks[disk_ids]
            cut = candidates.copy()
            cut_km2 = disk_km2[disk_ids].copy()
            crossing = ~shapely.contains_properly(shape, candidates)
            if crossing.any():
                cut[crossing] = shapely.intersection(candidates[crossing], shape)
                cut_km2[crossing] = geodesic_area_km2(cut[crossing])
            rows = group.index.to_numpy()
            clipped[rows] = cut[position.ravel()]
            clipped_km2[rows] = cut_km2[position.ravel()]
        return clipped, clipped_km2


    # --- layers (built in contested.geo.layers, kept here once built) -------------------------

    def _layer(self, key: str, build: Any, *args: Any) -> gpd.GeoDataFrame:
        if key not in self._frames:
            self._frames[key] = build(self, *args)
        return self._frames[key]

    def claims_layer(self) -> gpd.GeoDataFrame:
        """One row per claim (see ``layers.CLAIM_COLUMNS``), point geometry at its place."""
        from contested.geo import layers

        return self._layer("claims", layers.claims_frame)

    def disks_layer(self, clipped: bool = False) -> gpd.GeoDataFrame:
        """Equal-area disks of the claimed km² (``clipped``: cut to the place's country)."""
        from contested.geo import layers

        return self._layer("disks_clipped" if clipped else "disks", layers.disks_frame, clipped)

    def places_layer(self) -> gpd.GeoDataFrame:
        """Every distinct place the claims name."""
        from contested.geo import layers

        return self._layer("places", layers.places_frame)

    def admin_units_layer(self) -> gpd.GeoDataFrame:
        """Admin-1 units (or the user's units) the claims fall in, and sides of directional
        scopes."""
        from contested.geo.unit_layers import admin_units_frame

        return self._layer("admin_units", admin_units_frame)

    def references_layer(self) -> gpd.GeoDataFrame:
        """Compared-to countries/states moved onto each claim's centre at true size."""
        from contested.geo import layers

        return self._layer("references", layers.references_frame)

    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """All layers by name, in the order a GeoPackage lists them."""
        return {
            "claims": self.claims_layer(),
            "disks": self.disks_layer(),
            "disks_clipped": self.disks_layer(clipped=True),
            "places": self.places_layer(),
            "admin_units": self.admin_units_layer(),
            "references": self.references_layer(),
        }


def _direction_ok(qualifier: str) -> bool:
    try:
        normalise_direction(qualifier)
    except ContestedError:
        return False
    return True



def attach(resolved: ResolvedClaims, units: UserUnits | None = None,
           segments: int = 64, max_edge_m: float = MAX_EDGE_M) -> Attachment:
    """The geometry of resolved claims (layers are computed when first asked for);
    ``units``: a user's boundary file, whose units claims are then put in and shared out of;
    ``segments``: corners of a small disk (its area is exact whatever the count)."""
    if not isinstance(resolved, ResolvedClaims):
        raise TypeError(
            "attach() takes ResolvedClaims: resolve the claims first "
            "(contested.resolve_claims(claims))"
        )
    return Attachment(resolved, units, segments, max_edge_m)


def layer(resolved: ResolvedClaims) -> gpd.GeoDataFrame:
    """One row per claim (EPSG:4326, point at the resolved place)."""
    return attach(resolved).claims_layer()


def disks(resolved: ResolvedClaims, clipped: bool = False) -> gpd.GeoDataFrame:
    """Equal-area disks of the claimed areas (``clipped``: cut to the country)."""
    return attach(resolved).disks_layer(clipped=clipped)


def places(resolved: ResolvedClaims) -> gpd.GeoDataFrame:
    """The distinct places the claims name."""
    return attach(resolved).places_layer()


def admin_units(resolved: ResolvedClaims) -> gpd.GeoDataFrame:
    """The admin-1 units (and directional sides) the claims touch."""
    return attach(resolved).admin_units_layer()


def references(resolved: ResolvedClaims) -> gpd.GeoDataFrame:
    """Compared-to countries and states, moved onto the claims' places at true size."""
    return attach(resolved).references_layer()

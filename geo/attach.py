"""Attach geometry to claims: place, admin-1 unit, country, shares, disks, moved references.

    >>> import contested.geo
    >>> claims = geo.load_claims("contested/data/example_claims.yaml")
    >>> frame = geo.layer(claims)            # one row per claim, EPSG:4326, point geometry
    >>> layers = attach(claims).layers()     # claims, disks, disks_clipped, places, ...

Each claim's scope (or first place) is resolved with the gazetteer, the other places of the
claim as context. Lookups are batched: every distinct (name, context) is resolved once, and
all the geometry work is done per distinct place, centre or disk, vectorised over them.

* admin-1 unit: the place's ``admin1_id``, else the unit its point lies in (STRtree query);
  a country has none;
* scope region: the country, or the admin-1 unit a governorate-level place *is*; with a
  direction ("western Anbar") the part of that region on that side of its centroid;
* disk: the equal-area disk of the claimed km² centred on the place (on the side's
  representative point for a directional scope), and the same disk clipped to the country;
* references: each compared-to country/state moved onto the claim's centre at true size.

A claim with no figure or no resolvable place still gets its row (null geometry/numbers, and
a ``note`` saying why); nothing here raises for one bad claim. The names that did not resolve
are kept in ``Attachment.unresolved``; :func:`require_resolved` is the policy the commands
apply to them (exit 3 naming file, claim and name, unless the user chose to skip them).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from contested.claims.claim_files import PLACE_NAMES
from contested.claims.model import Claim
from contested.core.exceptions import ClaimsFileError, ContestedError, InputError, UnknownPlace
from contested.gazetteer.place import Place
from contested.geo import boundaries
from contested.geo.area import geodesic_area_km2
from contested.geo.shapes import equal_area_disks, move_shape, normalise_direction, side_of

CRS = "EPSG:4326"

CLAIM_COLUMNS = (
    "id",
    "kind",
    "qualifier",
    "claimed_km2",
    "value",
    "unit",
    "scope",
    "place_name",
    "place_id",
    "precision",
    "side",
    "admin1_id",
    "admin1_name",
    "admin1_km2",
    "share_of_admin1",
    "country",
    "country_km2",
    "share_of_country",
    "scope_km2",
    "share_of_scope",
    "population",
    "percent",
    "of_total_km2",
    "comparison",
    "comparison_factor",
    "date",
    "source",
    "speaker",
    "quote",
    "note",
)
FLOAT_COLUMNS = (
    "claimed_km2",
    "value",
    "admin1_km2",
    "share_of_admin1",
    "country_km2",
    "share_of_country",
    "scope_km2",
    "share_of_scope",
    "percent",
    "of_total_km2",
    "comparison_factor",
)
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


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A place name or scope of a claim that the gazetteer cannot resolve.

    ``error`` is the gazetteer's answer: an UnknownPlace (with suggestions), or an InputError
    for text that is no place name at all (too long, control characters).
    """

    claim_id: str
    field: str  # "places" or "scope"
    name: str
    error: ContestedError

    def describe(self, file: str | None = None) -> str:
        """"FILE, claim ID: unknown place 'X'; did you mean …?" """
        where = f"{file}, claim {self.claim_id}" if file else f"claim {self.claim_id}"
        if isinstance(self.error, InputError):
            return f"{where}, field '{self.field}': {self.error.message}"
        return f"{where}: {self.error}"


class UnresolvedPlaces(UnknownPlace):
    """Claims name places the gazetteer cannot resolve (exit 3); one line per name."""

    MAX_LISTED = 20

    def __init__(self, unresolved: Sequence[Unresolved], files: Mapping[str, str]) -> None:
        first = unresolved[0]
        super().__init__(first.name, getattr(first.error, "suggestions", ()))
        self.unresolved = list(unresolved)
        lines = [u.describe(files.get(u.claim_id)) for u in unresolved[: self.MAX_LISTED]]
        if len(unresolved) > self.MAX_LISTED:
            lines.append(f"... and {len(unresolved) - self.MAX_LISTED} more")
        lines.append(
            "fix the names (try `contested resolve NAME`), give the place as a resolve object "
            "with lat/lon, or pass --skip-unresolved to go on without them"
        )
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class Attachment:
    """Claims with their places resolved; layers computed on demand, each once."""

    claims: list[Claim]
    targets: list[Place | None]
    notes: list[str | None]
    all_places: list[tuple[Place, ...]]
    unresolved: list[Unresolved] = field(default_factory=list)
    _frames: dict[str, gpd.GeoDataFrame] = field(default_factory=dict, repr=False)

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
        admin = self._admin1
        row_of_id = {key: row for row, key in enumerate(admin["admin1_id"])}
        # Points still to locate: not a country, no known admin-1 id, with coordinates.
        to_locate: list[Place] = []
        for place, info in infos.items():
            if place.kind in _COUNTRY_KINDS:
                continue
            row = row_of_id.get(place.admin1_id) if place.admin1_id else None
            if row is not None:
                info.admin1_row = row
            elif place.lat is not None and place.lon is not None:
                to_locate.append(place)
        if to_locate:
            points = shapely.points([p.lon for p in to_locate], [p.lat for p in to_locate])
            tree = shapely.STRtree(admin.geometry.values)
            point_index, unit_index = tree.query(points, predicate="within")
            for point_row, unit_row in zip(point_index, unit_index, strict=True):
                infos[to_locate[point_row]].admin1_row = int(unit_row)
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

    def claims_layer(self) -> gpd.GeoDataFrame:
        """One row per claim (see CLAIM_COLUMNS), point geometry at the resolved place."""
        if "claims" in self._frames:
            return self._frames["claims"]
        admin = self._admin1
        distinct, target_row = self._target_rows
        has = target_row >= 0
        # Per distinct place: its fields, then spread to the claims with numpy indexing.
        per_place: dict[str, list[Any]] = {
            name: []
            for name in (
                "place_name",
                "place_id",
                "precision",
                "country",
                "country_km2",
                "scope_km2",
                "side",
                "admin1_id",
                "admin1_name",
                "admin1_km2",
                "lon",
                "lat",
            )
        }
        admin_ids, admin_names = admin["admin1_id"].tolist(), admin["name"].tolist()
        admin_km2 = admin["area_km2"].to_numpy()
        for place in distinct:
            info = self._place_info[place]
            side = self._side_key(place)
            unit = info.admin1_row
            values = {
                "place_name": place.name,
                "place_id": place.id,
                "precision": place.precision,
                "country": place.country,
                "country_km2": info.country_km2,
                "scope_km2": self._sides[side][1] if side else info.region_km2,
                "side": side[1] if side else None,
                "admin1_id": admin_ids[unit] if unit is not None else None,
                "admin1_name": admin_names[unit] if unit is not None else None,
                "admin1_km2": float(admin_km2[unit]) if unit is not None else None,
                "lon": place.lon,
                "lat": place.lat,
            }
            for name, value in values.items():
                per_place[name].append(value)
        data: dict[str, Any] = {
            "id": [c.id for c in self.claims],
            "kind": [c.kind for c in self.claims],
            "qualifier": [c.qualifier for c in self.claims],
            "claimed_km2": [c.km2 for c in self.claims],
            "value": [c.value for c in self.claims],
            "unit": [c.unit for c in self.claims],
            "scope": [
                c.scope if c.scope else (p.query if p is not None else None)
                for c, p in zip(self.claims, self.targets, strict=True)
            ],
            "population": [c.population for c in self.claims],
            "percent": [c.percent for c in self.claims],
            "of_total_km2": [c.of_total_km2 for c in self.claims],
            "comparison": [
                None if c.comparison is None else " or ".join(c.comparison.reference)
                for c in self.claims
            ],
            "comparison_factor": [
                None if c.comparison is None else c.comparison.factor for c in self.claims
            ],
            "date": [c.date for c in self.claims],
            "source": [c.source for c in self.claims],
            "speaker": [c.speaker for c in self.claims],
            "quote": [c.quote for c in self.claims],
            "note": list(self.notes),
        }
        for name, values in per_place.items():
            column = np.array(values + [None], dtype=object)  # index -1 → the None at the end
            data[name] = column[target_row]
        frame = _frame(data, [], CLAIM_COLUMNS, FLOAT_COLUMNS, as_columns=True)
        claimed = frame["claimed_km2"].to_numpy()
        for share, total in (
            ("share_of_admin1", "admin1_km2"),
            ("share_of_country", "country_km2"),
            ("share_of_scope", "scope_km2"),
        ):
            frame[share] = claimed / frame[total].to_numpy()
        lon = np.asarray(data["lon"], dtype=float)
        lat = np.asarray(data["lat"], dtype=float)
        located = has & np.isfinite(lon) & np.isfinite(lat)
        points = np.full(len(frame), None, dtype=object)
        points[located] = shapely.points(lon[located], lat[located])
        frame = frame.set_geometry(gpd.GeoSeries(points, index=frame.index, crs=CRS))
        self._frames["claims"] = frame
        return frame

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
        unique_disks = equal_area_disks(unique_keys[:, 0], unique_keys[:, 1], unique_keys[:, 2])
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

    def disks_layer(self, clipped: bool = False) -> gpd.GeoDataFrame:
        """Equal-area disks of the claimed km² (``clipped``: cut to the place's country).

        Columns: id, claimed_km2, disk_km2, clipped_km2, country, centre_lon, centre_lat,
        geometry. Only claims with a figure and a located place have a disk.
        """
        key = "disks_clipped" if clipped else "disks"
        if key in self._frames:
            return self._frames[key]
        disks = self._disks
        usable, disk_of = disks["usable"], disks["disk_of"]
        geometry = disks["clipped"] if clipped else disks["disks"][disk_of]
        frame = gpd.GeoDataFrame(
            {
                "id": pd.array([self.claims[i].id for i in usable], dtype="string"),
                "claimed_km2": disks["claimed"][usable],
                "disk_km2": disks["disk_km2"][disk_of],
                "clipped_km2": disks["clipped_km2"],
                "country": pd.array(
                    [c or None for c in disks["countries"][usable]], dtype="string"
                ),
                "centre_lon": self._centres[usable, 0],
                "centre_lat": self._centres[usable, 1],
            },
            geometry=gpd.GeoSeries(geometry, crs=CRS),
        )
        self._frames[key] = frame
        return frame

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

    def places_layer(self) -> gpd.GeoDataFrame:
        """Every distinct place the claims name: id, name, query, kind, country, admin1, ..."""
        if "places" in self._frames:
            return self._frames["places"]
        # One row per place id (the same place resolved from two queries is one place).
        first: dict[str, Place] = {}
        ids_of: dict[str, list[str]] = {}
        for claim, claim_places in zip(self.claims, self.all_places, strict=True):
            for place in claim_places:
                key = place.id or f"{place.name}@{place.lat},{place.lon}"
                first.setdefault(key, place)
                ids_of.setdefault(key, []).append(claim.id)
        places = list(first.values())
        claim_ids = {first[key]: ids for key, ids in ids_of.items()}
        frame = gpd.GeoDataFrame(
            {
                "place_id": [p.id for p in places],
                "name": [p.name for p in places],
                "query": [p.query for p in places],
                "kind": [p.kind for p in places],
                "country": [p.country for p in places],
                "admin1": [p.admin1 for p in places],
                "admin1_id": [p.admin1_id for p in places],
                "precision": [p.precision for p in places],
                "qualifier": [p.qualifier for p in places],
                "score": np.array([p.score for p in places], dtype=float),
                "claims": [",".join(dict.fromkeys(claim_ids[p])) for p in places],
            },
            geometry=gpd.GeoSeries(
                [
                    shapely.Point(p.lon, p.lat) if p.lat is not None and p.lon is not None else None
                    for p in places
                ],
                crs=CRS,
            ),
        )
        self._frames["places"] = frame
        return frame

    def admin_units_layer(self) -> gpd.GeoDataFrame:
        """Admin-1 units the claims fall in (``part`` "whole"), and sides of directional
        scopes (``part`` "west" ...), with the claims' km² and largest share."""
        if "admin_units" in self._frames:
            return self._frames["admin_units"]
        claims = self.claims_layer()
        admin = self._admin1
        touched = claims.dropna(subset=["admin1_id"])
        rows: list[dict[str, Any]] = []
        geometries: list[Any] = []
        for admin1_id, group in touched.groupby("admin1_id", sort=True):
            unit = admin[admin["admin1_id"] == admin1_id].iloc[0]
            rows.append(_unit_row(unit, "whole", unit["area_km2"], group))
            geometries.append(unit.geometry)
        for (place_id, direction), (part, km2) in self._sides.items():
            group = claims[(claims["place_id"] == place_id) & (claims["side"] == direction)]
            source = admin[admin["admin1_id"] == place_id.removeprefix("admin1:")]
            if len(source):
                rows.append(_unit_row(source.iloc[0], direction, km2, group))
            else:  # the side of a country
                rows.append(
                    {
                        "admin1_id": None,
                        "name": place_id,
                        "part": direction,
                        "area_km2": km2,
                        "n_claims": len(group),
                        "claimed_km2": group["claimed_km2"].sum(min_count=1),
                        "max_share": group["share_of_scope"].max(),
                    }
                )
            geometries.append(part)
        columns = (
            "admin1_id",
            "name",
            "name_ar",
            "country",
            "type",
            "part",
            "area_km2",
            "n_claims",
            "claimed_km2",
            "max_share",
            "claims",
        )
        frame = _frame(rows, geometries, columns, ("area_km2", "claimed_km2", "max_share"))
        self._frames["admin_units"] = frame
        return frame

    def references_layer(self) -> gpd.GeoDataFrame:
        """Compared-to countries/states moved onto each claim's centre at true size.

        Columns: id (claim), reference, reference_code, official_km2, shape_km2 (land
        polygon, geodesic), moved_km2, factor, claimed_km2, note, geometry.
        """
        if "references" in self._frames:
            return self._frames["references"]
        from contested.geo.shapes import reference_shape

        shapes: dict[str, Any] = {}
        shape_km2: dict[str, float] = {}
        moved: dict[tuple[str, float, float], Any] = {}
        rows: list[dict[str, Any]] = []
        geometries: list[Any] = []
        for row, claim in enumerate(self.claims):
            if claim.comparison is None:
                continue
            lon, lat = self._centres[row]
            for name in claim.comparison.reference:
                entry: dict[str, Any] = {
                    "id": claim.id,
                    "reference": name,
                    "factor": claim.comparison.factor,
                    "claimed_km2": claim.km2,
                }
                geometry = None
                try:
                    if name not in shapes:
                        shapes[name] = reference_shape(name)
                    reference, shape = shapes[name]
                    entry.update(
                        reference=reference.name,
                        reference_code=reference.code,
                        official_km2=reference.total_km2,
                    )
                    if np.isfinite(lon):
                        key = (reference.code, float(lon), float(lat))
                        if key not in moved:
                            moved[key] = move_shape(shape, float(lon), float(lat))
                        geometry = moved[key]
                    else:
                        entry["note"] = "the claim has no place to move the reference to"
                    if name not in shape_km2:
                        shape_km2[name] = float(geodesic_area_km2(shape)[0])
                    entry["shape_km2"] = shape_km2[name]
                except ContestedError as error:
                    entry["note"] = str(error)
                rows.append(entry)
                geometries.append(geometry)
        columns = (
            "id",
            "reference",
            "reference_code",
            "official_km2",
            "shape_km2",
            "moved_km2",
            "factor",
            "claimed_km2",
            "note",
        )
        frame = _frame(
            rows,
            geometries,
            columns,
            ("official_km2", "shape_km2", "moved_km2", "factor", "claimed_km2"),
        )
        if len(frame):
            frame["moved_km2"] = geodesic_area_km2(frame.geometry.values)
            frame.loc[frame.geometry.isna(), "moved_km2"] = np.nan
        self._frames["references"] = frame
        return frame

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


def _unit_row(unit: pd.Series, part: str, km2: float, group: pd.DataFrame) -> dict[str, Any]:
    claimed = group["claimed_km2"]
    shares = claimed / km2
    return {
        "admin1_id": unit["admin1_id"],
        "name": unit["name"],
        "name_ar": unit.get("name_ar"),
        "country": unit["country"],
        "type": unit.get("type_en"),
        "part": part,
        "area_km2": float(km2),
        "n_claims": len(group),
        "claimed_km2": claimed.sum(min_count=1),
        "max_share": shares.max(),
        "claims": ",".join(group["id"]),
    }


def _frame(
    rows: list[dict[str, Any]] | dict[str, Any],
    geometries: list[Any],
    columns: Sequence[str],
    float_columns: Iterable[str],
    as_columns: bool = False,
) -> gpd.GeoDataFrame:
    """Rows (or columns) → GeoDataFrame with fixed columns and types every GIS reads the same
    way: floats as float64 (NaN = null), whole numbers as Int64, text as pandas "string" (an
    all-null text column stays a text field)."""
    if as_columns:
        data = pd.DataFrame({c: rows.get(c, [None] * len(rows["id"])) for c in columns})
    else:
        data = pd.DataFrame(rows, columns=list(columns))
    floats = set(float_columns)
    for column in data.columns:
        if column in floats:
            data[column] = pd.to_numeric(data[column], errors="coerce").astype("float64")
        elif column in ("population", "n_claims"):
            data[column] = pd.array(data[column], dtype="Int64")
        else:
            data[column] = data[column].astype("string")
    geometry = geometries if len(geometries) == len(data) else [None] * len(data)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


# --- resolving ------------------------------------------------------------------------------


def _claim_names(claim: Claim) -> list[str | Place]:
    """The claim's places, resolved ones first, then names still to resolve."""
    return [*claim.places, *(claim.extra.get(PLACE_NAMES) or [])]


def _same_name(a: str, b: str) -> bool:
    from contested.gazetteer.fold import fold

    return fold(a) == fold(b)


def attach(claims: Sequence[Claim], gazetteer: Any = None) -> Attachment:
    """Resolve each claim's scope and places (batched) and return the Attachment."""
    claims = list(claims)
    cache: dict[tuple[str, tuple[Any, ...]], Place | ContestedError] = {}
    scope_parts_known: dict[str, bool] = {}
    scope_resolver: Any = None

    def the_gazetteer() -> Any:
        nonlocal gazetteer
        if gazetteer is None:
            from contested.gazetteer import default_gazetteer

            gazetteer = default_gazetteer()
        return gazetteer

    def resolve(name: str, context: tuple[Any, ...]) -> Place | ContestedError:
        key = (name, context)
        if key not in cache:
            try:
                cache[key] = the_gazetteer().resolve(name, context=context)
            except ContestedError as error:
                cache[key] = error
        return cache[key]

    def scope_is_known(scope: str) -> bool:
        # "Iraq and Syria", "Iraq-Syria border region": no one gazetteer entry, but every
        # part is a country, admin unit or place to the checks (contested.claims.scope).
        nonlocal scope_resolver
        if scope not in scope_parts_known:
            if scope_resolver is None:
                from contested.claims.scope import ScopeResolver

                scope_resolver = ScopeResolver(gazetteer=the_gazetteer())
            scope_parts_known[scope] = not scope_resolver.unknown_parts(scope)
        return scope_parts_known[scope]

    targets: list[Place | None] = []
    notes: list[str | None] = []
    all_places: list[tuple[Place, ...]] = []
    unresolved: list[Unresolved] = []
    for claim in claims:
        names = _claim_names(claim)
        name_context = tuple(n for n in names if isinstance(n, str))
        resolved: list[Place] = []
        failed: dict[str, Unresolved] = {}
        for item in names:
            if isinstance(item, Place):
                resolved.append(item)
                continue
            others = tuple(n for n in name_context if n != item)
            answer = resolve(item, others)
            if isinstance(answer, Place):
                resolved.append(answer)
            else:
                failed.setdefault(item, Unresolved(claim.id, "places", item, answer))
        target: Place | None = None
        note: str | None = None
        if claim.scope:
            # A scope that names one of the claim's places is that place.
            target = next(
                (p for p in claim.places if _same_name(claim.scope, p.query or p.name)), None
            )
            if target is None:
                answer = resolve(claim.scope, tuple(n for n in name_context if n != claim.scope))
                if isinstance(answer, Place):
                    target = answer
                else:
                    note = str(answer)
                    known = isinstance(answer, UnknownPlace) and scope_is_known(claim.scope)
                    if not known and claim.scope not in failed:
                        failed[claim.scope] = Unresolved(claim.id, "scope", claim.scope, answer)
        elif resolved:
            target = resolved[0]
        elif names:
            note = f"no place of {', '.join(map(str, names))} could be resolved"
        else:
            note = "the claim names no place"
        if target is not None and (target.lat is None or target.lon is None):
            note = f"{target.name} has no published coordinates ({target.precision})"
        if claim.km2 is None and note is None:
            note = "no area figure"
        places = tuple(dict.fromkeys([*(p for p in [target] if p is not None), *resolved]))
        targets.append(target)
        notes.append(note)
        all_places.append(places)
        unresolved.extend(failed.values())
    return Attachment(claims, targets, notes, all_places, unresolved)


def require_resolved(
    claims: Sequence[Claim],
    *,
    files: Mapping[str, str] | None = None,
    skip_unresolved: bool = False,
    warn: Callable[[str], None] | None = None,
    gazetteer: Any = None,
    warn_only: Collection[str] = (),
    attachment: Attachment | None = None,
) -> list[Unresolved]:
    """The policy for names that do not resolve: none is dropped without a word.

    Raises :class:`UnresolvedPlaces` (exit 3) listing "FILE, claim ID: unknown place 'X';
    did you mean …" for every one (``files`` maps a claim id to its file), or, with
    ``skip_unresolved``, calls ``warn`` once per name and returns them (the claims keep
    their rows, without geometry). Text that is no place name at all (over-long, control
    characters) is a ClaimsFileError (exit 2). Claims in ``warn_only`` (ids of claims
    extracted from news text: the reader can fix a claims file, not an article) only warn.
    Pass the claims' ``attachment`` when you have it, so they are not resolved twice.
    """
    files = files or {}
    if attachment is None:
        attachment = attach(claims, gazetteer)
    unresolved = attachment.unresolved
    blocking = [u for u in unresolved if u.claim_id not in warn_only]
    for item in blocking:
        if isinstance(item.error, InputError):
            raise ClaimsFileError(
                f"claim {item.claim_id}: {item.error.message}",
                source=files.get(item.claim_id),
                field=item.field,
                hint=item.error.hint,
            )
    for item in unresolved:
        if not isinstance(item.error, InputError | UnknownPlace):
            raise item.error  # the gazetteer itself failed (DataError): not the claims' fault
    if blocking and not skip_unresolved:
        raise UnresolvedPlaces(blocking, files)
    for item in unresolved:
        if warn is not None:
            warn(f"contested: warning: {item.describe(files.get(item.claim_id))}; skipped")
    return unresolved


def layer(claims: Sequence[Claim], gazetteer: Any = None) -> gpd.GeoDataFrame:
    """One row per claim (EPSG:4326, point at the resolved place); see CLAIM_COLUMNS."""
    return attach(claims, gazetteer).claims_layer()


def disks(
    claims: Sequence[Claim], gazetteer: Any = None, clipped: bool = False
) -> gpd.GeoDataFrame:
    """Equal-area disks of the claimed areas (``clipped``: cut to the country)."""
    return attach(claims, gazetteer).disks_layer(clipped=clipped)


def places(claims: Sequence[Claim], gazetteer: Any = None) -> gpd.GeoDataFrame:
    """The distinct places the claims name."""
    return attach(claims, gazetteer).places_layer()


def admin_units(claims: Sequence[Claim], gazetteer: Any = None) -> gpd.GeoDataFrame:
    """The admin-1 units (and directional sides) the claims touch."""
    return attach(claims, gazetteer).admin_units_layer()


def references(claims: Sequence[Claim], gazetteer: Any = None) -> gpd.GeoDataFrame:
    """Compared-to countries and states, moved onto the claims' places at true size."""
    return attach(claims, gazetteer).references_layer()

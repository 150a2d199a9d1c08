"""The layers of resolved, attached claims as GeoDataFrames (EPSG:4326), one function each.

:class:`~contested.geo.attach.Attachment` calls these and keeps what they return; every frame
has fixed columns and types every GIS reads the same way (:func:`_frame`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from contested.core.exceptions import ContestedError
from contested.gazetteer.place import Place
from contested.geo.area import geodesic_area_km2
from contested.geo.shapes import move_shape, reference_geometry

if TYPE_CHECKING:
    from contested.geo.attach import Attachment

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



def _place_columns(att: Attachment) -> dict[str, list[Any]]:
    """Per distinct target place (``att._target_rows``): the claims-layer fields it gives."""
    admin = att._admin1
    admin_ids, admin_names = admin["admin1_id"].tolist(), admin["name"].tolist()
    admin_km2 = admin["area_km2"].to_numpy()
    columns: dict[str, list[Any]] = {name: [] for name in PLACE_COLUMNS}
    for place in att._target_rows[0]:
        info = att._place_info[place]
        side = att._side_key(place)
        unit = info.admin1_row
        values = (place.name, place.id, place.precision, place.country, info.country_km2,
                  att._sides[side][1] if side else info.region_km2,
                  side[1] if side else None,
                  admin_ids[unit] if unit is not None else None,
                  admin_names[unit] if unit is not None else None,
                  float(admin_km2[unit]) if unit is not None else None,
                  place.lon, place.lat)
        for name, value in zip(PLACE_COLUMNS, values, strict=True):
            columns[name].append(value)
    return columns


PLACE_COLUMNS = ("place_name", "place_id", "precision", "country", "country_km2", "scope_km2",
                 "side", "admin1_id", "admin1_name", "admin1_km2", "lon", "lat")


def _claim_columns(att: Attachment) -> dict[str, list[Any]]:
    """The claims-layer fields each claim gives itself."""
    claims = att.claims
    return {
        "id": [c.id for c in claims],
        "kind": [c.kind for c in claims],
        "qualifier": [c.qualifier for c in claims],
        "claimed_km2": [c.km2 for c in claims],
        "value": [c.value for c in claims],
        "unit": [c.unit for c in claims],
        "scope": [c.scope if c.scope else (p.query if p is not None else None)
                  for c, p in zip(claims, att.targets, strict=True)],
        "population": [c.population for c in claims],
        "percent": [c.percent for c in claims],
        "of_total_km2": [c.of_total_km2 for c in claims],
        "comparison": [None if c.comparison is None else " or ".join(c.comparison.reference)
                       for c in claims],
        "comparison_factor": [None if c.comparison is None else c.comparison.factor
                              for c in claims],
        "date": [c.date for c in claims],
        "source": [c.source for c in claims],
        "speaker": [c.speaker for c in claims],
        "quote": [c.quote for c in claims],
        "note": list(att.notes),
    }


def claims_frame(att: Attachment) -> gpd.GeoDataFrame:
    """One row per claim (see CLAIM_COLUMNS), point geometry at the resolved place."""
    target_row = att._target_rows[1]
    data: dict[str, Any] = _claim_columns(att)
    # Per distinct place its fields, spread to the claims with numpy indexing.
    for name, values in _place_columns(att).items():
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
    if att.units is not None:
        from contested.geo.unit_layers import with_user_units

        frame = with_user_units(frame, att)
    lon = np.asarray(data["lon"], dtype=float)
    lat = np.asarray(data["lat"], dtype=float)
    located = (target_row >= 0) & np.isfinite(lon) & np.isfinite(lat)
    points = np.full(len(frame), None, dtype=object)
    points[located] = shapely.points(lon[located], lat[located])
    return frame.set_geometry(gpd.GeoSeries(points, index=frame.index, crs=CRS))


def disks_frame(att: Attachment, clipped: bool = False) -> gpd.GeoDataFrame:
    """Equal-area disks of the claimed km² (``clipped``: cut to the place's country).

    Columns: id, claimed_km2, disk_km2, clipped_km2, country, centre_lon, centre_lat,
    geometry. Only claims with a figure and a located place have a disk.
    """
    disks = att._disks
    usable, disk_of = disks["usable"], disks["disk_of"]
    geometry = disks["clipped"] if clipped else disks["disks"][disk_of]
    frame = gpd.GeoDataFrame(
        {
            "id": pd.array([att.claims[i].id for i in usable], dtype="string"),
            "claimed_km2": disks["claimed"][usable],
            "disk_km2": disks["disk_km2"][disk_of],
            "clipped_km2": disks["clipped_km2"],
            "country": pd.array(
                [c or None for c in disks["countries"][usable]], dtype="string"
            ),
            "centre_lon": att._centres[usable, 0],
            "centre_lat": att._centres[usable, 1],
        },
        geometry=gpd.GeoSeries(geometry, crs=CRS),
    )
    return frame



def places_frame(att: Attachment) -> gpd.GeoDataFrame:
    """Every distinct place the claims name: id, name, query, kind, country, admin1, ..."""
    # One row per place id (the same place resolved from two queries is one place).
    first: dict[str, Place] = {}
    ids_of: dict[str, list[str]] = {}
    for claim, claim_places in zip(att.claims, att.all_places, strict=True):
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
    return frame



def references_frame(att: Attachment) -> gpd.GeoDataFrame:
    """Compared-to countries/states moved onto each claim's centre at true size.

    Columns: id (claim), reference, reference_code, official_km2, shape_km2 (land
    polygon, geodesic), moved_km2, factor, claimed_km2, note, geometry. One shape per
    reference and one moved copy per (reference, centre), however many claims share them.
    """
    shapes = _ReferenceShapes(att)
    rows: list[dict[str, Any]] = []
    geometries: list[Any] = []
    for row, claim in enumerate(att.claims):
        if claim.comparison is None:
            continue
        for name in claim.comparison.reference:
            entry = {"id": claim.id, "reference": name, "factor": claim.comparison.factor,
                     "claimed_km2": claim.km2, "centre_lon": att._centres[row, 0],
                     "centre_lat": att._centres[row, 1]}
            geometries.append(shapes.moved(name, att._centres[row], entry))
            rows.append(entry)
    columns = ("id", "reference", "reference_code", "official_km2", "shape_km2", "moved_km2",
               "factor", "claimed_km2", "centre_lon", "centre_lat", "note")
    frame = _frame(rows, geometries, columns,
                   ("official_km2", "shape_km2", "moved_km2", "factor", "claimed_km2",
                    "centre_lon", "centre_lat"))
    if len(frame):
        # Claims at one centre share one moved shape (the same object): measure each once.
        shapes = frame.geometry.values
        keys = np.array([id(shape) for shape in shapes])
        _, first, back = np.unique(keys, return_index=True, return_inverse=True)
        frame["moved_km2"] = geodesic_area_km2(shapes[first])[back.ravel()]
        frame.loc[frame.geometry.isna(), "moved_km2"] = np.nan
    return frame


class _ReferenceShapes:
    """Reference polygons by name and their moved copies by (code, centre), each made once."""

    def __init__(self, att: Attachment) -> None:
        self._resolved = att.resolved
        self._shapes: dict[str, tuple[Any, float]] = {}
        self._moved: dict[tuple[str, float, float], Any] = {}

    def moved(self, name: str, centre: np.ndarray, entry: dict[str, Any]) -> Any:
        """The reference moved onto ``centre`` (None when it cannot be); fills ``entry``."""
        try:
            reference = self._resolved.reference(name)
            if name not in self._shapes:
                shape = reference_geometry(reference)
                self._shapes[name] = (shape, float(geodesic_area_km2(shape)[0]))
        except ContestedError as error:
            entry["note"] = str(error)
            return None
        shape, shape_km2 = self._shapes[name]
        entry.update(reference=reference.name, reference_code=reference.code,
                     official_km2=reference.total_km2, shape_km2=shape_km2)
        lon, lat = float(centre[0]), float(centre[1])
        if not np.isfinite(lon):
            entry["note"] = "the claim has no place to move the reference to"
            return None
        key = (reference.code, lon, lat)
        if key not in self._moved:
            self._moved[key] = move_shape(shape, lon, lat)
        return self._moved[key]



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



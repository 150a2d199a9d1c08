"""A user's own boundary file as units: found by name, located by point, measured geodesically.

    >>> units = read_user_units("tests/data/districts_fixture.geojson")
    >>> units.find("Hawija")["name"].tolist()
    ['Hawija District']
    >>> units.scope_unit("al-Hawija district").id
    'unit:IQ-FXD02'

Every stage that draws or checks with boundaries takes one :class:`UserUnits`: the resolution
stage matches scope text to its units (:meth:`UserUnits.scope_unit`), the containment check
measures them (:meth:`UserUnits.unit_area`), the geometry layer puts claims in them
(:meth:`UserUnits.locate`), and the map and export shade, label and credit them. Names are
matched with the gazetteer's folding, and unit words ("District", "قضاء", "Governorate") are
optional, so "Hawija", "al-Hawija" and "Hawija district" all find "Hawija District".
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from contested.claims.scope import ScopeUnit
from contested.core.exceptions import InputError
from contested.gazetteer.fold import fold
from contested.geo import boundaries

# Columns that usually hold a unit's code (OCHA COD-AB pcodes, geoBoundaries, GADM, plain).
ID_FIELDS = ("ADM3_PCODE", "ADM2_PCODE", "ADM1_PCODE", "shapeID", "GID_3", "GID_2", "GID_1",
             "pcode", "code", "admin1_id", "id")
ARABIC_NAME_FIELDS = ("ADM3_AR", "ADM2_AR", "ADM1_AR", "name_ar", "NAME_AR")
# Words that say what kind of unit a name is: optional when matching ("Hawija" = "Hawija
# District"). Folded like every key; Arabic ones too (قضاء district, ناحية sub-district).
UNIT_WORDS = ("district", "sub district", "subdistrict", "qadha", "qada", "qadaa", "kaza",
              "nahiya", "nahia", "governorate", "province", "muhafazah", "region", "county",
              "city", "قضاء", "ناحية", "محافظة", "منطقة")
_FOLDED_UNIT_WORDS = tuple(sorted({fold(word) for word in UNIT_WORDS}, key=len, reverse=True))

# (unit) -> (km², description), as contested.checks.containment takes it.
UnitArea = Callable[[ScopeUnit], "tuple[float, str] | None"]


def bare_key(name: str) -> str:
    """The folded name without unit words at either end ("Hawija District" → "hawijah")."""
    key = fold(name)
    changed = True
    while changed and key:
        changed = False
        for word in _FOLDED_UNIT_WORDS:
            if key.endswith(" " + word):
                key, changed = key[: -len(word) - 1].strip(), True
            elif key.startswith(word + " "):
                key, changed = key[len(word) + 1:].strip(), True
    return key


@dataclass(frozen=True)
class UserUnits:
    """The units of one boundary file: ``frame`` has ``unit_id``, ``name``, ``name_ar``,
    ``country``, ``area_km2`` (geodesic) and the file's own columns; ``source`` is the path."""

    frame: gpd.GeoDataFrame
    source: str
    name_field: str
    id_field: str | None = None
    _keys: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for row, names in enumerate(self._names_per_row()):
            for name in names:
                for key in {fold(name), bare_key(name)} - {""}:
                    self._keys.setdefault(key, []).append(row)

    def _names_per_row(self) -> list[set[str]]:
        columns = [c for c in ("name", "name_ar", "unit_id") if c in self.frame]
        return [{v for v in values if isinstance(v, str) and v}
                for values in zip(*(self.frame[c].tolist() for c in columns), strict=True)]

    @property
    def label(self) -> str:
        """The file's name, as maps and reports credit it."""
        return Path(self.source).name

    @property
    def attribution(self) -> str:
        return f"Admin units: {self.label} (your file)"

    def __len__(self) -> int:
        return len(self.frame)

    def rows_named(self, names: Iterable[str]) -> list[int]:
        """Rows whose name (folded, unit words optional) is any of ``names``, in row order."""
        found: set[int] = set()
        for name in names:
            if not isinstance(name, str) or not name.strip():
                continue
            for key in (fold(name), bare_key(name)):
                found.update(self._keys.get(key, ()))
        return sorted(found)

    def find(self, name: str, also: Iterable[str] = ()) -> gpd.GeoDataFrame:
        """Units called ``name`` (or any of ``also``: a place's other names)."""
        rows = self.rows_named([name]) or self.rows_named(also)
        return self.frame.iloc[rows]

    def scope_unit(self, text: str, also: Iterable[str] = ()) -> ScopeUnit | None:
        """The unit a scope text names ("Hawija", "al-Qaim district"), as the checks take it;
        ``also``: other names of the place the gazetteer finds for ``text`` (spellings)."""
        rows = self.rows_named([text]) or self.rows_named(also)
        if len(rows) != 1:
            return None  # none, or ambiguous: two units of that name
        row = self.frame.iloc[rows[0]]
        country = row.get("country")
        admin1_id = row.get("admin1_id")
        return ScopeUnit("unit:" + str(row["unit_id"]), str(row["name"]), "unit",
                         country if isinstance(country, str) else None,
                         admin1_id if isinstance(admin1_id, str) else None)

    @cached_property
    def _area_by_id(self) -> dict[str, tuple[str, float]]:
        return {"unit:" + str(uid): (str(name), float(km2)) for uid, name, km2 in
                zip(self.frame["unit_id"], self.frame["name"], self.frame["area_km2"],
                    strict=True)}

    def unit_area(self, fallback: UnitArea | None = None) -> UnitArea:
        """Scope unit → (km², description) for the containment check: this file's units by
        their geodesic polygon area, any other unit through ``fallback``."""

        def area(unit: ScopeUnit) -> tuple[float, str] | None:
            found = self._area_by_id.get(unit.id)
            if found is None:
                return fallback(unit) if fallback is not None else None
            name, km2 = found
            return km2, f"{name} {km2:,.0f} km² ({self.label}, polygon, geodesic)"

        return area

    def locate(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Row of the unit each point lies in (-1: none; the smallest unit where they nest)."""
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        rows = np.full(len(lon), -1, dtype=int)
        known = np.isfinite(lon) & np.isfinite(lat)
        if not known.any() or not len(self.frame):
            return rows
        points = shapely.points(lon[known], lat[known])
        point_index, unit_index = self._tree.query(points, predicate="within")
        order = np.argsort(-self.frame["area_km2"].to_numpy()[unit_index], kind="stable")
        located = rows[known]
        located[point_index[order]] = unit_index[order]  # smallest written last
        rows[known] = located
        return rows

    @cached_property
    def _tree(self) -> shapely.STRtree:
        return shapely.STRtree(self.frame.geometry.values)


def read_user_units(
    path: str | os.PathLike[str],
    *,
    layer: str | None = None,
    name_field: str | None = None,
    id_field: str | None = None,
) -> UserUnits:
    """Read a boundary file (any format GDAL reads) as :class:`UserUnits`.

    ``layer``: which layer of a file with several (a GeoPackage); ``name_field``/``id_field``:
    the columns of unit names and codes (guessed from the usual ones when not given).
    """
    source = str(path)
    frame = boundaries.read_boundaries(path, name_field=name_field,
                                       layer=layer or _only_polygon_layer(source))
    columns = [c for c in frame.columns if c != frame.geometry.name]
    if id_field is not None and id_field not in columns:
        raise InputError(f"no column {id_field!r}", source=source, field="id_field",
                         hint="columns: " + ", ".join(columns))
    id_field = id_field or _first_present(columns, ID_FIELDS)
    frame = frame.copy()
    if id_field is not None:
        frame["unit_id"] = frame[id_field].astype("string")
    else:
        frame["unit_id"] = pd.array([f"#{n}" for n in range(1, len(frame) + 1)], dtype="string")
    arabic = _first_present(columns, ARABIC_NAME_FIELDS)
    frame["name_ar"] = frame[arabic].astype("string") if arabic else pd.NA
    frame = _with_country_and_admin1(frame)
    used_name = name_field or boundaries.guess_name_field(columns) or "name"
    return UserUnits(frame.reset_index(drop=True), source, used_name, id_field)


def _first_present(columns: list[str], candidates: Iterable[str]) -> str | None:
    by_lower = {column.lower(): column for column in columns}
    return next((by_lower[c.lower()] for c in candidates if c.lower() in by_lower), None)


def _only_polygon_layer(source: str) -> str | None:
    """The layer to read when none is named: the only one, or the only polygonal one."""
    import pyogrio

    try:
        layers = pyogrio.list_layers(source)
    except (pyogrio.errors.DataSourceError, OSError, ValueError):
        return None  # read_boundaries reports the unreadable file
    if len(layers) <= 1:
        return None
    polygonal = [str(name) for name, kind in layers if kind and "Polygon" in str(kind)]
    if len(polygonal) == 1:
        return polygonal[0]
    names = ", ".join(str(name) for name, _ in layers)
    raise InputError(f"the file has {len(layers)} layers ({names}); which holds the units?",
                     source=source, field="layer",
                     hint="name one: --boundaries-layer NAME on the command line, "
                          "layer='NAME' in Python")


def _with_country_and_admin1(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """ISO2 country and shipped admin-1 id of each unit, from where its interior point lies
    (the file's own ``country`` column is kept when it has one)."""
    anchors = shapely.point_on_surface(frame.geometry.values)
    admin1 = boundaries.admin1()
    tree = shapely.STRtree(admin1.geometry.values)
    point_index, unit_index = tree.query(anchors, predicate="within")
    admin1_id = np.full(len(frame), None, dtype=object)
    country = np.full(len(frame), None, dtype=object)
    admin1_id[point_index] = admin1["admin1_id"].to_numpy()[unit_index]
    country[point_index] = admin1["country"].to_numpy()[unit_index]
    frame["admin1_id"] = pd.array(admin1_id, dtype="string")
    if "country" not in frame or frame["country"].isna().all():
        frame["country"] = pd.array(country, dtype="string")
    return frame

"""Administrative boundaries as GeoDataFrames (EPSG:4326) with a geodesic ``area_km2`` column.

Shipped (``geo/data``, built by ``scripts/build_pack.py``): admin-1 units of the region
pack, countries (pack at full resolution, or the world simplified), US states and DC.
A user's own file: anything GDAL reads (GeoPackage, GeoJSON, Shapefile, FlatGeobuf ...),
admin-2 sets such as OCHA COD-AB or geoBoundaries included. Invalid polygons are repaired
(shapely ``make_valid``, polygonal parts kept) with a :class:`BoundaryRepairWarning` that
names the feature.
"""

from __future__ import annotations

import os
import warnings
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from contested.core.exceptions import DataError, GeometryError, InputError
from contested.geo.area import geodesic_area_km2

DATA_DIR = Path(__file__).resolve().parent / "data"

# Name columns of common boundary sets, most specific first (OCHA COD-AB, geoBoundaries,
# GADM, Natural Earth, HDX, plain files). Matched case-insensitively.
NAME_FIELDS = (
    "name",
    "shapeName",
    "ADM2_EN",
    "ADM1_EN",
    "ADM3_EN",
    "adm2_name",
    "adm1_name",
    "NAME_2",
    "NAME_1",
    "NAME_3",
    "admin2Name_en",
    "admin1Name_en",
    "ADM2_NAME",
    "ADM1_NAME",
    "name_en",
    "NAME_EN",
    "district",
    "governorate",
)


class BoundaryRepairWarning(UserWarning):
    """An invalid boundary polygon was repaired (the message names the feature)."""


# --- the shipped pack -----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _pack_file(stem: str) -> gpd.GeoDataFrame:
    path = DATA_DIR / f"{stem}.parquet"
    if not path.exists():
        raise DataError(
            f"shipped boundary file {path} is missing",
        )
    import pyarrow

    try:
        frame = gpd.read_parquet(path)
    except (pyarrow.ArrowException, OSError, ValueError) as error:  # a damaged file
        raise DataError(f"cannot read shipped boundary file {path}: {error}") from None
    frame = _to_wgs84(frame, str(path))
    frame = repair_geometries(frame, str(path), frame.get("name"))
    frame["area_km2"] = geodesic_area_km2(frame.geometry.values)
    return frame


def _codes(countries: str | list[str] | tuple[str, ...] | None) -> list[str] | None:
    if countries is None:
        return None
    if isinstance(countries, str):
        countries = countries.split(",")
    codes = [code.strip().upper() for code in countries if code.strip()]
    return codes or None


def admin1(countries: str | list[str] | tuple[str, ...] | None = None) -> gpd.GeoDataFrame:
    """Admin-1 units (governorates, provinces) of the pack, optionally of some ISO2 countries.

    Columns: admin1_id, iso_3166_2, name, name_en, name_alt ("|"-separated), name_ar,
    country, gn_a1_code, type_en, label_lat, label_lon, area_km2, geometry.
    """
    frame = _pack_file("admin1")
    codes = _codes(countries)
    if codes is not None:
        unknown = sorted(set(codes) - set(frame["country"]))
        if unknown:
            raise InputError(
                f"no admin-1 units for {', '.join(unknown)} in the shipped pack",
                field="country",
                hint="packed: "
                + ", ".join(sorted(frame["country"].unique()))
                + "; build others with scripts/build_pack.py --countries",
            )
        frame = frame[frame["country"].isin(codes)]
    return frame.copy()


def countries(detail: str = "pack") -> gpd.GeoDataFrame:
    """Country polygons: ``"pack"`` (region countries, full resolution) or ``"world"``.

    Columns: iso2, iso3, adm0_a3, name, name_en, name_ar, area_km2, geometry.
    """
    if detail not in ("pack", "world"):
        raise InputError(f"unknown detail {detail!r}", field="detail", hint="pack or world")
    return _pack_file("countries_pack" if detail == "pack" else "countries").copy()


def us_states() -> gpd.GeoDataFrame:
    """US states, DC and territories (Census cartographic, land only): name, postal, area_km2.

    Polygons cover land: for a state's official total area use
    :mod:`contested.gazetteer.official_areas`.
    """
    return _pack_file("us_states").copy()


def country_shape(iso2: str) -> shapely.Geometry | None:
    """The polygon of one country (pack resolution when packed, else world), or None."""
    code = iso2.upper()
    for detail in ("pack", "world"):
        frame = _pack_file("countries_pack" if detail == "pack" else "countries")
        match = frame[frame["iso2"] == code]
        if len(match):
            return match.geometry.iloc[0]
    return None


# --- user files -----------------------------------------------------------------------------


def guess_name_field(columns: list[str]) -> str | None:
    """The column holding unit names, from the usual names of boundary sets (or None)."""
    by_lower = {column.lower(): column for column in columns}
    for candidate in NAME_FIELDS:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


def read_boundaries(
    path: str | os.PathLike[str],
    name_field: str | None = None,
    layer: str | int | None = None,
) -> gpd.GeoDataFrame:
    """Read a boundary file (anything GDAL reads) into EPSG:4326 with ``name`` and ``area_km2``.

    ``name_field`` says which column holds the unit names; without it the usual ones
    (name, shapeName, ADM2_EN, NAME_2, adm2_name ...) are tried and an InputError lists the
    columns when none fits. The original columns are kept (a different column called
    ``name`` becomes ``name_original``).
    """
    source = str(path)
    if not Path(path).exists() and "://" not in source:
        raise InputError("no such boundary file", source=source)
    import pyogrio.errors

    try:
        frame = pyogrio.read_dataframe(path, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, OSError,
            ValueError, shapely.errors.GEOSException) as error:  # GDAL's and GEOS's errors
        raise GeometryError(
            f"cannot read as a boundary file: {error}",
            source=source,
            hint="any format GDAL reads: .gpkg, .geojson, .shp, .fgb ...",
        ) from None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.name is None:
        raise GeometryError("the file has no geometry column", source=source)
    frame = _without_missing(_with_names(frame, name_field, source), source)
    check_coordinates(frame, source, frame["name"])
    frame = _to_wgs84(frame, source)
    check_coordinates(frame, source, frame["name"], lon_lat=True)
    frame = repair_geometries(frame, source, frame["name"])
    frame["area_km2"] = geodesic_area_km2(frame.geometry.values)
    return frame.reset_index(drop=True)


def _with_names(frame: gpd.GeoDataFrame, name_field: str | None,
                source: str) -> gpd.GeoDataFrame:
    """``frame`` with a ``name`` column from ``name_field`` (or the usual unit-name columns)."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    if name_field is None:
        name_field = guess_name_field(columns)
        if name_field is None:
            raise InputError(
                "cannot tell which column holds the unit names",
                source=source,
                field="name",
                hint="pass --name-field, one of: " + ", ".join(columns),
            )
    elif name_field not in columns:
        raise InputError(
            f"no column {name_field!r}",
            source=source,
            field="name_field",
            hint="columns: " + ", ".join(columns),
        )
    if name_field != "name" and "name" in frame.columns:
        frame = frame.rename(columns={"name": "name_original"})
    frame["name"] = frame[name_field].astype("string")
    return frame


def _without_missing(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Features without a geometry left out, with a warning; none left is an error."""
    missing = frame.geometry.isna() | frame.geometry.is_empty
    if missing.any():
        names = ", ".join(repr(n) for n in frame.loc[missing, "name"].head(5))
        warnings.warn(
            f"{source}: {int(missing.sum())} feature(s) without geometry skipped ({names})",
            BoundaryRepairWarning,
            stacklevel=3,
        )
        frame = frame[~missing]
    if frame.empty:
        raise GeometryError("no unit with a geometry in the file", source=source,
                            hint="boundaries are named (multi)polygons")
    return frame


def check_coordinates(frame: gpd.GeoDataFrame, source: str, names: pd.Series | None = None,
                      *, lon_lat: bool = False) -> None:
    """Raise GeometryError naming the first feature with a NaN or infinite coordinate (GEOS
    cannot work with one) or, ``lon_lat``, one off the globe (±180.5°, ±90.5°)."""
    coordinates, owners = shapely.get_coordinates(frame.geometry.values, return_index=True)
    bad = ~np.isfinite(coordinates).all(axis=1)
    problem = "a coordinate that is not a finite number"
    if lon_lat and not bad.any():
        bad = (np.abs(coordinates[:, 0]) > 180.5) | (np.abs(coordinates[:, 1]) > 90.5)
        problem = "a coordinate off the globe"
    if bad.any():
        row = int(owners[np.flatnonzero(bad)[0]])
        x, y = coordinates[np.flatnonzero(bad)[0]]
        raise GeometryError(f"feature {_feature_label(names, row)} has {problem} ({x}, {y})",
                            source=source, hint="fix or drop that feature")


def _to_wgs84(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if not (-180.5 <= minx and maxx <= 360 and -90.5 <= miny and maxy <= 90.5):
            raise GeometryError(
                "the file has no CRS and its coordinates are not longitude/latitude",
                source=source,
                hint="write it with a CRS (e.g. ogr2ogr -a_srs EPSG:...)",
            )
        return frame.set_crs("EPSG:4326")
    if frame.crs.to_epsg() != 4326:
        return frame.to_crs("EPSG:4326")
    return frame


def repair_geometries(
    frame: gpd.GeoDataFrame, source: str, names: pd.Series | None = None
) -> gpd.GeoDataFrame:
    """Make invalid polygons valid (polygonal parts kept), warning once per repaired feature.

    Raises GeometryError naming the feature when a geometry is not polygonal or nothing
    polygonal is left after repair.
    """
    geometries = frame.geometry.values
    type_ids = shapely.get_type_id(geometries)
    polygonal = np.isin(type_ids, (3, 6)) | shapely.is_missing(geometries)
    if not polygonal.all():
        row = int(np.flatnonzero(~polygonal)[0])
        raise GeometryError(
            f"feature {_feature_label(names, row)} is a {geometries[row].geom_type}, not a polygon",
            source=source,
            hint="boundaries must be (multi)polygons",
        )
    invalid = ~shapely.is_valid(geometries) & ~shapely.is_missing(geometries)
    if not invalid.any():
        return frame
    rows = np.flatnonzero(invalid)
    reasons = shapely.is_valid_reason(geometries[rows])
    repaired = polygonal_part(shapely.make_valid(geometries[rows]))
    for row, reason, geometry in zip(rows, reasons, repaired, strict=True):
        if geometry is None or geometry.is_empty:
            raise GeometryError(
                f"feature {_feature_label(names, row)} is invalid ({reason}) and nothing "
                "polygonal is left after repair",
                source=source,
            )
        warnings.warn(
            f"{source}: repaired invalid geometry of feature {_feature_label(names, row)} "
            f"({reason})",
            BoundaryRepairWarning,
            stacklevel=3,
        )
    frame = frame.copy()
    fixed = frame.geometry.values.copy()
    fixed[rows] = repaired
    frame[frame.geometry.name] = gpd.GeoSeries(fixed, index=frame.index, crs=frame.crs)
    return frame


def _feature_label(names: pd.Series | None, row: int) -> str:
    if names is None:
        return f"#{row + 1}"
    return f"#{row + 1} {names.iloc[row]!r}"


def polygonal_part(geometries: np.ndarray) -> np.ndarray:
    """Polygons and multipolygons of each geometry (collections from make_valid filtered)."""
    parts, owner = shapely.get_parts(geometries, return_index=True)
    # make_valid may return nested multi-geometries inside a collection: flatten once more.
    parts, sub_owner = shapely.get_parts(parts, return_index=True)
    owner = owner[sub_owner]
    keep = shapely.get_type_id(parts) == 3
    result = np.full(len(geometries), None, dtype=object)
    if keep.any():
        merged = shapely.multipolygons(parts[keep], indices=owner[keep])
        present = np.unique(owner[keep])
        single = shapely.get_num_geometries(merged) == 1
        merged[single] = shapely.get_geometry(merged[single], 0)
        result[present] = merged
    return result


# --- finding a unit by name -----------------------------------------------------------------


def _folded(text: object) -> str:
    from contested.gazetteer.fold import fold

    return fold(str(text)) if isinstance(text, str) and text else ""


def name_keys(frame: gpd.GeoDataFrame) -> pd.Series:
    """Folded names per row (name, English, alternatives, Arabic), for lookups by name."""
    columns = [
        c
        for c in ("name", "name_en", "name_ar", "postal", "iso2", "iso3", "admin1_id")
        if c in frame.columns
    ]
    keys = [set() for _ in range(len(frame))]
    for column in columns:
        for row, value in enumerate(frame[column].tolist()):
            if isinstance(value, str) and value:
                keys[row].add(_folded(value))
                if column in ("postal", "iso2", "iso3", "admin1_id"):
                    keys[row].add(value.lower())
    if "name_alt" in frame.columns:
        for row, value in enumerate(frame["name_alt"].tolist()):
            if isinstance(value, str):
                keys[row].update(_folded(v.strip()) for v in value.split("|") if v.strip())
    return pd.Series(keys, index=frame.index)


def find_units(frame: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    """Rows of ``frame`` whose name, alternative name, Arabic name or code matches ``name``."""
    key = _folded(name)
    keys = name_keys(frame)
    hit = keys.map(lambda unit_keys: key in unit_keys or name.strip().lower() in unit_keys)
    return frame[hit.astype(bool)]

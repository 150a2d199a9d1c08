"""The user's units and the admin units of the claims as layers: which unit of a user's
boundary file each claim is in, and the ``admin_units`` layer (units touched, sides of
"western X" scopes) with the claims' km² and largest share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from contested.geo.layers import _frame

if TYPE_CHECKING:
    from contested.geo.attach import Attachment

UNIT_COLUMNS = ("unit_id", "unit_name", "unit_km2", "share_of_unit")


def with_user_units(frame: gpd.GeoDataFrame, att: Attachment) -> gpd.GeoDataFrame:
    """The unit of the user's boundary file each claim is in (Attachment.unit_rows), its
    geodesic area and the share of it claimed, after the admin-1 columns."""
    units = att.units.frame
    rows = att.unit_rows
    has = rows >= 0
    pick = np.where(has, rows, 0)
    unit_id = np.where(has, units["unit_id"].to_numpy(dtype=object)[pick], None)
    unit_name = np.where(has, units["name"].to_numpy(dtype=object)[pick], None)
    unit_km2 = np.where(has, units["area_km2"].to_numpy(dtype=float)[pick], np.nan)
    at = list(frame.columns).index("share_of_admin1") + 1
    for offset, (name, values) in enumerate((
        ("unit_id", pd.array(unit_id, dtype="string")),
        ("unit_name", pd.array(unit_name, dtype="string")),
        ("unit_km2", unit_km2.astype(float)),
        ("share_of_unit", frame["claimed_km2"].to_numpy(dtype=float) / unit_km2),
    )):
        frame.insert(at + offset, name, values)
    return frame


def admin_units_frame(att: Attachment) -> gpd.GeoDataFrame:
    """Admin-1 units the claims fall in (``part`` "whole"), or the units of the user's
    boundary file they fall in, and sides of directional scopes (``part`` "west" ...), with
    the claims' km² and largest share."""
    claims = att.claims_layer()
    rows: list[dict[str, Any]] = []
    geometries: list[Any] = []
    if att.units is not None:
        units = att.units.frame.set_index("unit_id", drop=False)
        for unit_id, group in claims.dropna(subset=["unit_id"]).groupby("unit_id", sort=True):
            unit = units.loc[unit_id]
            rows.append(_unit_row(unit, "whole", unit["area_km2"], group, unit_id))
            geometries.append(unit.geometry)
    admin = att._admin1
    touched = claims.dropna(subset=["admin1_id"]) if att.units is None else claims.iloc[:0]
    for admin1_id, group in touched.groupby("admin1_id", sort=True):
        unit = admin[admin["admin1_id"] == admin1_id].iloc[0]
        rows.append(_unit_row(unit, "whole", unit["area_km2"], group))
        geometries.append(unit.geometry)
    for (place_id, direction), (part, km2) in att._sides.items():
        group = claims[(claims["place_id"] == place_id) & (claims["side"] == direction)]
        source = admin[admin["admin1_id"] == place_id.removeprefix("admin1:")]
        if len(source):
            rows.append(_unit_row(source.iloc[0], direction, km2, group))
        else:  # the side of a country
            rows.append(
                {
                    "admin1_id": None,
                    "unit_id": place_id,
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
        "unit_id",
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
    return frame



def _unit_row(unit: pd.Series, part: str, km2: float, group: pd.DataFrame,
              unit_id: str | None = None) -> dict[str, Any]:
    """One row of the admin_units layer; ``unit_id``: the code of a user's unit (pcode)."""
    claimed = group["claimed_km2"]
    shares = claimed / km2
    return {
        "admin1_id": unit["admin1_id"],
        "unit_id": unit_id or unit["admin1_id"],
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

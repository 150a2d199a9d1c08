"""Admin units shaded by the largest share of them a claim covers, and the named sides of
units ("western Anbar"), hatched. The shading follows the date slider: each unit carries
the running largest share by date (``steps``), so moving the slider back uncolours units
that only later claims reach."""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from contested.maps import popups
from contested.maps.escape import text
from contested.maps.features import LAYER_NAMES, geojson, group, iso_date, label_collection, records
from contested.maps.geojson import BOUNDARY_DECIMALS, feature_collection, simplify_coverage
from contested.maps.style import (
    ADMIN_CLAIMED_FILL_OPACITY,
    ADMIN_LINE,
    ADMIN_UNCLAIMED_FILL_OPACITY,
    PART_STYLE,
    share_colours,
)

# Admin-1 units: ≈ 500 m, well under a pixel at the zoom a country map opens at.
ADMIN_TOLERANCE_DEG = 0.005
PART_LABEL_PRIORITY = 900.0
# Where the shipped polygons come from (geo/data/PROVENANCE.md).
SHIPPED_UNITS_ATTRIBUTION = "Admin units: Natural Earth"


def unit_pairs(admin: gpd.GeoDataFrame, claims: gpd.GeoDataFrame) -> pd.DataFrame:
    """(claim id, claimed km², date, unit row) for each claim in a unit of ``admin``.

    A user's units join on the claims' ``unit_id`` (the unit their scope names or their
    point lies in: :meth:`contested.geo.attach.Attachment.unit_rows`), the shipped admin-1
    on ``admin1_id``; tables without either by location, using only claims placed at a point
    (a claim known only to lie in a governorate says nothing about which district it is in).
    """
    columns = ["id", "claimed_km2", "date", "unit"]
    if "claimed_km2" not in claims or admin.empty:
        return pd.DataFrame(columns=columns)
    usable = claims[claims["claimed_km2"].notna()].assign(
        date=claims["date"] if "date" in claims else None)
    for key in ("unit_id", "admin1_id"):
        if key in admin and key in usable and usable[key].notna().any():
            keyed = admin[[key]].reset_index(names="unit").dropna(subset=[key])
            return usable[["id", "claimed_km2", "date", key]].merge(keyed, on=key)[columns]
    area_place = usable.get("place_id", pd.Series("", index=usable.index)).fillna("")
    located = usable[
        (usable.get("precision", "point") == "point")
        & ~area_place.str.startswith(("country:", "admin1:"))
        & usable.geometry.notna()
    ]
    joined = gpd.sjoin(located[["id", "claimed_km2", "date", located.geometry.name]],
                       admin[[admin.geometry.name]], predicate="within")
    return joined.rename(columns={"index_right": "unit"})[columns]


def admin_shares(admin: gpd.GeoDataFrame, claims: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per admin unit (index of ``admin``): largest claimed share, its km², its claim, all
    claims, and ``steps``: [date, fill colour] of the running largest share, by date."""
    out = pd.DataFrame(
        {"share": np.nan, "claimed_km2": np.nan, "share_claim": None, "claim_ids": "",
         "steps": None},
        index=admin.index,
    )
    pairs = unit_pairs(admin, claims)
    if pairs.empty:
        return out
    pairs = pairs.assign(share=pairs["claimed_km2"].to_numpy()
                         / admin.loc[pairs["unit"], "area_km2"].to_numpy(),
                         day=[iso_date(d) or "" for d in pairs["date"]])
    largest = pairs.sort_values("share", ascending=False).drop_duplicates("unit").set_index("unit")
    out.loc[largest.index, "share"] = largest["share"]
    out.loc[largest.index, "claimed_km2"] = largest["claimed_km2"]
    out.loc[largest.index, "share_claim"] = largest["id"].astype(str)
    ids = pairs.groupby("unit")["id"].agg(lambda s: ", ".join(map(str, s)))
    out.loc[ids.index, "claim_ids"] = ids
    # The running largest share by date: what the unit shows with the slider at that date.
    by_date = pairs.sort_values(["unit", "day"], kind="stable")
    by_date = by_date.assign(running=by_date.groupby("unit")["share"].cummax(),
                             fill=share_colours(by_date.groupby("unit")["share"].cummax()
                                                .to_numpy()))
    steps = by_date.drop_duplicates(["unit", "day"], keep="last").groupby("unit").apply(
        lambda rows: [[day, fill] for day, fill in zip(rows["day"], rows["fill"], strict=True)],
        include_groups=False)
    out.loc[steps.index, "steps"] = pd.Series(steps.to_list(), index=steps.index, dtype=object)
    return out


def admin_layer(
    admin: gpd.GeoDataFrame,
    claims: gpd.GeoDataFrame,
    parts: gpd.GeoDataFrame | None = None,
    attribution: str = SHIPPED_UNITS_ATTRIBUTION,
) -> folium.FeatureGroup:
    """Every unit, shaded by the largest share of it any claim covers (as of the slider's
    date), edges drawn; over them, hatched, the sides of units a claim names, labelled.
    ``attribution``: who made the units (a user's file is credited by name)."""
    shares = admin_shares(admin, claims)
    fills = share_colours(shares["share"].to_numpy(dtype=float))
    claimed = shares["share"].notna().to_numpy()
    geometries = simplify_coverage(admin.geometry.values, ADMIN_TOLERANCE_DEG)
    rows = records(admin.assign(**shares[["share", "claimed_km2", "share_claim"]]))
    properties = []
    for row, fill, is_claimed, claim_ids, steps in zip(
        rows, fills, claimed, shares["claim_ids"], shares["steps"], strict=True
    ):
        lines = [f"claims here: {text(claim_ids)}"] if claim_ids else []
        opacity = ADMIN_CLAIMED_FILL_OPACITY if is_claimed else ADMIN_UNCLAIMED_FILL_OPACITY
        properties.append({
            "tooltip": popups.admin_tooltip(row),
            "popup": popups.admin_popup(row, lines),
            "style": {**ADMIN_LINE, "fillColor": fill, "fillOpacity": opacity},
            **({"steps": steps} if isinstance(steps, list) else {}),
        })
    data = feature_collection(geometries, properties, BOUNDARY_DECIMALS)
    if parts is not None and len(parts):
        data["features"] += part_features(parts, claims)
    return group("admin", geojson(data, LAYER_NAMES["admin"], attribution=text(attribution)))


def part_features(parts: gpd.GeoDataFrame,
                  claims: gpd.GeoDataFrame | None = None) -> list[dict[str, Any]]:
    """The hatched sides of units ("western Al-Anbar") and their labels, each dated by the
    earliest claim naming it (so the slider hides it before then)."""
    rows = records(parts)
    dates = _first_dates(parts, claims)
    properties = [
        {"tooltip": popups.part_tooltip(row), "popup": popups.part_popup(row),
         "style": PART_STYLE, **({"date": date} if date else {})}
        for row, date in zip(rows, dates, strict=True)
    ]
    shapes = simplify_coverage(parts.geometry.values, ADMIN_TOLERANCE_DEG)
    features = feature_collection(shapes, properties, BOUNDARY_DECIMALS)["features"]
    anchors = shapely.point_on_surface(parts.geometry.values)
    return features + label_collection(anchors, [text(r.get("name")) for r in rows],
                                       "ct-part-label", dates, PART_LABEL_PRIORITY)


def _first_dates(frame: gpd.GeoDataFrame, claims: gpd.GeoDataFrame | None) -> list[str | None]:
    """Per row of ``frame`` (whose ``claims`` column lists claim ids), the earliest date of
    those claims; None when any of them is undated (it is always shown) or none is known."""
    if claims is None or "claims" not in frame or "date" not in claims:
        return [None] * len(frame)
    date_of = dict(zip(claims["id"].astype(str), claims["date"], strict=True))
    out: list[str | None] = []
    for ids in frame["claims"].fillna("").astype(str):
        named = [i.strip() for i in ids.replace(",", " ").split() if i.strip() in date_of]
        dates = [iso_date(date_of[i]) for i in named]
        out.append(min(dates) if named and all(dates) else None)
    return out

"""The map's layers as folium FeatureGroups: admin shading, reference shapes, claimed-area
disks, places. ``layers()`` is what ``contested map`` draws and what a notebook adds to its
own map. Text in tooltips and popups is escaped in :mod:`maps.popups`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from folium.features import GeoJson
from folium.utilities import JsCode

from geo.area import geodesic_area_km2
from maps import popups
from maps.controls import PageStyle
from maps.escape import text
from maps.frames import MapFrames
from maps.geojson import (
    BOUNDARY_DECIMALS,
    POINT_DECIMALS,
    SHAPE_DECIMALS,
    feature_collection,
    simplify_coverage,
)
from maps.style import (
    ADMIN_LINE,
    DISK_FILL_OPACITY,
    PLACE_STYLE,
    REFERENCE_STYLE,
    VERDICT_COLOURS,
    VERDICT_SEVERITY,
    share_colours,
    worst_verdict,
)

# Admin-1 units: ≈ 500 m, well under a pixel at the zoom a country map opens at.
ADMIN_TOLERANCE_DEG = 0.005

LAYER_NAMES = {
    "admin": "Admin units (share claimed)",
    "references": "Reference shapes (true size)",
    "disks": "Claimed areas (by verdict)",
    "places": "Places",
}

# Tooltips and popups are bound from feature properties holding escaped HTML.
_BIND = JsCode(
    """function(feature, layer) {
        var p = feature.properties;
        if (p.tooltip) layer.bindTooltip(p.tooltip, {sticky: true, direction: "top"});
        if (p.popup) layer.bindPopup(p.popup, {maxWidth: 380});
    }"""
)


def _records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Attribute rows (no geometry) as dicts, for the popup builders."""
    return pd.DataFrame(frame.drop(columns=frame.geometry.name)).to_dict("records")


def _finding_fields(finding: Any) -> dict[str, Any]:
    if isinstance(finding, dict):
        return finding
    return {
        key: getattr(finding, key, None) for key in ("rule", "verdict", "claims", "message")
    }


def findings_by_claim(findings: Iterable[Any] | None) -> dict[str, list[dict[str, Any]]]:
    """Claim id → the findings that name it (as dicts: rule, verdict, claims, message)."""
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for finding in findings or ():
        fields = _finding_fields(finding)
        for claim_id in fields.get("claims") or ():
            by_claim[str(claim_id)].append(fields)
    return by_claim


def claim_verdicts(claim_ids: Sequence[str], by_claim: dict[str, list[dict]]) -> list[str]:
    """Worst verdict of each claim ("unchecked" when no finding names it)."""
    return [
        worst_verdict([f.get("verdict") for f in by_claim.get(str(cid), []) if f.get("verdict")])
        for cid in claim_ids
    ]


def _geojson(data: dict, name: str, marker: folium.CircleMarker | None = None) -> GeoJson:
    return GeoJson(data, name=name, on_each_feature=_BIND, marker=marker, smooth_factor=1.0)


def _group(key: str, geojson: GeoJson, show: bool = True) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=text(LAYER_NAMES[key]), show=show)
    PageStyle().add_to(group)
    geojson.add_to(group)
    return group


# ---------------------------------------------------------------- admin units

def admin_shares(admin: gpd.GeoDataFrame, claims: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per admin unit (index of ``admin``): largest claimed share, its km², claim, all claims.

    Shipped admin-1 units join claims on ``admin1_id``; other boundaries (a user's admin-2
    file) by location, using only claims placed at a point (a claim known only to lie in a
    governorate or country says nothing about which district it is in).
    """
    out = pd.DataFrame(
        {"share": np.nan, "claimed_km2": np.nan, "share_claim": None, "claim_ids": ""},
        index=admin.index,
    )
    usable = claims[claims["claimed_km2"].notna()] if "claimed_km2" in claims else claims.iloc[:0]
    if usable.empty or admin.empty:
        return out
    if "admin1_id" in admin and "admin1_id" in usable and usable["admin1_id"].notna().any():
        pairs = usable[["id", "claimed_km2", "admin1_id"]].merge(
            admin[["admin1_id"]].reset_index(names="unit"), on="admin1_id"
        )
    else:
        # A country or governorate named as a place has a label point, not a location.
        area_place = usable.get("place_id", pd.Series("", index=usable.index)).fillna("")
        located = usable[
            (usable.get("precision", "point") == "point")
            & ~area_place.str.startswith(("country:", "admin1:"))
            & usable.geometry.notna()
        ]
        joined = gpd.sjoin(located[["id", "claimed_km2", located.geometry.name]],
                           admin[[admin.geometry.name]], predicate="within")
        pairs = joined.rename(columns={"index_right": "unit"})[["id", "claimed_km2", "unit"]]
    if pairs.empty:
        return out
    pairs = pairs.assign(share=pairs["claimed_km2"].to_numpy()
                         / admin.loc[pairs["unit"], "area_km2"].to_numpy())
    largest = pairs.sort_values("share", ascending=False).drop_duplicates("unit").set_index("unit")
    out.loc[largest.index, "share"] = largest["share"]
    out.loc[largest.index, "claimed_km2"] = largest["claimed_km2"]
    out.loc[largest.index, "share_claim"] = largest["id"].astype(str)
    ids = pairs.groupby("unit")["id"].agg(lambda s: ", ".join(map(str, s)))
    out.loc[ids.index, "claim_ids"] = ids
    return out


def admin_layer(admin: gpd.GeoDataFrame, claims: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """Admin units shaded by the largest share of them any claim covers."""
    shares = admin_shares(admin, claims)
    fills = share_colours(shares["share"].to_numpy(dtype=float))
    claimed = shares["share"].notna().to_numpy()
    geometries = simplify_coverage(admin.geometry.values, ADMIN_TOLERANCE_DEG)
    rows = _records(admin.assign(**shares[["share", "claimed_km2", "share_claim"]]))
    properties = []
    for row, fill, is_claimed, claim_ids in zip(
        rows, fills, claimed, shares["claim_ids"], strict=True
    ):
        lines = [f"claims here: {text(claim_ids)}"] if claim_ids else []
        properties.append({
            "tooltip": popups.admin_tooltip(row),
            "popup": popups.admin_popup(row, lines),
            "style": {**ADMIN_LINE, "fillColor": fill, "fillOpacity": 0.55 if is_claimed else 0.08},
        })
    data = feature_collection(geometries, properties, BOUNDARY_DECIMALS)
    return _group("admin", _geojson(data, LAYER_NAMES["admin"]))


# ---------------------------------------------------------------- claims

def _with_claims(frame: gpd.GeoDataFrame, claims: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` (keyed by claim ``id``) with the claim's text columns it lacks."""
    extra = [c for c in claims.columns if c not in frame.columns and c != claims.geometry.name]
    if not extra or "id" not in frame:
        return frame
    merged = frame.merge(pd.DataFrame(claims[["id", *extra]]), on="id", how="left")
    return gpd.GeoDataFrame(merged, geometry=frame.geometry.name, crs=frame.crs)


def disk_layer(
    disks: gpd.GeoDataFrame,
    claims: gpd.GeoDataFrame,
    by_claim: dict[str, list[dict[str, Any]]],
) -> folium.FeatureGroup:
    """Disks of the claimed areas, coloured by the worst verdict of the checks on each claim."""
    disks = _with_claims(disks, claims)
    disk_km2 = geodesic_area_km2(disks.geometry.values)
    # Largest first, so a small disk on top of a large one can still be clicked.
    order = np.argsort(-disk_km2, kind="stable")
    disks, disk_km2 = disks.iloc[order], disk_km2[order]
    verdicts = claim_verdicts(disks["id"].astype(str).tolist(), by_claim)
    properties = []
    for row, verdict, area in zip(_records(disks), verdicts, disk_km2, strict=True):
        row["disk_km2"] = area
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unchecked"])
        properties.append({
            "tooltip": popups.claim_tooltip(row, verdict),
            "popup": popups.claim_popup(row, verdict, by_claim.get(str(row["id"]), [])),
            "date": _date(row.get("date")),
            "verdict": verdict,
            "style": {"color": colour, "weight": 2, "fillColor": colour,
                      "fillOpacity": DISK_FILL_OPACITY},
        })
    data = feature_collection(disks.geometry, properties, SHAPE_DECIMALS)
    return _group("disks", _geojson(data, LAYER_NAMES["disks"]))


def reference_layer(
    references: gpd.GeoDataFrame, claims: gpd.GeoDataFrame
) -> folium.FeatureGroup:
    """Reference shapes ("the size of New Jersey") moved onto the claim's place, true size."""
    references = _with_claims(references, claims)
    shape_km2 = geodesic_area_km2(references.geometry.values)
    properties = []
    for row, area in zip(_records(references), shape_km2, strict=True):
        row["shape_km2"] = area
        properties.append({
            "tooltip": popups.reference_tooltip(row),
            "popup": popups.reference_popup(row),
            "date": _date(row.get("date")),
            "style": REFERENCE_STYLE,
        })
    data = feature_collection(references.geometry, properties, SHAPE_DECIMALS)
    return _group("references", _geojson(data, LAYER_NAMES["references"]))


def place_layer(places: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """Resolved places as circle markers (no icon fonts: the page must work offline)."""
    properties = [
        {"tooltip": popups.place_tooltip(row), "popup": popups.place_popup(row),
         "style": PLACE_STYLE}
        for row in _records(places)
    ]
    data = feature_collection(places.geometry, properties, POINT_DECIMALS)
    marker = folium.CircleMarker(radius=PLACE_STYLE["radius"])
    return _group("places", _geojson(data, LAYER_NAMES["places"], marker=marker))


def _date(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value)[:10]


# ---------------------------------------------------------------- all of them

def frame_layers(
    frames: MapFrames, findings: Iterable[Any] | None = None
) -> list[folium.FeatureGroup]:
    """The claim layers of ``frames``, bottom to top: admin, references, disks, places."""
    by_claim = findings_by_claim(findings)
    groups = []
    if len(frames.admin):
        groups.append(admin_layer(frames.admin, frames.claims))
    if len(frames.references):
        groups.append(reference_layer(frames.references, frames.claims))
    if len(frames.disks):
        groups.append(disk_layer(frames.disks, frames.claims, by_claim))
    if len(frames.places):
        groups.append(place_layer(frames.places))
    return groups


def verdicts_present(frames: MapFrames, findings: Iterable[Any] | None) -> set[str]:
    by_claim = findings_by_claim(findings)
    ids = frames.disks["id"].astype(str).tolist() if "id" in frames.disks else []
    return set(claim_verdicts(ids, by_claim)) & set(VERDICT_SEVERITY)


def dated_geojsons(groups: Iterable[folium.FeatureGroup]) -> tuple[list[GeoJson], list[str]]:
    """The GeoJson layers whose features carry dates, and every date they carry."""
    layers, dates = [], []
    for group in groups:
        for child in group._children.values():
            if not isinstance(child, GeoJson):
                continue
            child_dates = [f["properties"].get("date") for f in child.data["features"]]
            child_dates = [d for d in child_dates if d]
            if child_dates:
                layers.append(child)
                dates.extend(child_dates)
    return layers, dates

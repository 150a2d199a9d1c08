"""What every map layer is made of: GeoJSON features whose properties carry escaped HTML
(tooltip, popup), a Leaflet style and, for the date slider, a date; text labels as features;
and the FeatureGroup that holds them, ready to ``add_to`` any folium map."""

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

from contested.maps.controls import LabelLayout, PageStyle
from contested.maps.escape import text
from contested.maps.geojson import POINT_DECIMALS, feature_collection
from contested.maps.style import worst_verdict

LAYER_NAMES = {
    "admin": "Admin units (share claimed)",
    "references": "Reference shapes (true size)",
    "references_matching": "Reference shapes that match their claim",
    "disks": "Claimed areas (by verdict)",
    "places": "Places",
}

# Tooltips and popups are bound from feature properties holding escaped HTML. A disk in a
# stack (several on one place) names its stack (``stack``: [registry key, list index,
# position]); the stack's list is written once in the page (maps.disk_layer.StackLists) and
# appended to the popup when it opens, so each popup does not carry a copy of it.
BIND = JsCode(
    """function(feature, layer) {
        var p = feature.properties;
        if (p.tooltip) layer.bindTooltip(p.tooltip, {sticky: true, direction: "top"});
        if (p.popup && p.stack) {
            layer.bindPopup(function() {
                var lists = (window.ctStacks || {})[p.stack[0]] || [];
                var box = document.createElement("div");
                box.innerHTML = p.popup + (lists[p.stack[1]] || "");
                var item = box.querySelectorAll(".ct-stack li")[p.stack[2]];
                if (item) item.className = "ct-here";
                return box;
            }, {maxWidth: 380});
        } else if (p.popup) layer.bindPopup(p.popup, {maxWidth: 380});
    }"""
)
# Points: a circle marker styled by the feature; ``radius_m`` set: a circle of that radius
# in metres (an aggregated disk); ``label`` set (escaped HTML, ``label_class`` one of ours,
# ``priority`` who wins where labels overlap): a label taking no clicks.
POINT = JsCode(
    """function(feature, latlng) {
        var p = feature.properties;
        if (p.label) {
            return L.marker(latlng, {interactive: false, keyboard: false, icon: L.divIcon({
                className: "ct-anchor", iconSize: [0, 0],
                html: '<div class="' + p.label_class + '" data-priority="'
                    + (+p.priority || 0) + '">' + p.label + "</div>"})});
        }
        if (p.radius_m) return L.circle(latlng, Object.assign({radius: p.radius_m}, p.style));
        return L.circleMarker(latlng, p.style);
    }"""
)
LABEL_CLASSES = frozenset({"ct-label ct-rank-1", "ct-label ct-rank-2", "ct-ref-label",
                           "ct-part-label", "ct-count-label"})


def records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Attribute rows (no geometry) as dicts, for the popup builders."""
    return pd.DataFrame(frame.drop(columns=frame.geometry.name)).to_dict("records")


def _finding_fields(finding: Any) -> dict[str, Any]:
    if isinstance(finding, dict):
        return finding
    return {
        key: getattr(finding, key, None)
        for key in ("rule", "verdict", "claims", "message", "reference", "reference_id")
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


def geojson(data: dict, name: str, **options: Any) -> GeoJson:
    return GeoJson(data, name=name, on_each_feature=BIND, point_to_layer=POINT,
                   smooth_factor=1.0, **options)


def group(key: str, layer: GeoJson, show: bool = True,
          extra: Iterable[Any] = ()) -> folium.FeatureGroup:
    """A FeatureGroup named as the layer control lists it, carrying the page style and
    (when it has labels) the label layout, so it works on any map it is added to."""
    feature_group = folium.FeatureGroup(name=text(LAYER_NAMES[key]), show=show)
    PageStyle().add_to(feature_group)
    layer.add_to(feature_group)
    for element in extra:
        element.add_to(feature_group)
    if any(f["properties"].get("label") for f in layer.data["features"]):
        LabelLayout().add_to(feature_group)
    return feature_group


def label_collection(
    points: Sequence[Any] | np.ndarray,
    labels: Sequence[str],
    label_class: str,
    dates: Sequence[str | None] | None = None,
    priorities: Sequence[float] | float = 0,
) -> list[dict[str, Any]]:
    """GeoJSON features of text labels (already escaped HTML) at ``points``; drawn by
    ``POINT`` as div icons that take no clicks. A ``date`` hides the label with its shape;
    where labels overlap, the one of higher ``priorities`` stays (:class:`LabelLayout`)."""
    if label_class not in LABEL_CLASSES:
        raise ValueError(f"unknown label class {label_class!r}")
    dates = list(dates) if dates is not None else [None] * len(labels)
    ranks = np.broadcast_to(np.asarray(priorities, dtype=float), (len(labels),))
    properties = [
        {"label": label, "label_class": label_class, "priority": float(priority),
         **({"date": date} if date else {})}
        for label, date, priority in zip(labels, dates, ranks, strict=True)
    ]
    return feature_collection(np.asarray(points, dtype=object), properties,
                              POINT_DECIMALS)["features"]


def iso_date(value: Any) -> str | None:
    """The date part (YYYY, YYYY-MM or YYYY-MM-DD) of a value, None when absent."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return str(value)[:10] or None


def with_claims(frame: gpd.GeoDataFrame, claims: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` (keyed by claim ``id``) with the claim's text columns it lacks."""
    extra = [c for c in claims.columns if c not in frame.columns and c != claims.geometry.name]
    if not extra or "id" not in frame:
        return frame
    merged = frame.merge(pd.DataFrame(claims[["id", *extra]]), on="id", how="left")
    return gpd.GeoDataFrame(merged, geometry=frame.geometry.name, crs=frame.crs)

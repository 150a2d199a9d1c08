"""Reference shapes ("the size of New Jersey") moved onto the claim's place at true size.

Drawn unlike any border (a brown dash-dot line on a white halo, no fill) and labelled on
their own outline, straight above the claim's place, inside the view. One shape per
reference and place, however many claims compare with it there. A country moved onto a
place inside itself ("40 percent of Iraq", in Iraq) is not drawn: it would only retrace the
border already on the map.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely

from contested.geo.area import geodesic_area_km2
from contested.maps import popups
from contested.maps.features import (
    LAYER_NAMES,
    geojson,
    group,
    iso_date,
    label_collection,
    records,
    with_claims,
)
from contested.maps.geojson import SHAPE_DECIMALS, feature_collection
from contested.maps.style import REFERENCE_HALO_STYLE, REFERENCE_STYLE, worst_verdict

REFERENCE_LABEL_PRIORITY = 800.0
# Reference outlines: ≈ 1 km, under a pixel at the zooms a country map opens at.
REFERENCE_TOLERANCE_DEG = 0.01


def comparison_verdict(row: dict[str, Any], by_claim: dict[str, list[dict]]) -> str:
    """The worst verdict of the comparison findings on this claim about this reference (by
    the finding's ``reference_id``; "unchecked" when none is)."""
    code = row.get("reference_code")
    verdicts = [
        f.get("verdict") for f in by_claim.get(str(row.get("id")), [])
        if f.get("rule") == "comparison" and popups.present(code)
        and str(f.get("reference_id") or "").endswith(f":{code}")
    ]
    return worst_verdict([v for v in verdicts if v])


def reference_shown(row: dict[str, Any], verdict: str, asked: Iterable[str] = ()) -> bool:
    """Whether a reference shape is drawn when the map opens (the rest are one click away).

    Shown: those the user asks for; those of a claim with no figure of its own (the
    reference is the only size it gives: "an area the size of New Jersey"); those whose
    comparison the checks found wanting or could not check (the shape then shows how far
    off "the size of Sweden" is). Hidden: comparisons found consistent, whose shape is
    about the size of the claim's own disk and would only cover it.
    """
    wanted = {a.strip().lower() for a in asked}
    names = {str(row.get(k)).lower() for k in ("reference", "reference_code")
             if popups.present(row.get(k))}
    if names & wanted:
        return True
    if not popups.present(row.get("claimed_km2")):
        return True
    return verdict != "consistent"


def retraces_own_border(row: dict[str, Any]) -> bool:
    """A country compared with a claim placed inside it ("40 percent of Iraq")."""
    code = str(row.get("reference_code") or "")
    return bool(code) and code == str(row.get("country") or "") and len(code) == 2


def label_anchor(shape: Any, centre: Any,
                 bounds: tuple[float, float, float, float] | None) -> Any:
    """Where a reference's label goes: on its outline straight above the claim's place
    (the topmost crossing of the meridian through it), inside the view the map opens on
    and short of its top edge; else the outline's highest point in the view."""
    outline = shapely.boundary(shape)
    if bounds is not None:
        west, south, east, north = bounds
        clear = shapely.box(west, south, east, north - 0.06 * (north - south))
        clipped = shapely.intersection(outline, clear)
        outline = clipped if not clipped.is_empty else outline
    if centre is not None and not shapely.is_empty(centre):
        meridian = shapely.LineString([(centre.x, centre.y), (centre.x, centre.y + 90)])
        crossing = shapely.get_coordinates(shapely.intersection(outline, meridian))
        if len(crossing):
            return shapely.Point(crossing[np.argmax(crossing[:, 1])])
    coords = shapely.get_coordinates(outline)
    return shapely.Point(coords[np.argmax(coords[:, 1])])


def _shared(rows: list[dict[str, Any]], shapes: np.ndarray) -> dict[Any, list[int]]:
    """Rows grouped by the shape they draw: one reference moved onto one place."""
    groups: dict[Any, list[int]] = {}
    for n, (row, shape) in enumerate(zip(rows, shapes, strict=True)):
        if popups.present(row.get("centre_lon")):
            key = (row.get("reference_code") or row.get("reference"),
                   round(float(row["centre_lon"]), 4), round(float(row["centre_lat"]), 4))
        else:
            key = shapely.to_wkb(shape)
        groups.setdefault(key, []).append(n)
    return groups


def reference_layers(
    references: gpd.GeoDataFrame,
    claims: gpd.GeoDataFrame,
    by_claim: dict[str, list[dict[str, Any]]] | None = None,
    *,
    asked: Iterable[str] = (),
    bounds: tuple[float, float, float, float] | None = None,
    shown: bool = True,
) -> list[folium.FeatureGroup]:
    """Reference shapes as two groups: those worth seeing when the map opens (see
    :func:`reference_shown`) and, hidden until ticked, those that match their claims.
    ``shown=False``: both groups start hidden (a map of thousands of claims)."""
    by_claim = by_claim or {}
    asked = list(asked)
    references = with_claims(references, claims)
    references = references[references.geometry.notna() & ~references.geometry.is_empty]
    rows = records(references)
    keep = [n for n, row in enumerate(rows) if not retraces_own_border(row)]
    rows, shapes = [rows[n] for n in keep], references.geometry.values[keep]
    targets: dict[bool, list[dict[str, Any]]] = {True: [], False: []}
    for members in _shared(rows, shapes).values():
        features, worth_seeing = _shape_features([rows[n] for n in members],
                                                 shapes[members[0]], by_claim, asked, bounds)
        targets[worth_seeing].extend(features)
    groups = []
    for key, features, show in (("references", targets[True], shown),
                                ("references_matching", targets[False], False)):
        if features:
            data = {"type": "FeatureCollection", "features": features}
            groups.append(group(key, geojson(data, LAYER_NAMES[key]), show=show))
    return groups


def _shape_features(
    rows: list[dict[str, Any]], shape: Any, by_claim: dict[str, list[dict]],
    asked: list[str], bounds: tuple[float, float, float, float] | None,
) -> tuple[list[dict[str, Any]], bool]:
    """The halo, the outline and the label of one shared shape; whether it opens shown."""
    area = float(geodesic_area_km2([shape])[0])
    for row in rows:
        row["shape_km2"] = area
        row["verdict"] = comparison_verdict(row, by_claim)
    first = rows[0]
    shown = any(reference_shown(row, row["verdict"], asked) for row in rows)
    dates = [iso_date(row.get("date")) for row in rows]
    date = min(dates) if all(dates) else None
    dated = {"date": date} if date else {}
    drawn = shapely.simplify(shape, REFERENCE_TOLERANCE_DEG, preserve_topology=True)
    properties = [
        {"style": REFERENCE_HALO_STYLE, **dated},
        {"tooltip": popups.reference_tooltip(first, len(rows)),
         "popup": popups.reference_popup(first, [r.get("id") for r in rows]),
         "style": REFERENCE_STYLE, **dated},
    ]
    features = feature_collection([drawn, drawn], properties, SHAPE_DECIMALS)["features"]
    centre = (shapely.Point(float(first["centre_lon"]), float(first["centre_lat"]))
              if popups.present(first.get("centre_lon")) else shapely.centroid(shape))
    features += label_collection([label_anchor(shape, centre, bounds)],
                                 [popups.reference_label(first)], "ct-ref-label", [date],
                                 REFERENCE_LABEL_PRIORITY)
    return features, shown

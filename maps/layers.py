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
import shapely
from folium.features import GeoJson
from folium.utilities import JsCode

from contested.geo.area import geodesic_area_km2
from contested.maps import popups
from contested.maps.controls import LabelLayout, PageStyle
from contested.maps.escape import text
from contested.maps.frames import MapFrames
from contested.maps.geojson import (
    BOUNDARY_DECIMALS,
    POINT_DECIMALS,
    SHAPE_DECIMALS,
    feature_collection,
    simplify_coverage,
)
from contested.maps.style import (
    ADMIN_CLAIMED_FILL_OPACITY,
    ADMIN_LINE,
    ADMIN_UNCLAIMED_FILL_OPACITY,
    DISK_FILL_OPACITY,
    DISK_WEIGHT,
    NAMED_PLACE_STYLE,
    NEAR_EQUAL_RADIUS_RATIO,
    PART_STYLE,
    PLACE_STYLE,
    REFERENCE_STYLE,
    STACK_DASHES,
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
    "references_matching": "Reference shapes that match their claim",
    "disks": "Claimed areas (by verdict)",
    "places": "Places",
}
# Where labels overlap, the higher priority stays: named sides of units, then references,
# then places (see place_label_priorities).
PART_LABEL_PRIORITY = 900.0
REFERENCE_LABEL_PRIORITY = 800.0

# Tooltips and popups are bound from feature properties holding escaped HTML.
_BIND = JsCode(
    """function(feature, layer) {
        var p = feature.properties;
        if (p.tooltip) layer.bindTooltip(p.tooltip, {sticky: true, direction: "top"});
        if (p.popup) layer.bindPopup(p.popup, {maxWidth: 380});
    }"""
)
# Points: a circle marker styled by the feature, or (``label`` set: escaped HTML, ``label_class``
# one of ours, ``priority`` a number: who wins where labels overlap) a label taking no clicks.
_POINT = JsCode(
    """function(feature, latlng) {
        var p = feature.properties;
        if (p.label) {
            return L.marker(latlng, {interactive: false, keyboard: false, icon: L.divIcon({
                className: "ct-anchor", iconSize: [0, 0],
                html: '<div class="' + p.label_class + '" data-priority="'
                    + (+p.priority || 0) + '">' + p.label + "</div>"})});
        }
        return L.circleMarker(latlng, p.style);
    }"""
)
_LABEL_CLASSES = frozenset({"ct-label ct-rank-1", "ct-label ct-rank-2", "ct-ref-label",
                            "ct-part-label"})


def _records(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
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


def _geojson(data: dict, name: str) -> GeoJson:
    return GeoJson(data, name=name, on_each_feature=_BIND, point_to_layer=_POINT,
                   smooth_factor=1.0)


def _group(key: str, geojson: GeoJson, show: bool = True) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=text(LAYER_NAMES[key]), show=show)
    PageStyle().add_to(group)
    geojson.add_to(group)
    if any(f["properties"].get("label") for f in geojson.data["features"]):
        LabelLayout().add_to(group)
    return group


def label_collection(
    points: Sequence[Any] | np.ndarray,
    labels: Sequence[str],
    label_class: str,
    dates: Sequence[str | None] | None = None,
    priorities: Sequence[float] | float = 0,
) -> list[dict[str, Any]]:
    """GeoJSON features of text labels (already escaped HTML) at ``points``; drawn by
    ``_POINT`` as div icons that take no clicks. A ``date`` hides the label with its shape;
    where labels overlap, the one of higher ``priorities`` stays (:class:`LabelLayout`)."""
    if label_class not in _LABEL_CLASSES:
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


def admin_layer(
    admin: gpd.GeoDataFrame,
    claims: gpd.GeoDataFrame,
    parts: gpd.GeoDataFrame | None = None,
) -> folium.FeatureGroup:
    """Every admin unit of the countries mapped, shaded by the largest share of it any claim
    covers, edges drawn; over them, hatched, the sides of units a claim names ("western
    Anbar"), each labelled."""
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
        opacity = ADMIN_CLAIMED_FILL_OPACITY if is_claimed else ADMIN_UNCLAIMED_FILL_OPACITY
        properties.append({
            "tooltip": popups.admin_tooltip(row),
            "popup": popups.admin_popup(row, lines),
            "style": {**ADMIN_LINE, "fillColor": fill, "fillOpacity": opacity},
        })
    data = feature_collection(geometries, properties, BOUNDARY_DECIMALS)
    if parts is not None and len(parts):
        data["features"] += part_features(parts)
    return _group("admin", _geojson(data, LAYER_NAMES["admin"]))


def part_features(parts: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """The hatched sides of units ("western Al-Anbar") and their labels, as features."""
    rows = _records(parts)
    properties = [
        {"tooltip": popups.part_tooltip(row), "popup": popups.part_popup(row),
         "style": PART_STYLE}
        for row in rows
    ]
    shapes = simplify_coverage(parts.geometry.values, ADMIN_TOLERANCE_DEG)
    features = feature_collection(shapes, properties, BOUNDARY_DECIMALS)["features"]
    anchors = shapely.point_on_surface(parts.geometry.values)
    return features + label_collection(anchors, [text(r.get("name")) for r in rows],
                                       "ct-part-label", priorities=PART_LABEL_PRIORITY)


# ---------------------------------------------------------------- claims

def _with_claims(frame: gpd.GeoDataFrame, claims: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` (keyed by claim ``id``) with the claim's text columns it lacks."""
    extra = [c for c in claims.columns if c not in frame.columns and c != claims.geometry.name]
    if not extra or "id" not in frame:
        return frame
    merged = frame.merge(pd.DataFrame(claims[["id", *extra]]), on="id", how="left")
    return gpd.GeoDataFrame(merged, geometry=frame.geometry.name, crs=frame.crs)


def stack_styles(
    centre_keys: Sequence[Any], disk_km2: np.ndarray
) -> tuple[list[str], list[int], list[int]]:
    """For disks already sorted largest first: the dash pattern of each ("" solid), its
    position in the stack on its centre (0 = largest) and the size of that stack.

    Disks on one centre are concentric; where radii differ by less than
    ``NEAR_EQUAL_RADIUS_RATIO`` the outlines coincide on screen, so each further one of such
    a run is dashed and the colour beneath shows between its dashes.
    """
    radius = np.sqrt(np.asarray(disk_km2, dtype=float))
    dashes, positions = [], []
    last_radius: dict[Any, float] = {}
    run_length: dict[Any, int] = {}
    seen: dict[Any, int] = defaultdict(int)
    for key, r in zip(centre_keys, radius, strict=True):
        previous = last_radius.get(key)
        near = previous is not None and previous <= r * NEAR_EQUAL_RADIUS_RATIO
        run_length[key] = run_length.get(key, 0) + 1 if near else 0
        dashes.append(STACK_DASHES[min(run_length[key], len(STACK_DASHES) - 1)])
        positions.append(seen[key])
        seen[key] += 1
        last_radius[key] = r
    sizes = [seen[key] for key in centre_keys]
    return dashes, positions, sizes


def _centre_keys(disks: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """Disks with the same centre share a key (centre rounded to about 10 m)."""
    if "centre_lon" in disks and "centre_lat" in disks:
        lon, lat = disks["centre_lon"].to_numpy(float), disks["centre_lat"].to_numpy(float)
    else:
        centroids = shapely.centroid(disks.geometry.values)
        lon, lat = shapely.get_x(centroids), shapely.get_y(centroids)
    return list(zip(np.round(lon, 4).tolist(), np.round(lat, 4).tolist(), strict=True))


def disk_layer(
    disks: gpd.GeoDataFrame,
    claims: gpd.GeoDataFrame,
    by_claim: dict[str, list[dict[str, Any]]],
) -> folium.FeatureGroup:
    """Disks of the claimed areas, outlined in the worst verdict of the checks on each claim.

    Largest first, so that the smaller disks of a stack on one place lie on top and each can
    be clicked; fills are thin so that every outline keeps its colour. Each popup lists the
    whole stack, so claims whose outlines coincide are all within reach.
    """
    disks = _with_claims(disks, claims)
    disk_km2 = geodesic_area_km2(disks.geometry.values)
    order = np.argsort(-disk_km2, kind="stable")
    disks, disk_km2 = disks.iloc[order], disk_km2[order]
    verdicts = claim_verdicts(disks["id"].astype(str).tolist(), by_claim)
    centre_keys = _centre_keys(disks)
    dashes, positions, sizes = stack_styles(centre_keys, disk_km2)
    rows = _records(disks)
    for row, area, verdict in zip(rows, disk_km2, verdicts, strict=True):
        row["disk_km2"], row["verdict"] = area, verdict
    stacks: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for key, row in zip(centre_keys, rows, strict=True):
        stacks[key].append(row)
    properties = []
    for row, key, dash, position, size in zip(
        rows, centre_keys, dashes, positions, sizes, strict=True
    ):
        verdict = row["verdict"]
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unchecked"])
        stack = stacks[key] if size > 1 else []
        properties.append({
            "tooltip": popups.claim_tooltip(row, verdict, stack_position=(position, size)),
            "popup": popups.claim_popup(row, verdict, by_claim.get(str(row["id"]), []),
                                        stack=stack, colours=VERDICT_COLOURS),
            "date": _date(row.get("date")),
            "verdict": verdict,
            "style": {"color": colour, "weight": DISK_WEIGHT, "opacity": 0.95,
                      "fillColor": colour, "fillOpacity": DISK_FILL_OPACITY,
                      **({"dashArray": dash} if dash else {})},
        })
    data = feature_collection(disks.geometry, properties, SHAPE_DECIMALS)
    return _group("disks", _geojson(data, LAYER_NAMES["disks"]))


def _comparison_verdict(row: dict[str, Any], by_claim: dict[str, list[dict]]) -> str:
    """The worst verdict of the comparison findings on this claim that name this reference
    ("unchecked" when none does)."""
    code = row.get("reference_code")
    verdicts = [
        f.get("verdict") for f in by_claim.get(str(row.get("id")), [])
        if f.get("rule") == "comparison" and popups.present(code)
        and str(f.get("reference_id") or "").endswith(f":{code}")
    ]
    return worst_verdict([v for v in verdicts if v])


def reference_shown(
    row: dict[str, Any], verdict: str, asked: Iterable[str] = ()
) -> bool:
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


def _label_anchor(shape: Any, bounds: tuple[float, float, float, float] | None) -> Any:
    """Where a reference's label goes: the northernmost point of its outline within the
    view the map opens on (``bounds``), so that a huge shape is still labelled, short of the
    view's top and right edges, where the layer control and legend sit."""
    outline = shapely.boundary(shape)
    if bounds is not None:
        west, south, east, north = bounds
        clear = shapely.box(west, south, east - 0.3 * (east - west), north - 0.08 * (north - south))
        clipped = shapely.intersection(outline, clear)
        outline = clipped if not clipped.is_empty else outline
    coords = shapely.get_coordinates(outline)
    return shapely.Point(coords[np.argmax(coords[:, 1])])


def reference_layers(
    references: gpd.GeoDataFrame,
    claims: gpd.GeoDataFrame,
    by_claim: dict[str, list[dict[str, Any]]] | None = None,
    *,
    asked: Iterable[str] = (),
    bounds: tuple[float, float, float, float] | None = None,
) -> list[folium.FeatureGroup]:
    """Reference shapes ("the size of New Jersey") moved onto the claim's place, true size,
    as thin dashed outlines labelled "New Jersey, 22,591 km², at true size".

    Two groups: the references worth seeing when the map opens (see :func:`reference_shown`)
    and, hidden until ticked in the layer control, those that match their claim.
    """
    by_claim = by_claim or {}
    asked = list(asked)
    references = _with_claims(references, claims)
    references = references[references.geometry.notna() & ~references.geometry.is_empty]
    shape_km2 = geodesic_area_km2(references.geometry.values)
    shown_features: list[dict[str, Any]] = []
    other_features: list[dict[str, Any]] = []
    for row, area, shape in zip(_records(references), shape_km2, references.geometry.values,
                                strict=True):
        row["shape_km2"] = area
        verdict = _comparison_verdict(row, by_claim)
        row["verdict"] = verdict
        date = _date(row.get("date"))
        properties = {
            "tooltip": popups.reference_tooltip(row),
            "popup": popups.reference_popup(row),
            "style": REFERENCE_STYLE,
            **({"date": date} if date else {}),
        }
        features = feature_collection([shape], [properties], SHAPE_DECIMALS)["features"]
        features += label_collection([_label_anchor(shape, bounds)],
                                     [popups.reference_label(row)], "ct-ref-label", [date],
                                     REFERENCE_LABEL_PRIORITY)
        target = shown_features if reference_shown(row, verdict, asked) else other_features
        target.extend(features)
    groups = []
    for key, features, show in (("references", shown_features, True),
                                ("references_matching", other_features, False)):
        if features:
            data = {"type": "FeatureCollection", "features": features}
            groups.append(_group(key, _geojson(data, LAYER_NAMES[key]), show=show))
    return groups


def _about_claims(places: gpd.GeoDataFrame) -> np.ndarray:
    """Whether a claim is about each place (else the documents only name it)."""
    if "claims" not in places:
        return np.ones(len(places), dtype=bool)
    return places["claims"].fillna("").astype(str).str.len().gt(0).to_numpy()


def place_label_ranks(places: gpd.GeoDataFrame) -> np.ndarray:
    """1 for the main places (a claim is about them, or the documents name them three times
    or more): labelled from the zoom a region opens at; 2 for the others: labelled close in."""
    mentions = places["mentions"].fillna(0).to_numpy(float) if "mentions" in places else 0
    return np.where(_about_claims(places) | (np.asarray(mentions) >= 3), 1, 2)


def place_label_priorities(places: gpd.GeoDataFrame, ranks: np.ndarray) -> np.ndarray:
    """Which place label wins where two overlap: main places first, then the places more
    claims are about, then those the documents name more often."""
    claims = places["claims"].fillna("").astype(str) if "claims" in places else None
    n_claims = (claims.str.count(",") + claims.str.len().gt(0)).to_numpy(float) \
        if claims is not None else np.zeros(len(places))
    mentions = places["mentions"].fillna(0).to_numpy(float) if "mentions" in places else 0
    return np.where(ranks == 1, 500.0, 100.0) + 10 * n_claims + np.minimum(mentions, 9)


def has_named_places(places: gpd.GeoDataFrame) -> bool:
    """Whether the map shows places no claim is about (the legend then has a row for them)."""
    return bool(len(places)) and not _about_claims(places).all()


def place_layer(places: gpd.GeoDataFrame) -> folium.FeatureGroup:
    """Places as circle markers (no icon fonts: the page must work offline), dark for the
    places claims are about, small and grey for those the documents only name; each
    labelled, the minor ones only when zoomed in."""
    ranks = place_label_ranks(places)
    about = _about_claims(places)
    rows = _records(places)
    properties = [
        {"tooltip": popups.place_tooltip(row), "popup": popups.place_popup(row),
         "style": PLACE_STYLE if is_about else NAMED_PLACE_STYLE}
        for row, is_about in zip(rows, about, strict=True)
    ]
    data = feature_collection(places.geometry, properties, POINT_DECIMALS)
    names = np.array([text(row.get("name")) for row in rows], dtype=object)
    points = places.geometry.values
    priorities = place_label_priorities(places, ranks)
    for rank in (2, 1):  # main labels drawn last, on top
        chosen = ranks == rank
        data["features"] += label_collection(points[chosen], list(names[chosen]),
                                             f"ct-label ct-rank-{rank}",
                                             priorities=priorities[chosen])
    return _group("places", _geojson(data, LAYER_NAMES["places"]))


def _date(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value)[:10]


# ---------------------------------------------------------------- all of them

def frame_layers(
    frames: MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    references: Iterable[str] = (),
) -> list[folium.FeatureGroup]:
    """The claim layers of ``frames``, bottom to top: admin units (and named sides of them),
    reference shapes (those worth seeing, then those that match, hidden), disks, places.
    ``references``: names of reference shapes to draw when the map opens whatever the checks
    found ("Virginia")."""
    by_claim = findings_by_claim(findings)
    groups = []
    if len(frames.admin) or len(frames.parts):
        groups.append(admin_layer(frames.admin, frames.claims, frames.parts))
    if len(frames.references):
        groups += reference_layers(frames.references, frames.claims, by_claim,
                                   asked=references, bounds=frames.bounds)
    if len(frames.disks):
        groups.append(disk_layer(frames.disks, frames.claims, by_claim))
    if len(frames.places):
        groups.append(place_layer(frames.places))
    return groups


def has_stacks(disks: gpd.GeoDataFrame) -> bool:
    """Whether two or more disks share a centre (the legend then explains the stacks)."""
    keys = _centre_keys(disks) if len(disks) else []
    return len(set(keys)) < len(keys)


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

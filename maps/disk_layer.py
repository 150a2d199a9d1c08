"""Claimed areas: a disk of the claimed km² on each claim's place, outlined by the worst
verdict of the checks on it; a claim at a place with no published coordinates as the unit it
lies in, hatched; and, above :data:`AGGREGATE_ABOVE` disks, one circle per place.

Disks on one place stack (concentric, largest beneath). Each stack's list is written into
the page once (:class:`StackLists`) and shown in the popup of each of its disks, so a map
grows linearly with its claims (a copy per popup grew with the square of a stack's size).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.template import Template

from contested.geo.area import geodesic_area_km2
from contested.maps import popups
from contested.maps.escape import script_json
from contested.maps.features import (
    LAYER_NAMES,
    claim_verdicts,
    geojson,
    group,
    iso_date,
    label_collection,
    records,
    with_claims,
)
from contested.maps.geojson import SHAPE_DECIMALS, feature_collection
from contested.maps.style import (
    DISK_FILL_OPACITY,
    DISK_WEIGHT,
    NEAR_EQUAL_RADIUS_RATIO,
    STACK_DASHES,
    UNIT_CLAIM_STYLE,
    VERDICT_COLOURS,
    worst_verdict,
)

# Above this many disks one circle per place is drawn instead (the legend says so): 10,000
# disks of 64 corners would be tens of MB and seconds of drawing; a reader cannot tell
# them apart anyway.
AGGREGATE_ABOVE = 1500
# Claims listed in the popup of an aggregated place (the export and report list them all).
LISTED_PER_PLACE = 40


class StackLists(MacroElement):
    """The lists of the disks of each stack, written once into the page under ``key``
    (``window.ctStacks[key]``); popups (``features.BIND``) add the list of their stack."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (window.ctStacks = window.ctStacks || {})[{{ this.key_json }}] = {{ this.lists_json }};
        {% endmacro %}
        """
    )

    def __init__(self, key: str, lists: list[str]) -> None:
        super().__init__()
        self._name = "StackLists"
        self.key_json = script_json(key)
        self.lists_json = script_json(lists)


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


def centre_keys(disks: gpd.GeoDataFrame) -> list[tuple[float, float]]:
    """Disks with the same centre share a key (centre rounded to about 10 m)."""
    if "centre_lon" in disks and "centre_lat" in disks:
        lon, lat = disks["centre_lon"].to_numpy(float), disks["centre_lat"].to_numpy(float)
    else:
        centroids = shapely.centroid(disks.geometry.values)
        lon, lat = shapely.get_x(centroids), shapely.get_y(centroids)
    return list(zip(np.round(lon, 4).tolist(), np.round(lat, 4).tolist(), strict=True))


def _disk_style(verdict: str, dash: str = "") -> dict[str, Any]:
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unchecked"])
    return {"color": colour, "weight": DISK_WEIGHT, "opacity": 0.95, "fillColor": colour,
            "fillOpacity": DISK_FILL_OPACITY, **({"dashArray": dash} if dash else {})}


def _sorted_disks(disks: gpd.GeoDataFrame, claims: gpd.GeoDataFrame,
                  by_claim: dict[str, list[dict]]) -> tuple[gpd.GeoDataFrame, list[dict]]:
    """Disks with their claims' columns, largest first, and their rows (with the disk's
    km² and the claim's verdict)."""
    disks = with_claims(disks, claims)
    # The geometry layer measured each disk once already (disk_km2); tables built by hand
    # may not carry it.
    disk_km2 = (disks["disk_km2"].to_numpy(dtype=float) if "disk_km2" in disks
                else geodesic_area_km2(disks.geometry.values))
    order = np.argsort(-disk_km2, kind="stable")
    disks = disks.iloc[order].reset_index(drop=True)
    rows = records(disks)
    verdicts = claim_verdicts([str(r["id"]) for r in rows], by_claim)
    for row, area, verdict in zip(rows, disk_km2[order], verdicts, strict=True):
        row["disk_km2"], row["verdict"] = area, verdict
    return disks, rows


def disk_features(
    disks: gpd.GeoDataFrame, claims: gpd.GeoDataFrame, by_claim: dict[str, list[dict]],
    stack_key: str,
) -> tuple[list[dict[str, Any]], list[str]]:
    """One feature per disk, and the list of each stack (written once in the page)."""
    disks, rows = _sorted_disks(disks, claims, by_claim)
    keys = centre_keys(disks)
    dashes, positions, sizes = stack_styles(keys, np.array([r["disk_km2"] for r in rows]))
    members: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for key, row in zip(keys, rows, strict=True):
        members[key].append(row)
    stack_index = {key: n for n, key in enumerate(k for k, m in members.items() if len(m) > 1)}
    lists = [popups.stack_list(members[key], VERDICT_COLOURS) for key in stack_index]
    properties = []
    for row, key, dash, position, size in zip(rows, keys, dashes, positions, sizes,
                                              strict=True):
        verdict = row["verdict"]
        date = iso_date(row.get("date"))
        properties.append({
            "tooltip": popups.claim_tooltip(row, verdict, stack_position=(position, size)),
            "popup": popups.claim_popup(row, verdict, by_claim.get(str(row["id"]), [])),
            **({"stack": [stack_key, stack_index[key], position]} if size > 1 else {}),
            **({"date": date} if date else {}),
            "verdict": verdict,
            "style": _disk_style(verdict, dash),
        })
    return feature_collection(disks.geometry, properties, SHAPE_DECIMALS)["features"], lists


def unit_claim_features(unplaced: gpd.GeoDataFrame, claims: gpd.GeoDataFrame,
                        by_claim: dict[str, list[dict]]) -> list[dict[str, Any]]:
    """Claims at a place without published coordinates, drawn as the unit it lies in:
    hatched inside, outlined in the claim's verdict colour, never a disk at a made-up
    point."""
    unplaced = with_claims(unplaced, claims)
    rows = records(unplaced)
    verdicts = claim_verdicts([str(r["id"]) for r in rows], by_claim)
    properties = []
    for row, verdict in zip(rows, verdicts, strict=True):
        date = iso_date(row.get("date"))
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["unchecked"])
        properties.append({
            "tooltip": popups.unit_claim_tooltip(row, verdict),
            "popup": popups.claim_popup(row, verdict, by_claim.get(str(row["id"]), [])),
            **({"date": date} if date else {}),
            "style": {**UNIT_CLAIM_STYLE, "color": colour},
        })
    shapes = shapely.simplify(unplaced.geometry.values, 0.005, preserve_topology=True)
    return feature_collection(shapes, properties, SHAPE_DECIMALS)["features"]


def aggregated_features(
    disks: gpd.GeoDataFrame, claims: gpd.GeoDataFrame, by_claim: dict[str, list[dict]]
) -> list[dict[str, Any]]:
    """One circle per place: the size of the largest claim there, outlined by the worst
    verdict there, labelled with the number of claims; its popup lists the claims."""
    disks, rows = _sorted_disks(disks, claims, by_claim)
    frame = pd.DataFrame({"key": centre_keys(disks), "row": np.arange(len(rows))})
    features: list[dict[str, Any]] = []
    anchors, counts, dates = [], [], []
    for key, members in frame.groupby("key", sort=False)["row"]:
        place_rows = [rows[i] for i in members]
        verdict = worst_verdict([r["verdict"] for r in place_rows])
        dated = [iso_date(r.get("date")) for r in place_rows]
        date = min(dated) if all(dated) else None
        radius_m = float(np.sqrt(place_rows[0]["disk_km2"] * 1e6 / np.pi))
        properties = {
            "tooltip": popups.place_stack_tooltip(place_rows, verdict),
            "popup": popups.place_stack_popup(place_rows, VERDICT_COLOURS, LISTED_PER_PLACE),
            "radius_m": round(radius_m), "verdict": verdict, "style": _disk_style(verdict),
            **({"date": date} if date else {}),
        }
        features += feature_collection([shapely.Point(key)], [properties], 4)["features"]
        anchors.append(shapely.Point(key))
        counts.append(f"{len(place_rows):,}")
        dates.append(date)
    return features + label_collection(anchors, counts, "ct-count-label", dates, 700.0)


def disk_layer(
    disks: gpd.GeoDataFrame,
    claims: gpd.GeoDataFrame,
    by_claim: dict[str, list[dict[str, Any]]],
    unplaced: gpd.GeoDataFrame | None = None,
    aggregate_above: int = AGGREGATE_ABOVE,
) -> folium.FeatureGroup:
    """The claimed areas as one FeatureGroup: disks (largest first, so each of a stack can
    be clicked), or one circle per place above ``aggregate_above`` disks; and the hatched
    units of claims at places without coordinates."""
    extra: list[Any] = []
    if len(disks) > aggregate_above:
        features = aggregated_features(disks, claims, by_claim)
    else:
        # A key of its own per layer (several may share a page), the same for the same claims.
        ids = "|".join(map(str, disks["id"])) if "id" in disks else str(len(disks))
        stack_key = "stacks-" + hashlib.sha1(ids.encode()).hexdigest()[:10]
        features, lists = disk_features(disks, claims, by_claim, stack_key)
        if lists:
            extra.append(StackLists(stack_key, lists))
    if unplaced is not None and len(unplaced):
        features = unit_claim_features(unplaced, claims, by_claim) + features
    data = {"type": "FeatureCollection", "features": features}
    return group("disks", geojson(data, LAYER_NAMES["disks"]), extra=extra)

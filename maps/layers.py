"""The map's layers as folium FeatureGroups, bottom to top: admin shading, reference shapes,
claimed areas, places. ``frame_layers`` is what ``contested map`` draws and what a notebook
adds to its own map; each layer lives in a module of its own (maps.admin_layer,
maps.reference_layer, maps.disk_layer, maps.place_layer). Text in tooltips and popups is
escaped in :mod:`maps.popups`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import folium
import geopandas as gpd
from folium.features import GeoJson

from contested.maps.admin_layer import admin_layer, admin_shares
from contested.maps.disk_layer import AGGREGATE_ABOVE, centre_keys, disk_layer, stack_styles
from contested.maps.features import LAYER_NAMES, claim_verdicts, findings_by_claim
from contested.maps.frames import MapFrames
from contested.maps.place_layer import has_named_places, place_label_ranks, place_layer
from contested.maps.reference_layer import reference_layers, reference_shown
from contested.maps.style import VERDICT_SEVERITY

__all__ = [
    "LAYER_NAMES", "admin_shares", "dated_geojsons", "findings_by_claim", "frame_layers",
    "has_named_places", "has_stacks", "place_label_ranks", "reference_shown", "stack_styles",
    "verdicts_present",
]


def frame_layers(
    frames: MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    references: Iterable[str] = (),
    aggregate_above: int = AGGREGATE_ABOVE,
) -> list[folium.FeatureGroup]:
    """The claim layers of ``frames``, bottom to top: admin units (and named sides of them),
    reference shapes (those worth seeing, then those that match, hidden), claimed areas,
    places. ``references``: names of reference shapes to draw when the map opens whatever
    the checks found ("Virginia"); above ``aggregate_above`` disks, one circle per place."""
    by_claim = findings_by_claim(findings)
    groups = []
    if len(frames.admin) or len(frames.parts):
        groups.append(admin_layer(frames.admin, frames.claims, frames.parts,
                                  attribution=frames.admin_attribution))
    if len(frames.references):
        # Above the threshold hundreds of outlines would hide the claims: one tick away.
        groups += reference_layers(frames.references, frames.claims, by_claim,
                                   asked=references, bounds=frames.bounds,
                                   shown=len(frames.disks) <= aggregate_above)
    if len(frames.disks) or len(frames.unplaced):
        groups.append(disk_layer(frames.disks, frames.claims, by_claim, frames.unplaced,
                                 aggregate_above))
    if len(frames.places):
        groups.append(place_layer(frames.places, frames.claims))
    return groups


def has_stacks(disks: gpd.GeoDataFrame) -> bool:
    """Whether two or more disks share a centre (the legend then explains the stacks)."""
    keys = centre_keys(disks) if len(disks) else []
    return len(set(keys)) < len(keys)


def verdicts_present(frames: MapFrames, findings: Iterable[Any] | None) -> set[str]:
    by_claim = findings_by_claim(findings)
    ids = [str(i) for frame in (frames.disks, frames.unplaced) if "id" in frame
           for i in frame["id"]]
    return set(claim_verdicts(ids, by_claim)) & set(VERDICT_SEVERITY)


def dated_geojsons(groups: Iterable[folium.FeatureGroup]) -> tuple[list[GeoJson], list[str]]:
    """The GeoJson layers whose features carry dates (or dated shading steps), and every
    date they carry."""
    layers, dates = [], []
    for feature_group in groups:
        for child in feature_group._children.values():
            if not isinstance(child, GeoJson):
                continue
            child_dates = []
            for feature in child.data["features"]:
                properties = feature["properties"]
                child_dates.append(properties.get("date"))
                child_dates += [step[0] for step in properties.get("steps") or ()]
            child_dates = [d for d in child_dates if d]
            if child_dates:
                layers.append(child)
                dates.extend(child_dates)
    return layers, dates

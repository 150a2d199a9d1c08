"""A whole map: base layer, our layers, legend, layer control, time slider; and the file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import folium

from contested.claims.resolved import ResolvedClaims
from contested.core.exceptions import DataError, InputError
from contested.core.files import write_text_atomic
from contested.maps.basemap import DEFAULT_TILES, outline_frame, outline_layer, tile_layer
from contested.maps.controls import HtmlControl, PageStyle, TimeSlider
from contested.maps.disk_layer import AGGREGATE_ABOVE, centre_keys
from contested.maps.escape import text
from contested.maps.frames import MapFrames
from contested.maps.layers import (
    dated_geojsons,
    frame_layers,
    has_named_places,
    has_stacks,
    verdicts_present,
)
from contested.maps.layout import ControlLayout
from contested.maps.legend import LegendContent, legend_html
from contested.maps.offline import InlineAssets, make_offline, remote_references, use_leaflet_only

DEFAULT_TITLE = "Territorial claims"


def _frames(claims: ResolvedClaims | MapFrames, boundaries: Any) -> MapFrames:
    if isinstance(claims, MapFrames):
        return claims
    if not isinstance(claims, ResolvedClaims):
        raise InputError(f"maps take ResolvedClaims or MapFrames, got {type(claims).__name__}",
                         hint="resolve them first (contested.resolve_claims(claims)), or call "
                              "contested.render(claims) / contested.layers(claims), which do")
    from contested.maps.frames import frames_from_claims

    return frames_from_claims(claims, boundaries=boundaries)


def layers(
    claims: ResolvedClaims | MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    boundaries: Any = None,
    references: Iterable[str] = (),
) -> list[folium.FeatureGroup]:
    """The claim layers ``contested map`` draws, to add to a map of your own.

    >>> for group in maps.layers(claims, findings):   # doctest: +SKIP
    ...     group.add_to(my_map)

    Bottom to top: admin units shaded by claimed share (with the sides of units claims name,
    hatched), reference shapes at true size (those whose comparison fails or that are a
    claim's only size; then, hidden, those that match), claimed-area disks coloured by
    verdict, places. ``references``: reference names to show whatever the checks found.
    Tooltips and popups are bound from escaped HTML, so text from documents cannot run in
    the page.
    """
    findings = list(findings or ())
    return frame_layers(_frames(claims, boundaries), findings, references=references)


# Keyword-only options, the way folium.Map takes its own: a notebook sets the few it needs.
def render(  # noqa: PLR0913
    claims: ResolvedClaims | MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    offline: bool = True,
    boundaries: Any = None,
    title: str | None = None,
    tiles: str = DEFAULT_TILES,
    references: Iterable[str] = (),
    aggregate_above: int = AGGREGATE_ABOVE,
    timeline_svg: str | None = None,
) -> folium.Map:
    """A folium Map of ``claims`` (ResolvedClaims, or ready :class:`MapFrames`).

    ``offline=True`` (the default): Leaflet inlined, no tiles, a vector basemap of country
    outlines; the saved page makes no request. ``offline=False``: tiles from
    ``xyzservices`` (``tiles`` names the provider) under the same layers. ``references``:
    reference shapes to show when the map opens whatever the checks found (see
    :func:`layers`); above ``aggregate_above`` disks, one circle per place;
    ``timeline_svg``: the ledger's chart (:func:`contested.maps.timeline.timeline_svg`), folded
    into the legend.
    """
    findings = list(findings or ())
    frames = _frames(claims, boundaries)
    bounds = frames.bounds
    folium_map = folium.Map(tiles=None, control_scale=True, zoom_snap=0.25, prefer_canvas=False,
                            location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
                            zoom_start=5)
    page_title = title or DEFAULT_TITLE
    folium_map.get_root().title = text(page_title)
    PageStyle(sea_background=offline).add_to(folium_map)
    if offline:
        make_offline(folium_map)
    else:
        use_leaflet_only(folium_map)
        tile_layer(tiles).add_to(folium_map)
    if len(frames.outlines):
        outline_layer(outline_frame(frames.outlines, bounds), filled=offline,
                      labels=offline).add_to(folium_map)
    groups = frame_layers(frames, findings, references=references,
                          aggregate_above=aggregate_above)
    for group in groups:
        group.add_to(folium_map)
    HtmlControl(f'<div class="ct-title">{text(page_title)}</div>', "topleft", "ct-box").add_to(
        folium_map)
    folium.LayerControl(collapsed=False, position="topright").add_to(folium_map)
    content = replace(_legend_content(frames, findings, aggregate_above),
                      timeline_svg=timeline_svg)
    HtmlControl(legend_html(content), "topright", "ct-box ct-legend").add_to(folium_map)
    dated, dates = dated_geojsons(groups)
    if len(set(dates)) > 1:
        TimeSlider(dated, dates).add_to(folium_map)
    # Last: it measures the controls, keeps them apart and fits the claims into the room
    # they leave (maps.layout).
    ControlLayout(bounds).add_to(folium_map)
    return folium_map


def _legend_content(frames: MapFrames, findings: list[Any], aggregate_above: int
                    ) -> LegendContent:
    aggregated = None
    if len(frames.disks) > aggregate_above:
        aggregated = (len(frames.disks), len(set(centre_keys(frames.disks))))
    return LegendContent(
        verdicts=frozenset(verdicts_present(frames, findings)),
        references=len(frames.references) > 0,
        parts=len(frames.parts) > 0,
        named_places=has_named_places(frames.places),
        stacks=aggregated is None and has_stacks(frames.disks),
        unplaced=len(frames.unplaced) > 0,
        aggregated=aggregated,
        units_label="Admin unit" if frames.admin_attribution.endswith("Natural Earth")
        else "Your unit",
    )


def page_html(folium_map: folium.Map, offline: bool = True) -> str:
    """The page of ``folium_map`` as one string. Offline (the default), every asset folium
    links by default is inlined (any folium map: a notebook's, with our layers on it), and
    the page is checked to fetch nothing; a plugin linking a CDN raises DataError naming it."""
    if offline:
        _inline_last(folium_map)
    html = folium_map.get_root().render()
    if offline:
        remote = remote_references(html)
        if remote:
            raise DataError(
                "the map cannot be saved to open offline: it would still fetch "
                + "; ".join(repr(r) for r in remote[:3])
                + " (a plugin or tile layer added to the map links a remote asset; save it "
                "with offline=False, or leave that plugin out)"
            )
    return html


def _inline_last(folium_map: folium.Map) -> None:
    """Make sure the map inlines its assets, after whatever was added to it since."""
    for name, child in list(folium_map._children.items()):
        if isinstance(child, InlineAssets):
            del folium_map._children[name]
    make_offline(folium_map, leaflet_only=False)


def save(folium_map: folium.Map, path: str | os.PathLike, offline: bool = True) -> Path:
    """Write the page atomically (a temporary file in the same folder, then os.replace).

    ``offline=True`` (the default) inlines what the page needs and refuses a page that
    would still fetch (see :func:`page_html`). The folder must exist; an unwritable place
    raises InputError naming ``path``.
    """
    if not isinstance(folium_map, folium.Map):
        raise InputError(f"save_map() takes a folium.Map, got {type(folium_map).__name__}",
                         hint="contested.render(claims) makes one; or folium.Map() of your own")
    html = page_html(folium_map, offline=offline)
    return write_text_atomic(Path(path), html)  # 0o644: a map is for sharing

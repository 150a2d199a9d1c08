"""A whole map: base layer, our layers, legend, layer control, time slider; and the file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import folium

from contested.claims.resolved import ResolvedClaims
from contested.core.files import write_text_atomic
from contested.maps.basemap import DEFAULT_TILES, outline_frame, outline_layer, tile_layer
from contested.maps.controls import HtmlControl, PageStyle, TimeSlider
from contested.maps.escape import text
from contested.maps.frames import MapFrames
from contested.maps.layers import (
    dated_geojsons,
    frame_layers,
    has_named_places,
    has_stacks,
    verdicts_present,
)
from contested.maps.legend import legend_html
from contested.maps.offline import make_offline, remote_references, use_leaflet_only

DEFAULT_TITLE = "Territorial claims"


def _frames(claims: ResolvedClaims | MapFrames,
            boundaries: str | os.PathLike | None) -> MapFrames:
    if isinstance(claims, MapFrames):
        return claims
    if not isinstance(claims, ResolvedClaims):
        raise TypeError("maps take ResolvedClaims (contested.resolve_claims(claims)) or "
                        "MapFrames; contested.layers()/render() resolve plain claims for you")
    from contested.maps.frames import frames_from_claims

    return frames_from_claims(claims, boundaries=boundaries)


def layers(
    claims: ResolvedClaims | MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    boundaries: str | os.PathLike | None = None,
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


def render(
    claims: ResolvedClaims | MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    offline: bool = False,
    boundaries: str | os.PathLike | None = None,
    title: str | None = None,
    tiles: str = DEFAULT_TILES,
    references: Iterable[str] = (),
) -> folium.Map:
    """A folium Map of ``claims`` (a list of Claim, or ready :class:`MapFrames`).

    ``offline=True``: Leaflet inlined, no tiles, a vector basemap of country outlines; the
    saved page makes no request. Otherwise tiles from ``xyzservices`` (``tiles`` names the
    provider, default Esri.WorldGrayCanvas) under the same layers. ``references``: reference
    shapes to show when the map opens whatever the checks found (see :func:`layers`).
    """
    findings = list(findings or ())
    frames = _frames(claims, boundaries)
    west, south, east, north = frames.bounds
    folium_map = folium.Map(tiles=None, control_scale=True, zoom_snap=0.25, prefer_canvas=False)
    page_title = title or DEFAULT_TITLE
    folium_map.get_root().title = text(page_title)
    PageStyle(sea_background=offline).add_to(folium_map)
    if offline:
        make_offline(folium_map)
    else:
        use_leaflet_only(folium_map)
        tile_layer(tiles).add_to(folium_map)
    if len(frames.outlines):
        outlines = outline_frame(frames.outlines, (west, south, east, north))
        outline_layer(outlines, filled=offline, labels=offline).add_to(folium_map)

    groups = frame_layers(frames, findings, references=references)
    for group in groups:
        group.add_to(folium_map)

    HtmlControl(f'<div class="ct-title">{text(page_title)}</div>', "topright", "ct-box").add_to(
        folium_map
    )
    folium.LayerControl(collapsed=False, position="topright").add_to(folium_map)
    HtmlControl(
        legend_html(
            verdicts_present(frames, findings),
            has_references=len(frames.references) > 0,
            has_parts=len(frames.parts) > 0,
            has_named_places=has_named_places(frames.places),
            has_stacks=has_stacks(frames.disks),
        ),
        "bottomright",
        "ct-box ct-legend",
    ).add_to(folium_map)
    dated, dates = dated_geojsons(groups)
    if len(set(dates)) > 1:
        TimeSlider(dated, dates).add_to(folium_map)
    # The legend (bottom right) and layer control (top right) sit over the map: keep the
    # claims clear of them.
    folium_map.fit_bounds(
        [[south, west], [north, east]], padding_top_left=(20, 20), padding_bottom_right=(290, 20)
    )
    return folium_map


def page_html(folium_map: folium.Map, offline: bool = False) -> str:
    """The page of ``folium_map`` as one string; offline, checked to fetch nothing."""
    html = folium_map.get_root().render()
    if offline:
        remote = remote_references(html)
        if remote:
            from contested.core.exceptions import DataError

            raise DataError(
                "the offline page would still fetch from the network: "
                + "; ".join(repr(r) for r in remote[:3])
                + " (a plugin added to the map links a remote asset)"
            )
    return html


def save(folium_map: folium.Map, path: str | os.PathLike, offline: bool = False) -> Path:
    """Write the page atomically (a temporary file in the same folder, then os.replace).

    The folder must exist; an unwritable place raises InputError naming ``path``.
    """
    target = Path(path)
    html = page_html(folium_map, offline=offline)
    return write_text_atomic(target, html)  # 0o644: a map is for sharing

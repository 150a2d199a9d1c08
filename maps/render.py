"""A whole map: base layer, our layers, legend, layer control, time slider; and the file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import folium

from geo.claim import Claim
from maps.basemap import DEFAULT_TILES, outline_frame, outline_layer, tile_layer
from maps.controls import HtmlControl, PageStyle, TimeSlider
from maps.escape import text
from maps.frames import MapFrames
from maps.layers import dated_geojsons, frame_layers, verdicts_present
from maps.legend import legend_html
from maps.offline import make_offline, remote_references, use_leaflet_only

DEFAULT_TITLE = "Territorial claims"


def _frames(claims: Iterable[Claim] | MapFrames, boundaries: str | os.PathLike | None) -> MapFrames:
    if isinstance(claims, MapFrames):
        return claims
    from maps.frames import frames_from_claims

    return frames_from_claims(list(claims), boundaries=boundaries)


def layers(
    claims: Iterable[Claim] | MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    boundaries: str | os.PathLike | None = None,
) -> list[folium.FeatureGroup]:
    """The claim layers ``contested map`` draws, to add to a map of your own.

    >>> for group in maps.layers(claims, findings):   # doctest: +SKIP
    ...     group.add_to(my_map)

    Bottom to top: admin units shaded by claimed share, reference shapes at true size,
    claimed-area disks coloured by verdict, places. Tooltips and popups are bound from
    escaped HTML, so text from documents cannot run in the page.
    """
    findings = list(findings or ())
    return frame_layers(_frames(claims, boundaries), findings)


def render(
    claims: Iterable[Claim] | MapFrames,
    findings: Iterable[Any] | None = None,
    *,
    offline: bool = False,
    boundaries: str | os.PathLike | None = None,
    title: str | None = None,
    tiles: str = DEFAULT_TILES,
) -> folium.Map:
    """A folium Map of ``claims`` (a list of Claim, or ready :class:`MapFrames`).

    ``offline=True``: Leaflet inlined, no tiles, a vector basemap of country outlines; the
    saved page makes no request. Otherwise tiles from ``xyzservices`` (``tiles`` names the
    provider, default CartoDB Positron) under the same layers.
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

    groups = frame_layers(frames, findings)
    for group in groups:
        group.add_to(folium_map)

    HtmlControl(f'<div class="ct-title">{text(page_title)}</div>', "topright", "ct-box").add_to(
        folium_map
    )
    folium.LayerControl(collapsed=False, position="topright").add_to(folium_map)
    HtmlControl(
        legend_html(verdicts_present(frames, findings), has_references=len(frames.references) > 0),
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
            from geo.exceptions import DataError

            raise DataError(
                "the offline page would still fetch from the network: "
                + "; ".join(repr(r) for r in remote[:3])
                + " (a plugin added to the map links a remote asset)"
            )
    return html


def save(folium_map: folium.Map, path: str | os.PathLike, offline: bool = False) -> Path:
    """Write the page atomically (a temporary file in the same folder, then os.replace)."""
    target = Path(path)
    html = page_html(folium_map, offline=offline)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(html)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a map is for sharing
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target

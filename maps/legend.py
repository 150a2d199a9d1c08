"""The legend: what the colours and shapes mean, built from the same tables as the layers.

It folds into its heading (a ``<details>`` element; :mod:`maps.layout` folds it on small
screens) and scrolls inside the room under the layer list, so it never covers a control.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from contested.maps.escape import text
from contested.maps.style import SHARE_COLOURS, SHARE_LABELS, VERDICT_COLOURS


@dataclass(frozen=True)
class LegendContent:
    """What this map shows, so the legend lists only that (and says what it left out)."""

    verdicts: frozenset[str] = frozenset()
    references: bool = False
    parts: bool = False
    named_places: bool = False
    stacks: bool = False
    unplaced: bool = False
    aggregated: tuple[int, int] | None = None  # (claims, places) when one circle per place
    units_label: str = "Admin unit"
    # The ledger's timeline as SVG (maps.timeline.timeline_svg: every text in it escaped).
    timeline_svg: str | None = None


def _verdict_rows(verdicts: Iterable[str]) -> str:
    present = [v for v in VERDICT_COLOURS if v in set(verdicts)]
    rows = "".join(
        f'<div><span class="ct-ring" style="border:2.5px solid {VERDICT_COLOURS[v]};'
        f'background:{VERDICT_COLOURS[v]}1a"></span>{text(v)}</div>'
        for v in present
    )
    absent = [v for v in VERDICT_COLOURS if v not in present]
    if absent:
        rows += f'<div class="ct-note">none here: {text(", ".join(absent))}</div>'
    return rows


def _share_ramp() -> str:
    swatches = "".join(
        f'<span class="ct-ramp-cell" style="background:{colour}" title="{text(label)}">'
        f"</span>" for colour, label in zip(SHARE_COLOURS, SHARE_LABELS, strict=True)
    )
    return (f'<div class="ct-ramp">{swatches}</div>'
            '<div class="ct-ramp-labels"><span>&lt;10%</span><span>25%</span>'
            '<span>50%</span><span>100%</span><span>&gt;100%</span></div>')


def legend_html(content: LegendContent) -> str:
    """Legend markup for ``content``; folded into a "Legend" heading until opened."""
    if content.aggregated is not None:
        claims, places = content.aggregated
        disk_head = "Claims per place, by worst verdict"
        disk_note = (f'<div class="ct-note">{claims:,} claims at {places:,} places: one '
                     "circle per place, as large as its largest claim, numbered with its "
                     "claims; click one for the list.</div>")
    else:
        disk_head = "Claimed area (disk), by check verdict"
        disk_note = ('<div class="ct-note">Claims on one place: concentric outlines, '
                     "coinciding ones dashed; click inside for all.</div>"
                     if content.stacks else "")
    rows = [
        f"<h4>{disk_head}</h4>", _verdict_rows(content.verdicts), disk_note,
        '<div><span class="ct-sw ct-unit-hatch"></span>place without published '
        "coordinates: the unit it lies in</div>" if content.unplaced else "",
        f"<h4>{text(content.units_label)}, largest share claimed</h4>", _share_ramp(),
        '<div><span class="ct-sw ct-hatch"></span>side of a unit a claim names '
        "(“western Anbar”)</div>" if content.parts else "",
        "<h4>Other</h4>",
        '<div><span class="ct-dot"></span>place a claim is about</div>',
        '<div><span class="ct-dot ct-named"></span>other place the documents name</div>'
        if content.named_places else "",
        ('<div><span class="ct-sw ct-ref"></span>reference shape moved onto the claim, at '
         "true size " + ("(shown where the comparison fails or is the claim’s only size)"
                         if content.aggregated is None else
                         "(hidden at this scale: tick them in the layer list)") + "</div>")
        if content.references else "",
        '<div class="ct-note">Disks have the claimed area and sit on the place named; they '
        "show size, not where the front line ran.</div>",
        ('<details class="ct-ledger"><summary>Ledger: estimates over time</summary>'
         '<div class="ct-ledger-body">' + content.timeline_svg + '</div><div class="ct-note">'
         "Grey: published estimates; dots: the claims, by verdict.</div></details>")
        if content.timeline_svg else "",
    ]
    return ('<details class="ct-legend-box" open><summary>Legend</summary>'
            f'<div class="ct-legend-body">{"".join(rows)}</div></details>')

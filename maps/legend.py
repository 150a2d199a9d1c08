"""The legend: what the colours and shapes mean, built from the same tables as the layers."""

from __future__ import annotations

from collections.abc import Iterable

from contested.maps.escape import text
from contested.maps.style import SHARE_COLOURS, SHARE_LABELS, VERDICT_COLOURS


def legend_html(
    verdicts_present: Iterable[str] = (),
    has_references: bool = True,
    *,
    has_parts: bool = False,
    has_named_places: bool = False,
    has_stacks: bool = False,
) -> str:
    """Legend markup. Verdicts drawn on this map come first; the rest are listed after."""
    present = [v for v in VERDICT_COLOURS if v in set(verdicts_present)]
    verdict_rows = "".join(
        f'<div><span class="ct-ring" style="border:2.5px solid {VERDICT_COLOURS[v]};'
        f'background:{VERDICT_COLOURS[v]}1a"></span>'
        f"{text(v)}{'' if v in present else ' <small>(none)</small>'}</div>"
        for v in (present + [v for v in VERDICT_COLOURS if v not in present])
    )
    share_rows = "".join(
        f'<div><span class="ct-sw" style="background:{colour}"></span>{text(label)}</div>'
        for colour, label in zip(SHARE_COLOURS, SHARE_LABELS, strict=True)
    )
    stack_note = (
        '<div class="ct-note">Claims on one place: concentric outlines, largest beneath; '
        "coinciding ones dashed so each colour shows. Click inside for all.</div>"
        if has_stacks else ""
    )
    part_row = (
        '<div><span class="ct-sw ct-hatch"></span>side of a unit a claim names '
        "(“western Anbar”)</div>"
        if has_parts else ""
    )
    named_row = (
        '<div><span class="ct-dot ct-named"></span>other place the documents name</div>'
        if has_named_places else ""
    )
    reference_row = (
        '<div><span class="ct-sw ct-dashed"></span>reference moved onto the claim, true '
        "size</div>"
        '<div class="ct-note">Shown where the comparison fails or is the claim’s only '
        "size; matching ones: see layers.</div>"
        if has_references else ""
    )
    return (
        "<h4>Claimed area (disk), by check verdict</h4>"
        f"{verdict_rows}{stack_note}"
        "<h4>Admin unit, largest share claimed</h4>"
        f"{share_rows}{part_row}"
        "<h4>Other</h4>"
        '<div><span class="ct-dot"></span>place a claim is about</div>'
        f"{named_row}{reference_row}"
        '<div class="ct-note">Disks have the claimed area and sit on the place named; '
        "they show size, not where the front line ran.</div>"
    )

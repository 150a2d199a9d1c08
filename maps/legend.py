"""The legend: what the colours and shapes mean, built from the same tables as the layers."""

from __future__ import annotations

from collections.abc import Iterable

from maps.escape import text
from maps.style import REFERENCE_STYLE, SHARE_COLOURS, SHARE_LABELS, VERDICT_COLOURS


def legend_html(verdicts_present: Iterable[str] = (), has_references: bool = True) -> str:
    """Legend markup. Verdicts drawn on this map come first; the rest are listed after."""
    present = [v for v in VERDICT_COLOURS if v in set(verdicts_present)]
    verdict_rows = "".join(
        f'<div><span class="ct-sw" style="background:{VERDICT_COLOURS[v]};opacity:.8"></span>'
        f"{text(v)}{'' if v in present else ' <small>(none)</small>'}</div>"
        for v in (present + [v for v in VERDICT_COLOURS if v not in present])
    )
    share_rows = "".join(
        f'<div><span class="ct-sw" style="background:{colour}"></span>{text(label)}</div>'
        for colour, label in zip(SHARE_COLOURS, SHARE_LABELS, strict=True)
    )
    reference_row = (
        f'<div><span class="ct-sw" style="background:{REFERENCE_STYLE["fillColor"]};'
        f'border:2px dashed {REFERENCE_STYLE["color"]}"></span>reference shape, true size</div>'
        if has_references else ""
    )
    return (
        "<h4>Claimed area (disk), by check verdict</h4>"
        f"{verdict_rows}"
        "<h4>Admin unit, largest share claimed</h4>"
        f"{share_rows}"
        "<h4>Other</h4>"
        '<div><span class="ct-dot"></span>place named in a claim</div>'
        f"{reference_row}"
        '<div class="ct-note">Disks have the claimed area and sit on the place named; '
        "they show size, not where the front line ran.</div>"
    )

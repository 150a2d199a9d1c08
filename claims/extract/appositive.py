"""A place's own stated area, and how news writes a name.

"90% of Mosul, a city of 180 sq km": the figure in the appositive describes the place, so it is
the total a share refers to (or a size comparison's reference area), not a claim of its own.
:data:`NAME_PATTERN` is a capitalised name as comparisons and shares read it ("the U.S.", "New
Jersey", "the Gaza Strip", "Washington, D.C.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.claims.quantity import find_areas
from contested.core.lazy import LazyRegex

__all__ = ["NAME_PATTERN", "PlaceArea", "place_area_after"]

NAME_PATTERN = (
    r"(?:the\s+)?(?:U\.\s?S\.|U\.K\.|(?-i:[A-Z])[\w.-]*)(?:\s+(?:of\s+)?(?:(?-i:[A-Z])[\w.-]*|"
    r"D\.?C\.?))*(?:,\s+D\.?C\.?)?"
)

_APPOSITIVE_AREA_RE = LazyRegex(
    r"\s*,?\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|province|governorate|"
    r"region|district|territory|enclave|pocket|valley|country|state|zone)\s+(?:of|covering|"
    r"spanning|measuring)|which\s+(?:covers|spans|measures|has\s+an\s+area\s+of|stretches\s+"
    r"over|is)|(?:covering|spanning|measuring|with\s+an\s+area\s+of))\s+",
    re.IGNORECASE,
)
# "25% of Raqqa province, an area of 19,600 sq km": the province's area, when it comes
# right after the name; after other words ("53% of the Strip behind the yellow line, an area
# of 190 sq km") it is the share's own area (see shares.py).
_AREA_OF_RE = re.compile(r"\s*,?\s*an?\s+area\s+of\s+", re.IGNORECASE)
_WINDOW = 80  # an appositive's figure comes right after its opening words


@dataclass(frozen=True, slots=True)
class PlaceArea:
    """A stated area of a place, in an appositive: offsets of the figure, and its km²."""

    start: int
    end: int
    km2: float


def place_area_after(sentence: str, position: int, right_after_name: bool = False
                     ) -> PlaceArea | None:
    """The area an appositive right at ``position`` gives ("…, a city of 180 sq km"), or None;
    ``right_after_name``: ``position`` ends the place's name, so "an area of" describes it."""
    appositive = _APPOSITIVE_AREA_RE.match(sentence, position) or (
        _AREA_OF_RE.match(sentence, position) if right_after_name else None)
    if appositive is None:
        return None
    window = sentence[appositive.end():appositive.end() + _WINDOW]
    for area in find_areas(window):
        if area.start == 0:
            return PlaceArea(appositive.end(), appositive.end() + area.end, area.quantity.km2)
        break
    return None

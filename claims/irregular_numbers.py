"""Figures written against the usual grouping of digits, read with a note that says how.

- "2,0000 km2": a digit group of four after a comma (a misprint of 2,000 or 20,000). Read as
  its digits, 20,000.
- "1.300 km²", "1.300.000 hectares": points between groups of three, as much of Europe and
  many translated statements group thousands. Read as 1,300 and 1,300,000. A single group is
  read so only when it ends in 0 ("1.300", "12.500"): "1.234 km²" stays a decimal.

Each is rewritten in the text the area pattern reads, to its digits padded with spaces (the
same length, so every offset holds), and the figure found there carries a note; the checks
report it as loose, to be confirmed (rule ``unit-plausibility``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMA_GROUP_RE = re.compile(r"(?<![\w.,])[0-9]{1,3}(?:,[0-9]{3,4})*,[0-9]{4}(?![0-9,])")
_POINT_GROUPS_RE = re.compile(
    r"(?<![\w.,])[1-9][0-9]{0,2}(?:(?:\.[0-9]{3}){2,}|\.[0-9]{2}0)(?![0-9])(?!\.[0-9])")


@dataclass(frozen=True, slots=True)
class IrregularNumber:
    """Where a number was rewritten, as written, and the note its figure carries."""

    start: int
    end: int
    written: str
    note: str


def mask_irregular_numbers(text: str) -> tuple[str, list[IrregularNumber]]:
    """``text`` with each irregular number written as its digits (same length), and where."""
    found = [_irregular(match, "comma") for match in _COMMA_GROUP_RE.finditer(text)]
    if "." in text:
        found += [_irregular(match, "point") for match in _POINT_GROUPS_RE.finditer(text)]
    if not found:
        return text, found
    found.sort(key=lambda number: number.start)
    pieces, position = [], 0
    for number in found:
        digits = re.sub(r"[.,]", "", number.written)
        pieces += [text[position:number.start], digits.ljust(number.end - number.start)]
        position = number.end
    pieces.append(text[position:])
    return "".join(pieces), found


def _irregular(match: re.Match[str], kind: str) -> IrregularNumber:
    written = match.group()
    value = float(re.sub(r"[.,]", "", written))
    if kind == "comma":
        note = f"written '{written}' (a digit group of four); read as {value:,.0f}"
    else:
        note = f"written '{written}' (points between thousands); read as {value:,.0f}"
        if written.count(".") == 1:
            note += f", or {float(written):g} if the point is a decimal one"
    return IrregularNumber(match.start(), match.end(), written, note)

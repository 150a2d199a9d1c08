"""Area figures as news writes them: "41,000sq km", "(110) thousand square kilometers",
"68,300 sq km (26,370 sq miles)", "between 3,000 and 4,000 km2", "770-1,540 sq miles".

Units are recognised with spellings taken from :mod:`contested.claims.units` (the only place
units live); numbers and qualifiers come from :mod:`contested.claims.numbers`. This module
knows how they are put together in running text. :func:`find_areas` scans text;
:func:`parse_area` reads one standalone figure.

Irregular figures real text carries are read, and say how (``AreaMatch.note``, which becomes
the claim's ``unit_note``): a length unit used for an area ("570 km of land", "the size of
Libya is 1,760,000 km") is read as km², and a digit group of four ("2,0000 km2") or points
between thousands ("1.300 km²") are read as their digits
(:mod:`contested.claims.irregular_numbers`). A figure with a minus sign ("-41,000 sq km") is
never read as its absolute value: it is left out and reported in ``rejected``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from contested.claims.irregular_numbers import IrregularNumber, mask_irregular_numbers
from contested.claims.model import Stated
from contested.claims.numbers import (
    APPROX_SIGN_PATTERN,
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    SCALE_PATTERN,
    NumberRegex,
    canonical_qualifier,
    parse_number,
    round_figure,
    scale_factor,
)
from contested.claims.units import UNIT_ALIASES, canonical_unit, to_km2
from contested.core.exceptions import InputError, UnitError
from contested.core.lazy import LazyRegex

__all__ = [
    "NUMBER_PATTERN",
    "QUALIFIER_PATTERN",
    "AreaMatch",
    "AreaQuantity",
    "RejectedFigure",
    "canonical_qualifier",
    "find_areas",
    "is_unit",
    "parse_area",
    "parse_number",
]


# --- units ----------------------------------------------------------------------------------


def _unit_key(text: str) -> str:
    # "Sq. Km." / "sq-km" / "sqkm" → "sqkm": one key per spelling, blind to dots, spaces, hyphens.
    return re.sub(r"[\s\u00a0.\-]+", "", text.lower())


_UNIT_BY_KEY: dict[str, str] = {_unit_key(alias): unit for alias, unit in UNIT_ALIASES.items()}


def _alias_pattern(alias: str) -> str:
    parts = []
    for char in alias:
        if char in " -":
            parts.append(r"[\s\u00a0\-]*")
        elif char == ".":
            parts.append(r"\.?")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


# Longest spellings first so "square kilometres" wins over "square kilometre"; each pattern
# once ("square kilometres" and "square-kilometres" write the same one): a repeat could match
# nothing the first did not, and it costs compile time in every pattern that holds the units.
_UNIT_PATTERN = (
    "(?:"
    + "|".join(dict.fromkeys(
        _alias_pattern(alias) for alias in sorted(UNIT_ALIASES, key=len, reverse=True)))
    + r")(?![^\W\d_])"
)
_UNIT_RE = LazyRegex(rf"^{_UNIT_PATTERN}\.?$", re.IGNORECASE)


def _canonical(unit_text: str) -> str:
    unit = _UNIT_BY_KEY.get(_unit_key(unit_text))
    return unit if unit is not None else canonical_unit(unit_text)


# --- area figures ---------------------------------------------------------------------------

_GAP = r"[\s\u00a0]*"
_RANGE_SEP = r"(?:[\s\u00a0]*[-–—][\s\u00a0]*|[\s\u00a0]+(?:to|and)[\s\u00a0]+)"
_ONE_AREA = (
    rf"(?:(?P<{{p}}qual>{QUALIFIER_PATTERN}[\s\u00a0]+|{APPROX_SIGN_PATTERN}[\s\u00a0]*)"
    rf"(?:of[\s\u00a0]+)?)?"
    rf"(?P<{{p}}between>(?:between|from)[\s\u00a0]+)?"
    rf"(?P<{{p}}num>{NUMBER_PATTERN})"
    rf"(?:{_RANGE_SEP}(?P<{{p}}num2>{NUMBER_PATTERN}))?"
    rf"(?:{_GAP}|-)(?P<{{p}}unit>{_UNIT_PATTERN}\.?)"  # "2,500-square-mile" swath
)
_FIRST = _ONE_AREA.replace("{p}", "a_")
_SECOND = _ONE_AREA.replace("{p}", "b_")
# A figure given twice: "68,300 sq km (26,370 sq miles)", "60,000 sq km / 23,000 sq mi",
# "60,000 sq km, or about 23,000 square miles", "42,000 sq km, that's about 16,200 square
# miles" (the second unit must differ: checked later).
_TWIN_SEPARATOR = (
    rf"{_GAP}(?:[(\[]{_GAP}|/{_GAP}|,?[\s\u00a0]+or[\s\u00a0]+|[-–—]{_GAP}|"
    rf",[\s\u00a0]*(?:that['’]s|that[\s\u00a0]+is|i\.e\.,?|which[\s\u00a0]+is)[\s\u00a0]+)"
)
_AREA_RE = NumberRegex(
    rf"{_FIRST}(?P<twin>{_TWIN_SEPARATOR}{_SECOND}(?:{_GAP}[)\]])?)?", re.IGNORECASE
)
# The first figure alone (its twin never matches), and what must follow it for a twin: most
# figures have none, and the whole pattern takes twice as long to compile.
_FIRST_RE = NumberRegex(rf"{_FIRST}(?P<twin>(?!))?", re.IGNORECASE)
_TWIN_SEPARATOR_RE = LazyRegex(_TWIN_SEPARATOR, re.IGNORECASE)


def _search_area(text: str, position: int = 0) -> re.Match[str] | None:
    """What ``_AREA_RE.search`` finds: the figure alone, unless a separator follows it."""
    match = _FIRST_RE.for_text(text).search(text, position)
    if match is not None and _TWIN_SEPARATOR_RE.match(text, match.end()):
        return _AREA_RE.for_text(text).match(text, match.start())
    return match


@dataclass(frozen=True, slots=True)
class AreaQuantity:
    """One area figure, possibly written twice in two units, with its qualifier."""

    stated: tuple[Stated, ...]
    qualifier: str | None = None

    @property
    def km2(self) -> float:
        return self.stated[0].km2


@dataclass(frozen=True, slots=True)
class AreaMatch:
    """An area figure found in running text; ``start``/``end`` are offsets into that text."""

    start: int
    end: int
    quantity: AreaQuantity
    number_start: int  # where the first figure's number begins (after any qualifier)
    note: str | None = None  # how an irregular figure was read ("'km' read as km²")


@dataclass(frozen=True, slots=True)
class RejectedFigure:
    """A figure that looks like an area but is not read as one, and why."""

    start: int
    end: int
    reason: str


def _stated(number: str, number_max: str | None, unit_text: str) -> Stated:
    unit = _canonical(unit_text)
    value = parse_number(number)
    value_max = parse_number(number_max) if number_max else None
    if number_max is not None and value_max is not None:
        # "3-4 thousand sq km", "2.5 to 3 million": a scale written once applies to both ends.
        scale_max = re.search(rf"(?:{SCALE_PATTERN})\s*$", number_max, re.IGNORECASE)
        scale_min = re.search(rf"(?:{SCALE_PATTERN})\s*$", number, re.IGNORECASE)
        if scale_max and not scale_min:
            value = round_figure(value * scale_factor(scale_max.group(0)))
        elif not scale_min and value_max >= 1000 and value * 1000 <= value_max < value * 10000:
            value = round_figure(value * 1000)  # "3-4,000 sq km" is 3,000 to 4,000
    if value_max is not None and value_max <= value:
        value_max = None  # "2016-2017", "5-3": not a range of sizes
    return Stated(value=value, unit=unit, km2=round_figure(to_km2(value, unit)),
                  value_max=value_max)


def _quantity_from(match: re.Match[str]) -> AreaQuantity | None:
    try:
        first = _stated(match["a_num"], match["a_num2"], match["a_unit"])
    except InputError:
        return None
    if (
        match["a_num2"]
        and not match["a_between"]
        and re.search(
            r"[\s\u00a0]and[\s\u00a0]", match.group(0)[: match.end("a_num2") - match.start()]
        )
    ):
        # "2 and 3 sq km" without "between" is a list, not a range: keep only the second figure.
        return None
    stated = [first]
    if match["twin"]:
        try:
            second = _stated(match["b_num"], match["b_num2"], match["b_unit"])
        except InputError:
            second = None
        if second is not None and second.unit != first.unit:
            stated.append(second)
    qualifier = canonical_qualifier(match["a_qual"])
    return AreaQuantity(stated=tuple(stated), qualifier=qualifier)


# Cheap test first: most sentences hold no area unit at all.
_UNIT_HINT_RE = re.compile(
    r"sq|square|km|kilomet|mile|hectare|acre|dun[ua]m|donum|d[oö]n[uü]m|m2|²|mi2|\bha\b|"
    r"f[ea]ddan",
    re.IGNORECASE,
)


# "estimates range from 3,000 to 4,000 sq km" is a range; "fell from 78,000 to 60,400 sq km"
# is a change between two figures.
_RANGE_WORD_RE = LazyRegex(r"\b(?:range[sd]?|ranging|varies|varying|vary)\s*$", re.IGNORECASE)


def _change_figures(match: re.Match[str], text: str) -> list[AreaMatch] | None:
    """The two figures of "from X to Y sq km" (a change, not a range), or None."""
    if not (match["a_between"] and match["a_num2"]
            and match["a_between"].strip().lower() == "from" and not match["twin"]):
        return None
    if _RANGE_WORD_RE.search(text[max(0, match.start() - 20):match.start()]):
        return None
    try:
        unit = _canonical(match["a_unit"])
        before = parse_number(match["a_num"])
        after = parse_number(match["a_num2"])
    except (InputError, UnitError):
        return None
    figures = []
    for value, start, end in ((before, match.start("a_num"), match.end("a_num")),
                              (after, match.start("a_num2"), match.end("a_unit"))):
        stated = Stated(value=value, unit=unit, km2=round_figure(to_km2(value, unit)))
        figures.append(AreaMatch(start=start, end=end, quantity=AreaQuantity((stated,)),
                                 number_start=start))
    return figures


# A bare year ("2016") before "to 68,300 sq km" is a date, not the low end of a range.
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_BEFORE_YEAR_RE = LazyRegex(
    r"\b(?:in|of|since|by|until|during|early|late|mid|end|start|summer|winter|spring|autumn|"
    r"fall|jan\w*|feb\w*|mar\w*|apr\w*|may|june?|july?|aug\w*|sep\w*|oct\w*|nov\w*|"
    r"dec\w*)[\s\u00a0-]+$",
    re.IGNORECASE,
)
# A minus sign glued to the number, after a space, a bracket or the start: "-41,000 sq km".
_MINUS_BEFORE_RE = LazyRegex(r"(?:^|[\s(\[:=])[-−‒]$")

# --- irregular figures ------------------------------------------------------------------------

# A length unit written for an area: the figure is an area when what it measures is ground
# ("570 km of land", "2000 kilometers of territory in Raqqa Province") or when the sentence
# gives a size ("the size of Libya is 1,760,000 km", "an area of 300 km").
_LENGTH_UNIT_RE = re.compile(r"(?<![^\W\d_])(?<!\.)(?P<unit>kms?|kilomet(?:er|re)s?)(?![\w²³^])",
                             re.IGNORECASE)
_NUMBER_BEFORE_RE = NumberRegex(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})[\s\u00a0]+)?(?P<num>{NUMBER_PATTERN}){_GAP}$",
    re.IGNORECASE,
)
_SQUARE_BEFORE_RE = re.compile(r"(?:sq\.?|square)[\s\u00a0-]*$", re.IGNORECASE)
_GROUND_AFTER_RE = LazyRegex(
    r"\s+of\s+(?:(?:the|its|their|this|that|fertile|agricultural|desert|rural)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:land|lands|territory|territories|ground|terrain|area|areas|"
    r"desert|countryside|province|governorate|region)\b",
    re.IGNORECASE,
)
_NOT_GROUND_RE = LazyRegex(r"\b(?:border|frontier|front|road|highway|coast|river|line|"
                           r"pipeline|canal|motorway|railway)\b", re.IGNORECASE)
_SIZE_BEFORE_RE = LazyRegex(
    r"\b(?:size|area|surface)\b[^.;:!?]{0,50}?\b(?:is|was|of|measures|covers|totals?|spans)"
    r"[\s\u00a0]+$",
    re.IGNORECASE,
)
_DISTANCE_BEFORE_RE = re.compile(r"\b(?:within|from|away|about|advanced|pushed|moved)\s+$",
                                 re.IGNORECASE)
_LENGTH_NOTE = "written '{unit}' (a length) for an area; read as km²"


def _length_figures(text: str) -> Iterator[AreaMatch]:
    """Figures written with a bare length unit that measure ground (see above)."""
    for unit in _LENGTH_UNIT_RE.finditer(text):
        window_start = max(0, unit.start() - 80)
        before = text[window_start:unit.start()]
        if _SQUARE_BEFORE_RE.search(before):
            continue  # "sq km" is read with the area units
        after = _GROUND_AFTER_RE.match(text, unit.end())
        ground = after is not None and not _NOT_GROUND_RE.search(after.group(0))
        number = _NUMBER_BEFORE_RE.for_text(before).search(before) if ground \
            or "size" in before.lower() or "area" in before.lower() else None
        if number is None:
            continue
        if not ground and not _SIZE_BEFORE_RE.search(before, 0, number.start()):
            continue
        if _DISTANCE_BEFORE_RE.search(before[max(0, number.start() - 12):number.start()]):
            continue
        try:
            value = parse_number(number["num"])
        except InputError:
            continue
        stated = Stated(value=value, unit="km2", km2=round_figure(value))
        quantity = AreaQuantity((stated,), canonical_qualifier(number["qual"]))
        yield AreaMatch(window_start + number.start(), unit.end(), quantity,
                        window_start + number.start("num"),
                        note=_LENGTH_NOTE.format(unit=unit["unit"]))


def find_areas(text: str, rejected: list[RejectedFigure] | None = None) -> Iterator[AreaMatch]:
    """Every area figure in ``text``, in order, with offsets (a twin figure is one match;
    "from 78,000 to 60,400 sq km" is two). Figures not read (a minus sign) are appended to
    ``rejected`` when it is given."""
    if not _UNIT_HINT_RE.search(text):
        return
    scanned, irregular = mask_irregular_numbers(text)
    found = list(_unit_figures(scanned, rejected))
    taken = [(m.start, m.end) for m in found]
    for match in _length_figures(scanned):
        if not any(start < match.end and match.start < end for start, end in taken):
            found.append(match)
    found.sort(key=lambda m: m.start)
    for match in found:
        yield _with_irregular_note(match, irregular)


def _with_irregular_note(match: AreaMatch, irregular: list[IrregularNumber]) -> AreaMatch:
    for number in irregular:
        if match.number_start <= number.start < match.end:
            note = f"{match.note}; {number.note}" if match.note else number.note
            return AreaMatch(match.start, match.end, match.quantity, match.number_start, note)
    return match


def _unit_figures(text: str, rejected: list[RejectedFigure] | None) -> Iterator[AreaMatch]:
    """Figures written with an area unit."""
    position = 0
    while True:
        match = _search_area(text, position)
        if match is None:
            return
        position = match.end()
        if match["a_num2"] and not match["a_between"] and _YEAR_RE.fullmatch(match["a_num"]) \
                and _BEFORE_YEAR_RE.search(text, max(0, match.start() - 12), match.start()):
            # "in the first half of 2016 to 68,300 sq km": a year, not the low end of a range.
            position = match.start("a_num2")
            continue
        if _MINUS_BEFORE_RE.search(text, max(0, match.start("a_num") - 2),
                                   match.start("a_num")):
            if rejected is not None:
                rejected.append(RejectedFigure(match.start("a_num") - 1, match.end("a_unit"),
                                               "a minus sign before an area figure"))
            continue
        change = _change_figures(match, text)
        if change is not None:
            yield from change
            continue
        quantity = _quantity_from(match)
        if quantity is None:
            continue
        end = match.end() if len(quantity.stated) > 1 else match.end("a_unit")
        yield AreaMatch(
            start=match.start(), end=end, quantity=quantity, number_start=match.start("a_num")
        )


def parse_area(text: str) -> AreaQuantity:
    """Read one standalone area figure: "more than 41,000 sq km", "15,800 square miles",
    "(110) thousand square kilometers", "68,300 sq km (26,370 sq miles)",
    "between 3,000 and 4,000 km2" (value 3000, value_max 4000).

    Raises :class:`UnitError` when the unit is not an area unit, :class:`InputError` when
    there is no number.
    """
    if not isinstance(text, str):
        raise InputError(f"expected an area figure as text, got {type(text).__name__}")
    cleaned = re.sub(r"[\s\u00a0]+", " ", text).strip()
    if not cleaned:
        raise InputError("empty area figure", hint='write e.g. "41,000 sq km"')
    match = _search_area(cleaned)
    if match is not None:
        quantity = _quantity_from(match)
        if quantity is not None:
            return quantity
    # No recognised unit: tell a number with an unknown unit from no number at all.
    head = re.match(
        rf"^(?:{QUALIFIER_PATTERN}\s+)?(?:between\s+|from\s+)?({NUMBER_PATTERN})\s*(.*)$",
        cleaned,
        re.IGNORECASE,
    )
    if head is None or not head.group(1).strip():
        raise InputError(f"no number in area figure {text!r}", hint='write e.g. "41,000 sq km"')
    try:
        parse_number(head.group(1))
    except InputError:
        raise InputError(
            f"no number in area figure {text!r}", hint='write e.g. "41,000 sq km"'
        ) from None
    unit_text = head.group(2).strip()
    if not unit_text:
        raise UnitError(f"no unit in area figure {text!r}", hint='add a unit, e.g. "sq km"')
    canonical_unit(unit_text)  # raises UnitError naming the unit
    raise UnitError(f"cannot read area figure {text!r}", hint='write e.g. "41,000 sq km"')


def is_unit(text: str) -> bool:
    """True when ``text`` is a known area unit spelling ("sq. km.", "km²", "square-meter")."""
    return bool(_UNIT_RE.match(text.strip()))

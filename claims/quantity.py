"""Numbers and area figures as news writes them: "41,000sq km", "(110) thousand square
kilometers", "4mn", "four million", "68,300 sq km (26,370 sq miles)", "between 3,000 and 4,000 km2".

Units are recognised with spellings taken from :mod:`contested.claims.units` (the only place units
live);
this module knows how numbers, scales, qualifiers and ranges are written around them.
:func:`find_areas` scans running text; :func:`parse_area` reads one standalone figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from contested.claims.model import Stated
from contested.claims.units import UNIT_ALIASES, canonical_unit, to_km2
from contested.core.exceptions import InputError, UnitError

__all__ = [
    "AreaMatch",
    "AreaQuantity",
    "NUMBER_PATTERN",
    "QUALIFIER_PATTERN",
    "canonical_qualifier",
    "find_areas",
    "parse_area",
    "parse_number",
]

# --- number words -------------------------------------------------------------------------

_UNITS_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_FRACTION_WORDS: dict[str, float] = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fourth": 1 / 4,
    "fourths": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}

# Arabic-Indic and Extended Arabic-Indic digits, Arabic separators → ASCII.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")

_WORD_NUMBER = (
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion|dozen|half)"
    r"(?:(?:[\s\u00a0]+|-|[\s\u00a0]+and[\s\u00a0]+)"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion|dozen))*)"
)
# A numeral: "41,000", "41000", "41.5", "(110)", "٤١٠٠٠", with an optional scale
# ("4mn", "2.3 million", "(110) thousand"). "m" counts as million only when it cannot be metres.
_DIGIT_NUMBER = (
    r"(?:\(\s*[0-9٠-٩۰-۹]+(?:[,٬\u202f\u00a0][0-9٠-٩۰-۹]{3})*(?:[.٫][0-9٠-٩۰-۹]+)?\s*\)"
    r"|(?<![\w.,])[0-9٠-٩۰-۹]{1,3}(?:[,٬\u202f\u00a0][0-9٠-٩۰-۹]{3})+(?:[.٫][0-9٠-٩۰-۹]+)?"
    r"|(?<![\w.,])[0-9٠-٩۰-۹]+(?:[.٫][0-9٠-٩۰-۹]+)?)"
)
_SCALE = (
    r"(?:[\s\u00a0]*(?:thousand|million|billion|trillion)\b"
    r"|[\s\u00a0]?(?:mn|mln|bn|tn)\b|k\b|m(?![\w²³]))"
)
NUMBER_PATTERN = rf"(?:{_DIGIT_NUMBER}(?:{_SCALE})?|\b{_WORD_NUMBER}\b)"

_NUMBER_RE = re.compile(rf"^\s*{NUMBER_PATTERN}", re.IGNORECASE)
_VAGUE_RE = re.compile(
    r"^\s*(?:tens|hundreds|thousands|millions|billions|dozens|several|many|some|few)\b",
    re.IGNORECASE,
)


def _round(value: float) -> float:
    # 4.2 * 1000 is 4200.000000000001 in binary; news figures have at most 12 significant digits.
    return float(f"{value:.12g}")


def _parse_digits(token: str) -> float:
    token = token.translate(_DIGITS).strip().strip("()").strip()
    token = re.sub(r"[,\u202f\u00a0\s]", "", token)
    return float(token)


def _parse_words(words: list[str]) -> float:
    """ "four million" → 4e6, "one hundred and ten thousand" → 110000, "a third" → 1/3."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in ("and", "a", "an"):
            if word != "and":
                current = current or 1.0
                seen = True
            continue
        if word in _UNITS_WORDS:
            current += _UNITS_WORDS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif word in _SCALE_WORDS and word not in ("m", "b", "k", "mn", "bn", "tn", "mln"):
            total += (current or 1.0) * _SCALE_WORDS[word]
            current = 0.0
            seen = True
        elif word in _FRACTION_WORDS:
            # "a third" = 1/3, "two thirds" = 2/3, "half" = 1/2
            current = (current or 1.0) * _FRACTION_WORDS[word]
            seen = True
        else:
            break
    if not seen:
        raise ValueError("no number words")
    return total + current


def parse_number(text: str) -> float:
    """Read one number as news writes it.

    "41,000" → 41000, "4mn" → 4e6, "2.3mn" → 2.3e6, "(110) thousand" → 110000,
    "four million" → 4e6, "1.2 million" → 1.2e6, "two" → 2, "a third" → 0.333…,
    "98%" → 98. Raises :class:`InputError` when the text holds no definite number
    ("tens of thousands", "several").
    """
    if not isinstance(text, str):
        raise InputError(f"expected a number as text, got {type(text).__name__}")
    cleaned = text.translate(_DIGITS).strip()
    cleaned = re.sub(r"[\s\u00a0]+", " ", cleaned)
    if not cleaned or _VAGUE_RE.match(cleaned):
        raise InputError(f"no definite number in {text!r}", hint="write the figure in digits")
    digits = re.match(rf"^\(?\s*({_DIGIT_NUMBER})\s*\)?\s*({_SCALE})?", cleaned, re.IGNORECASE)
    if digits:
        try:
            value = _parse_digits(digits.group(1))
        except ValueError as error:
            raise InputError(f"no number in {text!r}") from error
        scale = (digits.group(2) or "").strip().lower()
        if scale:
            value *= _SCALE_WORDS[scale]
        return _round(value)
    words = re.findall(r"[a-z]+", cleaned.lower())
    try:
        return _round(_parse_words(words))
    except ValueError:
        raise InputError(
            f"no number in {text!r}", hint="write the figure as digits (41,000) or words"
        ) from None


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


# Longest spellings first so "square kilometres" wins over "square kilometre".
_UNIT_PATTERN = (
    "(?:"
    + "|".join(_alias_pattern(alias) for alias in sorted(UNIT_ALIASES, key=len, reverse=True))
    + r")(?![^\W\d_])"
)

_UNIT_RE = re.compile(rf"^{_UNIT_PATTERN}\.?$", re.IGNORECASE)


def _canonical(unit_text: str) -> str:
    unit = _UNIT_BY_KEY.get(_unit_key(unit_text))
    return unit if unit is not None else canonical_unit(unit_text)


# --- qualifiers -----------------------------------------------------------------------------

# spelling → canonical word of contested.claims.model.QUALIFIERS (longest spellings tried first).
_QUALIFIER_WORDS: dict[str, str] = {
    "no more than": "at most",
    "not more than": "at most",
    "at most": "at most",
    "a maximum of": "at most",
    "more than": "more than",
    "over": "more than",
    "above": "more than",
    "in excess of": "more than",
    "upwards of": "more than",
    "upward of": "more than",
    "well over": "more than",
    "just over": "more than",
    "excess of": "more than",
    "greater than": "more than",
    "at least": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "a minimum of": "at least",
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "approx": "about",
    "an estimated": "about",
    "estimated": "about",
    "the estimated": "about",
    "circa": "about",
    "c.": "about",
    "an approximate": "about",
    "close to": "close to",
    "nearly": "nearly",
    "almost": "nearly",
    "just under": "nearly",
    "just shy of": "nearly",
    "up to": "up to",
    "as much as": "up to",
    "as many as": "up to",
    "less than": "less than",
    "under": "less than",
    "fewer than": "less than",
    "below": "less than",
    "exactly": "exactly",
    "precisely": "exactly",
    "just": "exactly",
}
QUALIFIER_PATTERN = (
    "(?:"
    + "|".join(
        re.escape(word).replace(r"\ ", r"[\s\u00a0]+")
        for word in sorted(_QUALIFIER_WORDS, key=len, reverse=True)
    )
    + ")"
)


def canonical_qualifier(text: str | None) -> str | None:
    """ "Roughly" → "about", "over" → "more than"; None when the word is not a qualifier."""
    if not text:
        return None
    key = re.sub(r"\s+", " ", text.strip().lower())
    return _QUALIFIER_WORDS.get(key)


# --- area figures ---------------------------------------------------------------------------

_GAP = r"[\s\u00a0]*"
_RANGE_SEP = r"(?:[\s\u00a0]*[-–—][\s\u00a0]*|[\s\u00a0]+(?:to|and)[\s\u00a0]+)"
_ONE_AREA = (
    rf"(?:(?P<{{p}}qual>{QUALIFIER_PATTERN})[\s\u00a0]+(?:of[\s\u00a0]+)?)?"
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
_AREA_RE = re.compile(
    rf"{_FIRST}(?P<twin>{_GAP}(?:[(\[]{_GAP}|/{_GAP}|,?[\s\u00a0]+or[\s\u00a0]+|[-–—]{_GAP}|"
    rf",[\s\u00a0]*(?:that['’]s|that[\s\u00a0]+is|i\.e\.,?|which[\s\u00a0]+is)[\s\u00a0]+)"
    rf"{_SECOND}(?:{_GAP}[)\]])?)?",
    re.IGNORECASE,
)


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


def _stated(number: str, number_max: str | None, unit_text: str) -> Stated:
    unit = _canonical(unit_text)
    value = parse_number(number)
    value_max = parse_number(number_max) if number_max else None
    if number_max is not None and value_max is not None:
        # "3-4 thousand sq km", "2.5 to 3 million": a scale written once applies to both ends.
        scale_max = re.search(rf"(?:{_SCALE})\s*$", number_max, re.IGNORECASE)
        scale_min = re.search(rf"(?:{_SCALE})\s*$", number, re.IGNORECASE)
        if scale_max and not scale_min:
            value = _round(value * _SCALE_WORDS[scale_max.group(0).strip().lower()])
        elif not scale_min and value_max >= 1000 and value * 1000 <= value_max < value * 10000:
            value = _round(value * 1000)  # "3-4,000 sq km" is 3,000 to 4,000
    return Stated(value=value, unit=unit, km2=_round(to_km2(value, unit)), value_max=value_max)


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
    r"sq|square|km|kilomet|mile|hectare|acre|dun[ua]m|donum|d[oö]n[uü]m|m2|²|mi2|\bha\b",
    re.IGNORECASE,
)


# "estimates range from 3,000 to 4,000 sq km" is a range; "fell from 78,000 to 60,400 sq km"
# is a change between two figures.
_RANGE_WORD_RE = re.compile(r"\b(?:range[sd]?|ranging|varies|varying|vary)\s*$", re.IGNORECASE)


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
        stated = Stated(value=value, unit=unit, km2=_round(to_km2(value, unit)))
        figures.append(AreaMatch(start=start, end=end, quantity=AreaQuantity((stated,)),
                                 number_start=start))
    return figures


# A bare year ("2016") before "to 68,300 sq km" is a date, not the low end of a range.
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_BEFORE_YEAR_RE = re.compile(
    r"\b(?:in|of|since|by|until|during|early|late|mid|end|start|summer|winter|spring|autumn|"
    r"fall|jan\w*|feb\w*|mar\w*|apr\w*|may|june?|july?|aug\w*|sep\w*|oct\w*|nov\w*|"
    r"dec\w*)[\s\u00a0-]+$",
    re.IGNORECASE,
)


def find_areas(text: str) -> Iterator[AreaMatch]:
    """Every area figure in ``text``, in order, with offsets (a twin figure is one match;
    "from 78,000 to 60,400 sq km" is two)."""
    if not _UNIT_HINT_RE.search(text):
        return
    position = 0
    while True:
        match = _AREA_RE.search(text, position)
        if match is None:
            return
        position = match.end()
        if match["a_num2"] and not match["a_between"] and _YEAR_RE.fullmatch(match["a_num"]) \
                and _BEFORE_YEAR_RE.search(text, max(0, match.start() - 12), match.start()):
            # "in the first half of 2016 to 68,300 sq km": a year, not the low end of a range.
            position = match.start("a_num2")
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
    match = _AREA_RE.search(cleaned)
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

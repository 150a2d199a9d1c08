"""Numbers and qualifiers as news writes them: "41,000", "4mn", "(110) thousand", "four
million", "a third", "٤١٬٠٠٠"; "more than", "roughly", "up to".

:data:`NUMBER_PATTERN` and :data:`QUALIFIER_PATTERN` are the regular-expression pieces every
reader of figures shares (area figures in :mod:`contested.claims.quantity`, shares and
comparisons in :mod:`contested.claims.extract`); :func:`parse_number` reads one number.
"""

from __future__ import annotations

import re

from contested.core.exceptions import InputError
from contested.core.lazy import LazyRegex

__all__ = [
    "BROKEN_NUMBER_RE",
    "NUMBER_PATTERN",
    "APPROX_SIGN_PATTERN",
    "NumberRegex",
    "QUALIFIER_PATTERN",
    "SCALE_PATTERN",
    "canonical_qualifier",
    "parse_number",
    "plain_numerals",
    "round_figure",
    "scale_factor",
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
# Combining marks and invisible format characters (soft hyphen, zero-width space, word
# joiner, BOM). One of them inside "41,000" must not leave "1,000" to be read: a number never
# starts or ends next to one, and :data:`BROKEN_NUMBER_RE` finds such numbers for a warning.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad"
    "\u200b-\u200f\u2060-\u2064\ufeff"
)
_D = "0-9\u0660-\u0669\u06f0-\u06f9"  # ASCII, Arabic-Indic and Extended Arabic-Indic digits
_GROUP_SEPARATORS = ",٬\u202f\u00a0"
_DECIMAL_POINTS = ".٫"


def _digit_number(digits: str, group_separators: str, decimal_points: str, marks: str) -> str:
    """The numeral pattern over these characters: "41,000", "41000", "41.5", "(110)", "٤١٠٠٠".
    A number never starts or ends next to one of ``marks`` (no test for them when empty)."""
    after = rf"(?<![\w.,{marks}])"
    ends = rf"(?![{digits}{marks}])"
    ends_bare = rf"(?![{marks}])" if marks else ""
    fraction = rf"(?:[{decimal_points}][{digits}]+)?"
    return (
        rf"(?:\(\s*[{digits}]+(?:[{group_separators}][{digits}]{{3}})*{fraction}\s*\)"
        rf"|{after}[{digits}]{{1,3}}(?:[{group_separators}][{digits}]{{3}})+{fraction}{ends}"
        # "41 000": a plain space between groups of three, as many European outlets write it
        rf"|{after}[{digits}]{{1,3}}(?:[ ][{digits}]{{3}})+{fraction}{ends}"
        rf"|{after}[{digits}]+{fraction}{ends_bare})"
    )


# A numeral, with an optional scale ("4mn", "2.3 million", "(110) thousand"). "m" counts as
# million only when it cannot be metres.
_DIGIT_NUMBER = _digit_number(_D, _GROUP_SEPARATORS, _DECIMAL_POINTS, _MARKS)
# The same over ASCII digits and separators, without marks: what the numeral pattern reads in
# a text that holds none of the other characters (see NumberRegex). NUMBER_PATTERN built on it
# compiles in a third of the time: each class of non-Latin-1 characters costs sre's compiler a
# 64k-entry table.
_PLAIN_DIGIT_NUMBER = _digit_number("0-9", ",\u00a0", ".", "")
# Compiled on first use: only a text with a mark can hold such a number (see plain_numerals).
BROKEN_NUMBER_RE = LazyRegex(rf"[{_D}][,.]?[{_MARKS}]+[,.]?[{_D}]|[{_D}][{_MARKS}]+")
_SCALE = (
    r"(?:[\s\u00a0]*(?:thousand|million|billion|trillion)\b"
    r"|[\s\u00a0]?(?:mn|mln|bn|tn)\b|k\b|m(?![\w²³]))"
)
NUMBER_PATTERN = rf"(?:{_DIGIT_NUMBER}(?:{_SCALE})?|\b{_WORD_NUMBER}\b)"
SCALE_PATTERN = _SCALE

# Every character the numeral pattern reads and its plain form does not, and the Greek iotas
# that U+0345 (a combining mark) matches in a pattern that ignores case.
_NOT_PLAIN_RE = re.compile(
    f"[\u0660-\u0669\u06f0-\u06f9٬٫\u202f{_MARKS}\u0399\u03b9\u1fbe]"
)


def plain_numerals(text: str) -> bool:
    """Whether ``text`` holds none of the characters that only the full numeral reads
    (Arabic-Indic digits and separators, the narrow no-break space, combining marks)."""
    return text.isascii() or _NOT_PLAIN_RE.search(text) is None


class NumberRegex:
    """A regular expression built around :data:`NUMBER_PATTERN` (or the numeral alone),
    compiled on first use, in one of two forms.

    A text that holds no Arabic-Indic digit or separator, narrow no-break space or combining
    mark is searched with the numeral's plain form (ASCII digits, no tests for marks), which
    reads such a text exactly as the full form does; any other text with the full form. Most
    texts need only the plain form, which compiles in half the time (a pattern holding the
    number four times took 17 ms).
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        if _DIGIT_NUMBER not in pattern:
            raise ValueError("a NumberRegex holds NUMBER_PATTERN")
        self.pattern = pattern
        self.flags = flags
        self._compiled: dict[bool, re.Pattern[str]] = {}

    def for_text(self, text: str) -> re.Pattern[str]:
        """The compiled pattern that reads ``text`` (and any part of it)."""
        plain = plain_numerals(text)
        compiled = self._compiled.get(plain)
        if compiled is None:
            source = self.pattern.replace(_DIGIT_NUMBER, _PLAIN_DIGIT_NUMBER) if plain \
                else self.pattern
            compiled = self._compiled[plain] = re.compile(source, self.flags)
        return compiled


def scale_factor(word: str) -> float:
    """The factor of a scale word as written after a numeral ("mn" → 1e6, " thousand" → 1e3)."""
    return _SCALE_WORDS[word.strip().lower()]

_LEADING_NUMERAL = NumberRegex(rf"^\(?\s*({_DIGIT_NUMBER})\s*\)?\s*({_SCALE})?",
                               re.IGNORECASE)
_VAGUE_RE = re.compile(
    r"^\s*(?:tens|hundreds|thousands|millions|billions|dozens|several|many|some|few)\b",
    re.IGNORECASE,
)


def round_figure(value: float) -> float:
    """``value`` to 12 significant digits: 4.2 * 1000 is 4200.000000000001 in binary, and news
    figures have fewer digits than that."""
    return float(f"{value:.12g}")


_round = round_figure


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
    digits = _LEADING_NUMERAL.for_text(cleaned).match(cleaned)
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
# "~695 square miles", "≈ 30%": a sign for "about", written against the number or not.
APPROX_SIGN_PATTERN = r"[~≈∼]"
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
    if re.fullmatch(APPROX_SIGN_PATTERN, key):
        return "about"
    return _QUALIFIER_WORDS.get(key)


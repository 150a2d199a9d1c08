"""Size comparisons: "the size of New Jersey", "12 times the size of the U.S. capital (177 sq.
km.)", "larger than Britain", "roughly equivalent to Belgium or Maryland".

Reference names are normalised to the names official areas know ("the U.S. capital" →
"Washington DC"). A share of a named place ("1% of Egypt's territory") is read by
:mod:`contested.claims.extract.shares`; the claim assembly makes it a comparison when the
share comes with a figure of its own.

Each comparison is read from its cue ("size of", "area of", "than", "as big as", "equivalent
to") outwards: the reference after the cue, the factor and qualifier in the few words before
it. Nothing is searched for at every position of a sentence, so the work is linear in the
number of cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.claims.extract.appositive import NAME_PATTERN
from contested.claims.extract.demonyms import DEMONYMS
from contested.claims.model import Comparison
from contested.claims.numbers import (
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    NumberRegex,
    canonical_qualifier,
    parse_number,
)
from contested.claims.quantity import parse_area
from contested.core.exceptions import InputError
from contested.core.lazy import LazyRegex

__all__ = ["ComparisonMatch", "find_comparisons", "normalise_reference"]

# Reference names as written → the name official areas know.
_REFERENCE_ALIASES: dict[str, str] = {
    "the u.s. capital": "Washington DC", "the us capital": "Washington DC",
    "u.s. capital": "Washington DC", "us capital": "Washington DC",
    "the american capital": "Washington DC", "washington, dc": "Washington DC",
    "washington, d.c.": "Washington DC", "washington dc": "Washington DC",
    "washington d.c.": "Washington DC", "washington": "Washington DC", "d.c.": "Washington DC",
    "dc": "Washington DC", "the district of columbia": "Washington DC",
    "district of columbia": "Washington DC", "britain": "United Kingdom",
    "great britain": "United Kingdom", "the uk": "United Kingdom", "uk": "United Kingdom",
    "the u.k.": "United Kingdom", "the united kingdom": "United Kingdom",
    "england": "England", "the us": "United States", "the u.s.": "United States",
    "america": "United States", "the united states": "United States",
    "the netherlands": "Netherlands", "holland": "Netherlands", "the state of israel": "Israel",
    "rhode island": "Rhode Island", "the west bank": "West Bank", "the gaza strip": "Gaza Strip",
    "gaza": "Gaza Strip", "manhattan": "Manhattan", "new york city": "New York City",
    "wales": "Wales", "scotland": "Scotland", "london": "Greater London",
    "greater london": "Greater London",
}
_REFERENCE_PREFIX_RE = LazyRegex(
    r"^(?:(?:a|an)\s+(?:country|state|nation)\s+(?:such\s+as|like)\s+|countries\s+(?:such\s+as|"
    r"like)\s+|(?:the\s+)?(?:u\.?s\.?|us|american)\s+states?\s+of\s+|the\s+state\s+of\s+|"
    r"the\s+country\s+of\s+|the\s+city\s+of\s+|the\s+island\s+of\s+|the\s+kingdom\s+of\s+|"
    r"the\s+republic\s+of\s+)",
    re.IGNORECASE,
)
_REFERENCE_ITEM = (
    rf"(?:(?:the\s+)?(?:U\.?S\.?|US|American)\s+capital|(?:(?:a|an)\s+(?:country|state|nation)\s+"
    rf"(?:such\s+as|like)\s+|(?:the\s+)?(?:U\.?S\.?|US|American)\s+state\s+of\s+|the\s+"
    rf"(?:state|country|city|island|kingdom|republic)\s+of\s+)?{NAME_PATTERN})"
)
_REFERENCE_LIST = rf"{_REFERENCE_ITEM}(?:(?:,\s+|\s+)(?:or|and)\s+{_REFERENCE_ITEM})*"
_FACTOR_WORDS = {"twice": 2.0, "double": 2.0, "thrice": 3.0, "half": 0.5, "triple": 3.0,
                 "three": 3.0}

# After "size of" / "area of": the reference, and a stated area of it in brackets.
_SIZE_TAIL_RE = NumberRegex(
    rf"\s+(?P<ref>{_REFERENCE_LIST})"
    rf"(?P<stated>\s*\(\s*(?P<ref_num>{NUMBER_PATTERN})\s*(?P<ref_unit>sq\.?\s*(?:km|mi(?:les?)?)"
    rf"\.?|square\s+(?:kilomet(?:er|re)s?|miles?)|km2|km²)\s*\))?",
    re.IGNORECASE,
)
# Before "the size of": "[roughly] [12 times] [about] [the]". Matched against the last few
# words before the cue.
_SIZE_HEAD_RE = NumberRegex(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?"
    rf"(?:(?P<factor>{NUMBER_PATTERN}|twice|double|thrice|triple|half)\s+(?:times\s+)?)?"
    rf"(?:(?P<qual2>{QUALIFIER_PATTERN})\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_SIZE_CUE_RE = re.compile(r"\b(?:size|area)\s+of\b", re.IGNORECASE)
_THAN_CUE_RE = LazyRegex(
    r"\b(?:(?P<cmp>bigger|larger|smaller)\s+than|(?P<as>as\s+(?:big|large)\s+as|(?:equivalent|"
    r"equal|comparable|similar)\s+(?:in\s+(?:size|area)\s+)?to))\b",
    re.IGNORECASE,
)
_THAN_HEAD_RE = NumberRegex(
    rf"(?:(?P<factor>{NUMBER_PATTERN}|twice|three)\s+times\s+)?(?:(?P<qual2>{QUALIFIER_PATTERN})"
    rf"\s+)?",
    re.IGNORECASE,
)
_REFERENCE_AFTER_RE = LazyRegex(rf"\s+(?P<ref>{_REFERENCE_LIST})", re.IGNORECASE)
_THAN_HINTS = ("than", "as big", "as large", "equivalent", "equal", "comparable", "similar")
_HEAD_WORDS = 6  # a factor and qualifiers take at most this many words before a cue
_STOP_REFERENCE = frozenset({"the", "its", "their", "his", "her", "it", "they", "this", "that"})


@dataclass(frozen=True, slots=True)
class ComparisonMatch:
    start: int
    end: int
    comparison: Comparison
    stated_start: int | None = None  # span of a "(177 sq. km.)" given for the reference
    stated_end: int | None = None
    needs_country: bool = False  # "half of the country": the reference is the scope's country


def normalise_reference(name: str) -> str:
    """"the U.S. capital" / "Washington, DC" → "Washington DC"; "the US state of Maryland" →
    "Maryland"; other names title-trimmed as written."""
    cleaned = re.sub(r"\s+", " ", name).strip(" ,.;:")
    key = cleaned.lower()
    if key in _REFERENCE_ALIASES:
        return _REFERENCE_ALIASES[key]
    stripped = _REFERENCE_PREFIX_RE.sub("", cleaned).strip(" ,.;:")
    key = stripped.lower()
    if key in _REFERENCE_ALIASES:
        return _REFERENCE_ALIASES[key]
    if key.startswith("the "):
        stripped = stripped[4:]
    return stripped


def split_references(text: str) -> tuple[str, ...]:
    """"Belgium or the U.S. state of Maryland" → ("Belgium", "Maryland")."""
    text = re.sub(r"\s+", " ", text).strip(" ,")
    # "Washington, DC" keeps its comma: protect it before splitting on ", or"/" and".
    text = re.sub(r",\s*(D\.?C\.?)\b", r" \1", text)
    parts = re.split(r",?\s+(?:or|and)\s+|,\s+", text)
    names = []
    for part in parts:
        name = normalise_reference(part)
        if name and name.lower() not in _STOP_REFERENCE and name[0].isupper() and (
                name.split()[0].lower() not in DEMONYMS):  # "the area of Syrian territory"
            names.append(name)
    return tuple(dict.fromkeys(names))


def _factor(text: str | None) -> float | None:
    if not text:
        return None
    key = text.strip().lower()
    if key in _FACTOR_WORDS:
        return _FACTOR_WORDS[key]
    try:
        return parse_number(text)
    except InputError:
        return None  # a factor we cannot read is no factor


def _head(sentence: str, floor: int, cue_start: int, pattern: re.Pattern[str]) -> re.Match[str]:
    """The longest run of the last few words before a cue that ``pattern`` reads whole (the
    pattern matches the empty string, so there is always one)."""
    window_start = max(floor, cue_start - 80)
    words = list(re.finditer(r"\S+", sentence[window_start:cue_start]))[-_HEAD_WORDS:]
    for word in words:
        match = pattern.fullmatch(sentence, window_start + word.start(), cue_start)
        if match is not None and match.group(0):
            return match
    return pattern.match(sentence, cue_start, cue_start)  # type: ignore[return-value]


def _stated_reference_km2(match: re.Match[str]) -> float | None:
    if not match["stated"]:
        return None
    try:
        return parse_area(f"{match['ref_num']} {match['ref_unit']}").km2
    except InputError:
        return None  # an unreadable stated size is left out (UnitError is an InputError)


def _size_comparisons(sentence: str) -> list[ComparisonMatch]:
    found: list[ComparisonMatch] = []
    floor = 0
    for cue in _SIZE_CUE_RE.finditer(sentence):
        tail = _SIZE_TAIL_RE.for_text(sentence).match(sentence, cue.end())
        if tail is None:
            continue
        references = split_references(tail["ref"])
        if not references:
            continue
        head = _head(sentence, floor, cue.start(), _SIZE_HEAD_RE.for_text(sentence))
        comparison = Comparison(
            reference=references,
            factor=_factor(head["factor"]),
            qualifier=canonical_qualifier(head["qual"]) or canonical_qualifier(head["qual2"]),
            stated_reference_km2=_stated_reference_km2(tail),
        )
        start = head.start() if head.group(0) else cue.start()
        found.append(ComparisonMatch(
            start=start, end=tail.end() if tail["stated"] else tail.end("ref"),
            comparison=comparison,
            stated_start=tail.start("stated") if tail["stated"] else None,
            stated_end=tail.end("stated") if tail["stated"] else None,
        ))
        floor = tail.end()
    return found


def _than_comparisons(sentence: str) -> list[ComparisonMatch]:
    found: list[ComparisonMatch] = []
    floor = 0
    for cue in _THAN_CUE_RE.finditer(sentence):
        reference = _REFERENCE_AFTER_RE.match(sentence, cue.end())
        if reference is None:
            continue
        references = split_references(reference["ref"])
        if not references:
            continue
        head = _head(sentence, floor, cue.start(), _THAN_HEAD_RE.for_text(sentence))
        if cue["cmp"]:
            smaller = cue["cmp"].lower() == "smaller"
            qualifier = "less than" if smaller else "more than"
        else:
            qualifier = canonical_qualifier(head["qual2"])
        comparison = Comparison(reference=references, factor=_factor(head["factor"]) or 1.0,
                                qualifier=qualifier)
        start = head.start() if head.group(0) else cue.start()
        found.append(ComparisonMatch(start=start, end=reference.end(), comparison=comparison))
        floor = reference.end()
    return found


def has_comparison_hint(text: str) -> bool:
    """Whether ``text`` may hold a comparison at all (a cheap test)."""
    lowered = text.lower()
    return "size of" in lowered or "area of" in lowered or any(
        word in lowered for word in _THAN_HINTS)


def find_comparisons(sentence: str) -> list[ComparisonMatch]:
    """Size comparisons in one sentence, with offsets into it, in order, not overlapping."""
    lowered = sentence.lower()
    found: list[ComparisonMatch] = []
    if "size of" in lowered or "area of" in lowered:
        found.extend(_size_comparisons(sentence))
    if any(word in lowered for word in _THAN_HINTS):
        found.extend(_than_comparisons(sentence))
    found.sort(key=lambda c: c.start)
    return _drop_overlaps(found)


def _drop_overlaps(found: list[ComparisonMatch]) -> list[ComparisonMatch]:
    kept: list[ComparisonMatch] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            if item.end - item.start > kept[-1].end - kept[-1].start:
                kept[-1] = item
            continue
        kept.append(item)
    return kept

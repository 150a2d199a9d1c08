"""What a figure is about: kind, comparison, percent, population — from the words around it.

Kinds (contested.claims.model.KINDS) and the cues that signal them:

* ``liberated`` — liberated/cleared/retaken/retook/freed/taken back/recaptured/regained/
  wrested back, "no longer under ISIS control", and taken/seized/captured when the taker is
  not the group ("Iraqi forces seized 2,000 sq km from the militants").
* ``lost`` — the group is the subject of a loss: "ISIS has lost", "lost by ISIS", "ceded".
  Kept apart from ``liberated`` because the sentence counts the group's loss, not one
  force's gains (checks treat both as ground no longer held).
* ``held`` — holds/still holds/controls/occupies/covers/"under ISIS control", a past tense
  (controlled/held) tied to a date ("at the start of 2017"), and ground the group *seized*
  (took/captured/overran/conquered): KINDS has no "gained", and what it seized it held then;
  the seizure's date ("in June 2014") dates the claim, so the timeline check reads it as the
  area held at that date.
* ``peak_held`` — originally held, at its height/peak ("at the height of its power"), once
  held/controlled/spanned, at most, a past tense with nothing dating it ("those gangs
  controlled … up to 110 thousand sq km"), and "the self-declared caliphate covered".
* ``remaining`` — remaining, left, reduced to, shrunk to, down to.

The cue nearest to the figure wins; cues after the figure in the same clause count too. Two
overrides: a height/peak cue anywhere in the clause turns held/under-rule into ``peak_held``
("was under IS rule at its height"), and now/still/currently turns a past or caliphate cue
into ``held`` ("the self-declared caliphate now covers 5,000 sq km").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.claims.model import Comparison
from contested.claims.quantity import (
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    canonical_qualifier,
    parse_number,
)

__all__ = [
    "ComparisonMatch",
    "DEMONYMS",
    "find_comparisons",
    "find_kind",
    "find_percents",
    "find_populations",
    "normalise_reference",
]

_GROUP = (
    r"(?:isis|isil|is|daesh|da'esh|the\s+islamic\s+state|islamic\s+state|the\s+group|the\s+"
    r"militants?|militants|the\s+jihadists?|jihadists|the\s+extremists?|extremists|the\s+"
    r"terrorists?|terrorists|those\s+gangs|the\s+gangs|gangs|the\s+caliphate|its\s+fighters|it|they)"
    # "the Islamic State group", "ISIS militants", "the IS organisation"
    r"(?:\s+(?:group|militants|fighters|jihadists|organi[sz]ation|extremists))?"
)
_NOT_ADVERBS = (
    r"(?:\s+(?:still|only|now|already|once|originally|previously|reportedly|since|also|"
    r"effectively|largely|so\s+far))*"
)

# (kind, pattern). Longer, more specific cues come first: finditer never overlaps matches.
_KIND_CUES: tuple[tuple[str, str], ...] = (
    ("liberated", r"no\s+longer\s+(?:under|in)\s+(?:the\s+)?(?:control\s+of\s+)?\w+(?:'s|’s)?"
                  r"(?:\s+\w+)?\s+(?:control|hands)"),
    ("liberated", r"no\s+longer\s+(?:held|controlled|occupied)\s+by"),
    ("peak_held", r"(?:at\s+(?:its|their|the)\s+(?:height|peak|zenith|greatest\s+extent|"
                  r"maximum\s+extent|largest)(?:\s+of\s+\w+(?:\s+\w+)?)?)"),
    ("peak_held", r"(?:originally|once|formerly|previously|initially|at\s+one\s+point|at\s+one\s+"
                  r"time)\s+(?:held|controlled|occupied|ruled|spanned|seized|covered|"
                  r"captured|had|governed|stretched)"),
    ("peak_held", r"(?:held|controlled|occupied|ruled|spanned|seized)\s+(?:at\s+)?(?:most|its\s+"
                  r"peak|the\s+peak|the\s+most)"),
    # "since its peak" dates a change, it does not make the figure the peak
    ("peak_held", r"(?<!since its )(?<!since the )(?<!from its )(?<!from the )\bpeak\b"),
    ("peak_weak", r"self-declared\s+caliphate|once-sprawling|once\s+sprawling"),
    ("lost", rf"\b{_GROUP}{_NOT_ADVERBS}(?:\s+(?:has|had|have))?{_NOT_ADVERBS}\s+(?:lost|"
             r"ceded|forfeited|"
             r"shed|surrendered|been\s+driven\s+from|been\s+pushed\s+(?:out\s+)?(?:of|from)|"
             r"been\s+expelled\s+from)"),
    ("lost", r"(?:lost|ceded)\s+by\s+(?:isis|isil|is|daesh|the\s+group|the\s+militants)"),
    ("lost", r"\b(?:losses|loss)\s+of\b"),
    ("held", rf"\b{_GROUP}{_NOT_ADVERBS}\s+(?:has\s+|have\s+|had\s+)?(?:taken|took|seized|"
             r"captured|overran|overrun|grabbed|gained|conquered|swept\s+(?:over|across))"),
    ("liberated", r"\b(?:liberat\w*|clear(?:ed|ing|s)?|back-cleared|re-?tak(?:en|ing|e|es)|"
                  r"retook|re-?captur\w*|free(?:d|ing|s)?|taken\s+back|took\s+back|won\s+back|"
                  r"regain\w*|reclaim\w*|seized\s+back|wrest\w*|rolled\s+back|pushed\s+"
                  r"(?:isis|is|daesh|the\s+group|the\s+militants)\s+(?:out\s+)?(?:of|from)|"
                  r"(?:driv(?:en|e|ing)|drove|forc(?:ed|ing))\s+(?:isis|is|daesh|the\s+group|"
                  r"the\s+militants|the\s+jihadists|militants|jihadists)\s+"
                  r"(?:out\s+)?(?:of|from)|expell\w*|taken|took|seized|captured|captur\w+|"
                  r"gain(?:ed|s)?|liberation|secur(?:ed|ing))\b"),
    ("remaining", r"\b(?:remain(?:ing|s|ed)?|left|leaving|reduced\s+to|shrunk\s+to|shrank\s+to|"
                  r"shrinking\s+to|(?:fell|fallen|falling|dropped|dropping|declined|"
                  r"contracted|cut)\s+to|down\s+to|dwindl\w*\s+to|whittled\s+down\s+to|"
                  r"last\s+(?:remaining\s+)?(?:stronghold|enclave|sliver|patch))\b"),
    ("held", r"\b(?:still\s+(?:has|have)|(?:still\s+)?(?:holds?|holding|control(?:s|ling)?|"
             r"occup(?:ies|y|ying)|rules?|ruling|governs?|governing|possess(?:es)?|covers|"
             r"spans))\b"),
    ("held", r"\b(?:under|in)\s+(?:isis|isil|is|daesh|the\s+group's|militant|jihadist|"
             r"the\s+militants'|its|their)\s+(?:control|hands|rule)\b"),
    ("held_past", r"\b(?:held|controlled|occupied|ruled|spanned|covered|stretched\s+over|had)\b"),
)
_KIND_RE = re.compile(
    "|".join(f"(?P<k{index}>{pattern})" for index, (_, pattern) in enumerate(_KIND_CUES)),
    re.IGNORECASE,
)
_DATED_RE = re.compile(
    r"\b(?:at|by|as\s+of)\s+the\s+(?:start|beginning|end|close)\s+of\s+(?:(?:19|20)\d\d|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b|the\s+(?:month|year|quarter)\b|last\s+(?:month|year)\b)|\bin\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+(?:19|20)\d\d|\bas\s+of\b|\b(?:in|by)\s+(?:(?:early|late|mid)[-\s]?)?"
    r"(?:19|20)\d\d|\bof\s+(?:19|20)\d\d",
    re.IGNORECASE,
)
_PEAK_QUALIFIERS = ("up to", "at most")
# The cue "<group> seized/captured …": held, unless the ground was taken *from* the group.
_SEIZED_INDEX = next(i for i, (kind, pattern) in enumerate(_KIND_CUES)
                     if kind == "held" and "overran" in pattern)
_FROM_GROUP_RE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:isis|isil|is|daesh|islamic\s+state|(?:the\s+)?(?:group|"
    r"militants?|jihadists?|extremists?|terrorists?|insurgents?))\b",
    re.IGNORECASE,
)
_NOW_RE = re.compile(r"\b(?:now|still|currently|today|remaining)\b", re.IGNORECASE)


def find_kind(
    segment: str, anchor_start: int, anchor_end: int, qualifier: str | None = None
) -> str | None:
    """The kind of the figure at ``segment[anchor_start:anchor_end]``, or None."""
    best: tuple[int, int, str] | None = None
    peak_seen = False
    for match in _KIND_RE.finditer(segment):
        index = int(match.lastgroup[1:])  # type: ignore[index]
        kind = _KIND_CUES[index][0]
        peak_seen = peak_seen or kind == "peak_held"
        if match.end() <= anchor_start:
            distance = anchor_start - match.end()
        elif match.start() >= anchor_end:
            distance = match.start() - anchor_end + 15  # cues before the figure read first
        else:
            continue
        # Nearest cue wins; a tie prefers the more specific cue (earlier in the table).
        candidate = (distance, index, kind)
        if best is None or candidate < best:
            best = candidate
    if best is None:
        return None
    kind = best[2]
    if kind == "held" and best[1] == _SEIZED_INDEX and _FROM_GROUP_RE.search(segment):
        # "the SDF said they had captured 1,500 sq km from IS": another force took it.
        return "liberated"
    if kind in ("held", "held_past", "peak_weak") and _NOW_RE.search(segment):
        return "held"  # "the self-declared caliphate now covers …", "still holds"
    if kind in ("held", "held_past") and peak_seen:
        return "peak_held"  # "was under IS rule at its height": the height dates the figure
    if kind == "peak_weak":
        return "peak_held"
    if kind == "held_past":
        if qualifier in _PEAK_QUALIFIERS or not _DATED_RE.search(segment):
            return "peak_held"
        return "held"
    if kind == "held" and qualifier in _PEAK_QUALIFIERS and re.search(
        r"\b(?:held|controlled|occupied)\b", segment, re.IGNORECASE
    ):
        return "peak_held"
    return kind


# --- comparisons ----------------------------------------------------------------------------

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
_REFERENCE_PREFIX_RE = re.compile(
    r"^(?:(?:a|an)\s+(?:country|state|nation)\s+(?:such\s+as|like)\s+|countries\s+(?:such\s+as|"
    r"like)\s+|(?:the\s+)?(?:u\.?s\.?|us|american)\s+states?\s+of\s+|the\s+state\s+of\s+|"
    r"the\s+country\s+of\s+|the\s+city\s+of\s+|the\s+island\s+of\s+|the\s+kingdom\s+of\s+)",
    re.IGNORECASE,
)
_NAME = (
    r"(?:the\s+)?(?:U\.\s?S\.|U\.K\.|(?-i:[A-Z])[\w.-]*)(?:\s+(?:of\s+)?(?:(?-i:[A-Z])[\w.-]*|"
    r"D\.?C\.?))*(?:,\s+D\.?C\.?)?"
)
_REFERENCE_ITEM = (
    rf"(?:(?:the\s+)?(?:U\.?S\.?|US|American)\s+capital|(?:(?:a|an)\s+(?:country|state|nation)\s+"
    rf"(?:such\s+as|like)\s+|(?:the\s+)?(?:U\.?S\.?|US|American)\s+state\s+of\s+|the\s+"
    rf"(?:state|country|city|island|kingdom)\s+of\s+)?{_NAME})"
)
_REFERENCE_LIST = rf"{_REFERENCE_ITEM}(?:(?:,\s+|\s+)(?:or|and)\s+{_REFERENCE_ITEM})*"
_FACTOR_WORDS = {"twice": 2.0, "double": 2.0, "thrice": 3.0, "half": 0.5, "triple": 3.0}
_SIZE_RE = re.compile(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?"
    rf"(?:(?P<factor>{NUMBER_PATTERN}|twice|double|thrice|triple|half)\s+(?:times\s+)?)?"
    rf"(?:(?P<qual2>{QUALIFIER_PATTERN})\s+)?"
    rf"(?:the\s+)?(?:size|area)\s+of\s+(?P<ref>{_REFERENCE_LIST})"
    rf"(?P<stated>\s*\(\s*(?P<ref_num>{NUMBER_PATTERN})\s*(?P<ref_unit>sq\.?\s*(?:km|mi(?:les?)?)"
    rf"\.?|square\s+(?:kilomet(?:er|re)s?|miles?)|km2|km²)\s*\))?",
    re.IGNORECASE,
)
_BIGGER_RE = re.compile(
    rf"(?:(?P<factor>{NUMBER_PATTERN}|twice|three)\s+times\s+)?(?P<cmp>bigger|larger|smaller)\s+"
    rf"than\s+(?P<ref>{_REFERENCE_LIST})"
    rf"|(?:(?P<qual2>{QUALIFIER_PATTERN})\s+)?(?:as\s+(?:big|large)\s+as|(?:equivalent|equal|"
    rf"comparable|similar)\s+(?:in\s+(?:size|area)\s+)?to)\s+(?P<ref2>{_REFERENCE_LIST})",
    re.IGNORECASE,
)
_FRACTION_RE = re.compile(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?(?P<frac>(?:{NUMBER_PATTERN})\s*(?:%|percent|per\s+"
    rf"cent)|half|a\s+third|a\s+quarter|two[-\s]thirds|three[-\s]quarters|one[-\s](?:third|"
    rf"quarter|half|fifth|tenth))\s+of\s+(?:(?P<country>the\s+country|the\s+nation|the\s+"
    rf"territory\s+of\s+(?P<ref_of>{_NAME}))|(?P<ref>{_NAME})(?:['’]s?\s+(?:territory|land|"
    rf"land\s?mass|area|total\s+area|surface))?)",
    re.IGNORECASE,
)
_FRACTION_HINT_RE = re.compile(r"%|percent|per cent|\b(?:half|thirds?|quarters?|fifths?|tenths?)\b")
_THAN_HINT_RE = re.compile(
    r"(?:bigger|larger|smaller)\s+than|as\s+(?:big|large)\s+as|(?:equivalent|equal|comparable|"
    r"similar)\s+(?:in\s+(?:size|area)\s+)?to"
)
_SIZE_HINT_RE = re.compile(r"\b(?:size|area)\s+of\b")
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


def _split_references(text: str) -> tuple[str, ...]:
    text = re.sub(r"\s+", " ", text).strip(" ,")
    # "Washington, DC" keeps its comma: protect it before splitting on ", or"/" and".
    text = re.sub(r",\s*(D\.?C\.?)\b", r" \1", text)
    parts = re.split(r",?\s+(?:or|and)\s+|,\s+", text)
    names = []
    for part in parts:
        name = normalise_reference(part)
        if name and name.lower() not in _STOP_REFERENCE and name[0].isupper():
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
    except Exception:  # noqa: BLE001 - a factor we cannot read is no factor
        return None


def find_comparisons(sentence: str) -> list[ComparisonMatch]:
    """Size comparisons in one sentence, with offsets into it."""
    found: list[ComparisonMatch] = []
    lowered = sentence.lower()
    has_size = "size of" in lowered or "area of" in lowered
    has_than = bool(_THAN_HINT_RE.search(lowered))
    has_fraction = bool(_FRACTION_HINT_RE.search(lowered))
    if not (has_size or has_than or has_fraction):
        return found
    size_matches = []
    if has_size:
        window_end = -1
        for hint in _SIZE_HINT_RE.finditer(lowered):
            # The comparison starts at most a few words before "size of": search near it only.
            start = max(hint.start() - 70, window_end, 0)
            match = _SIZE_RE.search(sentence, start, min(len(sentence), hint.end() + 250))
            if match is not None and match.start() <= hint.start():
                size_matches.append(match)
                window_end = match.end()
    for match in size_matches:
        references = _split_references(match["ref"] or "")
        if not references:
            continue
        qualifier = canonical_qualifier(match["qual"]) or canonical_qualifier(match["qual2"])
        stated_km2 = None
        if match["stated"]:
            from contested.claims.quantity import parse_area

            try:
                stated_km2 = parse_area(f"{match['ref_num']} {match['ref_unit']}").km2
            except Exception:  # noqa: BLE001 - an unreadable stated size is left out
                stated_km2 = None
        comparison = Comparison(
            reference=references,
            factor=_factor(match["factor"]),
            qualifier=qualifier,
            stated_reference_km2=stated_km2,
        )
        found.append(
            ComparisonMatch(
                start=match.start(),
                end=match.end("ref") if not match["stated"] else match.end(),
                comparison=comparison,
                stated_start=match.start("stated") if match["stated"] else None,
                stated_end=match.end("stated") if match["stated"] else None,
            )
        )
    for match in _BIGGER_RE.finditer(sentence) if has_than else ():
        references = _split_references(match["ref"] or match["ref2"] or "")
        if not references:
            continue
        smaller = (match["cmp"] or "").lower() == "smaller"
        found.append(
            ComparisonMatch(
                start=match.start(),
                end=match.end(),
                comparison=Comparison(
                    reference=references,
                    factor=_factor(match["factor"]) or 1.0,
                    qualifier=("less than" if smaller else "more than") if match["cmp"]
                    else canonical_qualifier(match["qual2"]),
                ),
            )
        )
    for match in _FRACTION_RE.finditer(sentence) if has_fraction else ():
        fraction = _fraction(match["frac"])
        if fraction is None:
            continue
        unit_word = _UNIT_WORD_RE.match(sentence, match.end())
        if match["ref"] and place_area_after(sentence, unit_word.end()) is not None:
            continue  # "90% of Mosul, a city of 180 sq km": a share of a stated total
        qualifier = canonical_qualifier(match["qual"])
        if match["country"] and not match["ref_of"]:
            found.append(
                ComparisonMatch(
                    start=match.start(), end=match.end(),
                    comparison=Comparison(reference=(), factor=fraction, qualifier=qualifier),
                    needs_country=True,
                )
            )
            continue
        references = _split_references(match["ref_of"] or match["ref"] or "")
        if not references:
            continue
        found.append(
            ComparisonMatch(
                start=match.start(), end=match.end(),
                comparison=Comparison(reference=references, factor=fraction, qualifier=qualifier),
            )
        )
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


def _fraction(text: str) -> float | None:
    key = re.sub(r"[\s-]+", " ", text.strip().lower())
    if re.search(r"%|percent|per cent", key):
        try:
            return parse_number(re.sub(r"\s*(?:%|percent|per cent)", "", key)) / 100
        except Exception:  # noqa: BLE001
            return None
    try:
        return parse_number(key)
    except Exception:  # noqa: BLE001
        return None


# --- percent of territory, populations --------------------------------------------------------

_PERCENT_RE = re.compile(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+(?:of\s+)?)?"
    rf"(?P<num>{NUMBER_PATTERN})\s*(?:%|percent|per\s+cent|pc\b)",
    re.IGNORECASE,
)
# After "90% of Mosul": an appositive that gives the place's own area ("a city of 180 sq km",
# "which covers about 50 sq km", "an area of 19,600 sq km"). The figure describes the place,
# so it is the total the share refers to, not a claim.
_PLACE_AFTER_RE = re.compile(
    rf"\s+of\s+(?:the\s+city\s+of\s+)?(?P<place>{_NAME})(?:\s+(?:province|governorate|city|"
    rf"district|region|town))?(?:['’]s?\s+(?:territory|land|area))?", re.IGNORECASE
)
_APPOSITIVE_AREA_RE = re.compile(
    r"\s*,?\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|province|governorate|"
    r"region|district|area|territory|enclave|pocket|valley|country|state|zone)\s+(?:of|covering|"
    r"spanning|measuring)|which\s+(?:covers|spans|measures|has\s+an\s+area\s+of|stretches\s+"
    r"over|is)|(?:covering|spanning|measuring|with\s+an\s+area\s+of))\s+",
    re.IGNORECASE,
)


_UNIT_WORD_RE = re.compile(r"(?:\s+(?:province|governorate|city|district|region|town)\b)?",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PlaceArea:
    """A stated area of a place, in an appositive: offsets of the figure, and its km²."""

    start: int
    end: int
    km2: float


def place_area_after(sentence: str, position: int) -> PlaceArea | None:
    """The area an appositive right at ``position`` gives ("…, a city of 180 sq km"), or None."""
    appositive = _APPOSITIVE_AREA_RE.match(sentence, position)
    if appositive is None:
        return None
    from contested.claims.quantity import find_areas

    window = sentence[appositive.end():appositive.end() + 80]
    for area in find_areas(window):
        if area.start == 0:
            return PlaceArea(appositive.end(), appositive.end() + area.end, area.quantity.km2)
        break
    return None
_TERRITORY_AFTER_RE = re.compile(
    r"^[\s\"“”’',]*(?:of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:\w+\s+){0,2}?"
    r"(?:territory|territories|land|lands|ground|area|areas|terrain|caliphate|"
    r"territorial\s+control))\b",
    re.IGNORECASE,
)


# "the territory shrank by 14 per cent": a change of the territory, in percent of it.
_CHANGE_BY_RE = re.compile(
    r"\b(?:territory|territories|land|lands|area|caliphate|holdings|control)\b[^,;.\d]{0,40}?"
    r"\b(?:shr[iau]nk|fell|fallen|dropped|declined|contracted|decreased|reduced|cut|grew|grown|"
    r"expanded|increased|rose|risen)\s+(?:by\s+)?(?:(?:about|some|nearly|almost|roughly|"
    r"around|more\s+than|over)\s+)?$",
    re.IGNORECASE,
)
_PERCENT_HINT_RE = re.compile(r"%|percent|per\s+cent|\dpc\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PercentMatch:
    start: int
    end: int
    percent: float
    of_territory: bool  # "98% of the territory", not "80 percent of the population"
    qualifier: str | None = None  # "roughly 60 percent" → "about"
    total: PlaceArea | None = None  # "90% of Mosul, a city of 180 sq km" → 180 km²
    number_start: int | None = None  # where the number begins (after the qualifier)


def find_percents(sentence: str) -> list[PercentMatch]:
    found: list[PercentMatch] = []
    if not _PERCENT_HINT_RE.search(sentence):
        return found
    for match in _PERCENT_RE.finditer(sentence):
        try:
            value = parse_number(match["num"])
        except Exception:  # noqa: BLE001
            continue
        after = sentence[match.end():match.end() + 60]
        total = None
        place = _PLACE_AFTER_RE.match(sentence, match.end())
        if place is not None:
            total = place_area_after(sentence, place.end())
        found.append(
            PercentMatch(
                start=match.start(), end=match.end() if total is None else total.end,
                percent=value,
                of_territory=bool(_TERRITORY_AFTER_RE.match(after)) or total is not None
                or bool(_CHANGE_BY_RE.search(sentence, max(0, match.start() - 90),
                                             match.start())),
                qualifier=canonical_qualifier(match["qual"]), total=total,
                number_start=match.start("num"),
            )
        )
    return found


_PEOPLE = (
    r"(?:people|persons|civilians|residents|inhabitants|iraqis|syrians|citizens|individuals|"
    r"souls|population)"
)
_PEOPLE_HINT_RE = re.compile(_PEOPLE, re.IGNORECASE)
_POPULATION_RE = re.compile(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?(?P<num>{NUMBER_PATTERN}|tens\s+of\s+thousands|"
    rf"hundreds\s+of\s+thousands|millions|thousands)\s+(?:of\s+)?{_PEOPLE}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PopulationMatch:
    start: int
    end: int
    population: int | None  # None for "tens of thousands of people"


def find_populations(sentence: str) -> list[PopulationMatch]:
    found: list[PopulationMatch] = []
    if not _PEOPLE_HINT_RE.search(sentence):
        return found
    for match in _POPULATION_RE.finditer(sentence):
        try:
            population: int | None = int(round(parse_number(match["num"])))
        except Exception:  # noqa: BLE001 - "tens of thousands" is a population with no number
            population = None
        if population is not None and population < 100:
            continue  # "two people" is not a population figure of a territory
        found.append(PopulationMatch(match.start(), match.end(), population))
    return found


# Adjectives that name a country: the fallback scope of "Iraqi forces retook …".
DEMONYMS: dict[str, str] = {
    "iraqi": "Iraq", "iraqis": "Iraq", "syrian": "Syria", "syrians": "Syria",
    "turkish": "Turkey", "jordanian": "Jordan", "lebanese": "Lebanon", "libyan": "Libya",
    "egyptian": "Egypt", "afghan": "Afghanistan", "nigerian": "Nigeria", "yemeni": "Yemen",
    "somali": "Somalia", "malian": "Mali", "ukrainian": "Ukraine", "saudi": "Saudi Arabia",
    "iranian": "Iran", "filipino": "Philippines", "mozambican": "Mozambique",
}
DEMONYM_RE = re.compile(r"\b(" + "|".join(DEMONYMS) + r")\b", re.IGNORECASE)

"""Shares of territory: percents and fractions of what is held, lost or liberated.

Real reporting states a share in many ways: "87.4 percent of the Syrian territory", "2.9% of
Iraqi lands", "almost a quarter of its territory", "two-thirds", "1/3 of Afghan territory",
"roughly 65-70 percent of the eastern side", "25% to 30% of populated Iraqi regions", "47 out of
74 districts", "four of Darfur's five states". A share is territorial when

1. what it is *of* is ground: a territory word ("territory", "land", "districts", "the
   country"), a named place ("of Yemen", "of west Mosul") or an area figure ("of the 40,000 sq
   km"), and not people, money, strikes or time ("of the population", "of all strikes", "the
   second half of this year"); or, when it names nothing it is of,
2. it measures a change of the territory ("the caliphate shrank by 12%", "a loss of 14
   percent"), in a sentence about territory; or
3. a control verb governs it ("the Houthis control only 15 percent"), or a passive one follows
   it ("more than a third is transferred under Baku's control"), or "territorial" follows it
   ("100 percent territorial defeat"); or
4. it goes on from a territorial share of the same sentence ("40% of the territory it once held
   in Iraq and 20% in Syria", "from the previous 7 percent", "after it was 40%"), or it restates
   a count of districts ("59 districts, approximately 14.5 percent of all").

A share used as an adjective of another noun ("a 45 percent stake", "130 per cent more") is not
territorial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.claims.extract.appositive import PlaceArea, place_area_after
from contested.claims.extract.share_objects import OfObject, read_of_object
from contested.claims.numbers import (
    APPROX_SIGN_PATTERN,
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    NumberRegex,
    canonical_qualifier,
    parse_number,
)
from contested.core.exceptions import InputError
from contested.core.lazy import LazyRegex

__all__ = ["ShareMatch", "find_shares", "has_share_hint"]

_PERCENT_UNIT = (
    r"(?:[\s\u00a0]?%|[\s\u00a0]*per[\s\u00a0-]?cent\b|[\s\u00a0]?(?:pc|pct)\b\.?)"
)
_FRACTION_WORD = (
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine)[-\s]+(?:halves|half|thirds?|"
    r"quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)|half)"
)
_UNIT_WORDS = (
    r"districts|provinces|states|governorates|regions|counties|townships|municipalities|"
    r"neighbou?rhoods|sub-?districts|cantons|oblasts|prefectures|wards|zones|villages"
)
_SHARE_RE = NumberRegex(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN}[\s\u00a0]+|{APPROX_SIGN_PATTERN}[\s\u00a0]*)"
    rf"(?:of[\s\u00a0]+)?)?"
    rf"(?:(?:a[\s\u00a0]+)?(?:substantial|mere|whopping|further|full)[\s\u00a0]+)?"
    rf"(?:(?P<between>between[\s\u00a0]+)?(?P<lo>{NUMBER_PATTERN})(?:{_PERCENT_UNIT})?"
    rf"[\s\u00a0]*(?:[-–—]|to|(?(between)and|(?!)))[\s\u00a0]*(?P<hi>{NUMBER_PATTERN}){_PERCENT_UNIT}"
    rf"|(?P<num>{NUMBER_PATTERN}){_PERCENT_UNIT}"
    rf"|(?P<frac>{_FRACTION_WORD})\b"
    rf"|(?<![\d/])(?P<fn>\d{{1,2}})/(?P<fd>\d{{1,2}})(?=[\s\u00a0]+of\b)"
    rf"|(?P<cn>{NUMBER_PATTERN})[\s\u00a0]+(?:out[\s\u00a0]+)?of[\s\u00a0]+(?:(?:the|its|their|"
    rf"all)[\s\u00a0]+)?(?:[\w-]+['’]s?[\s\u00a0]+)?(?P<cd>{NUMBER_PATTERN})[\s\u00a0]+"
    rf"(?:[a-z-]+[\s\u00a0]+)?(?P<units>{_UNIT_WORDS})\b)",
    re.IGNORECASE,
)
# Where a share may be: the unit or fraction word (the figure and its qualifier come before).
_CUE_RE = re.compile(
    r"%|per[\s\u00a0-]?cent|\d[\s\u00a0]?pct?\b|\b(?:halves|half|thirds?|quarters?|fourths?|fifths?|"
    r"sixths?|sevenths?|eighths?|ninths?|tenths?)\b|\d/\d|\b(?:" + _UNIT_WORDS + r")\b",
    re.IGNORECASE,
)
_HINT_WORDS = (
    "%", "percent", "per cent", "per-cent", "pc", "half", "third", "quarter", "fourth", "fifth",
    "sixth", "seventh", "eighth", "ninth", "tenth", "/", "district", "province", "state",
    "governorate", "region", "count", "township", "municipal", "neighbo", "canton", "oblast",
    "prefecture", "ward", "zone", "village",
)
_CUE_BEFORE = 50  # a share's qualifier and number start at most this far before its cue
_CUE_AFTER = 60  # and a count's units end at most this far after its number
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5,
                 "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_FRACTIONS = {**{word: 1 / value for word, value in _DENOMINATORS.items()},
              **{f"{word}s": 1 / value for word, value in _DENOMINATORS.items()
                 if not word.startswith("hal")}}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9}

# Words after a share that make it an adjective of something else ("a 45 percent stake",
# "130 per cent more ground", "a 20 percent increase").
_ADJECTIVE_AFTER_RE = LazyRegex(
    r"[\s\u00a0]+(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|increases?|"
    r"increased|rises?|jump|drop|declines?|decrease|cuts?|reductions?|growth|chance|"
    r"probability|likelihood|stakes?|majority|minority|interest|rates?|tax|taxes|turnout|"
    r"discount|tariffs?|votes?|support|approval|owned|stake-holding|return|profit|loss)\b",
    re.IGNORECASE,
)
_TERRITORIAL_AFTER_RE = re.compile(r"[\s\u00a0]+(?:territorial|territory|territories)\b",
                                   re.IGNORECASE)
_ORDINAL_BEFORE_RE = re.compile(r"\b(?:first|second|latter|last|other|next)[\s\u00a0]+$",
                                re.IGNORECASE)
_CHANGE_BEFORE_RE = LazyRegex(
    r"(?:\b(?:shr[iau]nk(?:en|ing|s)?|fell|fallen|falling|dropped|dropping|declined|declining|"
    r"contracted|decreased|reduced|cut|grew|grown|expanded|increased|rose|risen)(?:[\s\u00a0]+"
    r"by)?|\b(?:loss|losses|decline|drop|reduction|contraction|shrinkage)[\s\u00a0]+of|"
    r"\blos(?:t|ing|es|e)|\bceded|\bsurrendered)[\s\u00a0]+(?:(?:about|some|nearly|almost|"
    r"roughly|around|more\s+than|over|only|just|another|a\s+further)[\s\u00a0]+)?$",
    re.IGNORECASE,
)
_SHRUNK_TO_RE = LazyRegex(
    r"\b(?:shr[iau]nk(?:en)?|reduced|fallen|fell|dropped|declined|down|whittled\s+down|"
    r"contracted|cut)\s+to\s+(?:(?:about|some|nearly|almost|roughly|around|less\s+than|under|"
    r"just|only)\s+)?$",
    re.IGNORECASE,
)
_GROWTH_RE = re.compile(r"\b(?:grew|grown|expanded|increased|rose|risen)\b", re.IGNORECASE)
_CONTROL_BEFORE_RE = LazyRegex(
    r"\b(?:control(?:s|led|ling)?(?:[\s\u00a0]+(?:of|over))?|in[\s\u00a0]+control[\s\u00a0]+of|"
    r"holds?|held|holding|occup(?:y|ies|ied|ying)|seized|captured|liberated|retaken|retook|"
    r"recaptured|regained|freed|cleared|lost|losing|ceded|oversees?|rules?|governs?|"
    r"(?:has|have|had)|hold[\s\u00a0]+on[\s\u00a0]+to|out[\s\u00a0]+of)[\s\u00a0]+"
    r"(?:(?:only|just|roughly|about|around|nearly|almost|some|over|more\s+than|less\s+than|"
    r"a\s+substantial|an?\s+estimated)[\s\u00a0]+)?$",
    re.IGNORECASE,
)
_PASSIVE_CONTROL_AFTER_RE = LazyRegex(
    r"[\s\u00a0]+(?:(?:is|was|are|were|has\s+been|have\s+been|had\s+been|remains?|remained|"
    r"now)[\s\u00a0]+)+(?:(?:now|still|already|also|being)[\s\u00a0]+)?(?:transferred|"
    r"controlled|held|occupied|liberated|retaken|recaptured|freed|captured|seized|lost|under|"
    r"in\s+the\s+hands|contested)\b",
    re.IGNORECASE,
)
_UNIT_COUNT_BEFORE_RE = LazyRegex(
    rf"\b\d[\d,]*[\s\u00a0]+(?:[a-z-]+[\s\u00a0]+)?(?:{_UNIT_WORDS})[\s\u00a0]*,[\s\u00a0]*$",
    re.IGNORECASE,
)
_TERRITORY_CONTEXT_RE = LazyRegex(
    r"\b(?:territor\w*|lands?|ground|caliphate|emirate|statelet|state|enclave|pockets?|"
    r"holdings|areas?|control\w*|held|holds?|occup\w+|"
    r"liberat\w+|recaptur\w+|retak\w+|retook|sq|square|km2?|kilomet\w+|miles?|districts?|"
    r"provinces?|regions?)\b",
    re.IGNORECASE,
)
_FROM_BEFORE_RE = re.compile(r"\bfrom[\s\u00a0]+$", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r";|,\s+(?:and|while|whereas|but)\s+|\s+while\s+")
_CONTINUATION_GAP = 90  # a share going on from the one before: at most this far after it


@dataclass(frozen=True, slots=True)
class ShareMatch:
    """A share in one sentence: offsets of the figure (with its qualifier) and what it is of."""

    start: int
    end: int
    number_start: int
    percent: float
    percent_max: float | None
    qualifier: str | None
    of: OfObject | None  # "of the territory it once held in Iraq"
    total: PlaceArea | None  # "90% of Mosul, a city of 180 sq km": the place's stated area
    territorial: bool
    change: str | None  # "lost" for "shrank by 12%", "gained" for "grew by"; None: a state
    fraction_word: bool  # written as a word ("a third")
    adjective: bool = False  # "a 45 percent stake", "130 per cent more": of something else
    continues: bool = False  # goes on from the share before it ("… and 20% in Syria")

    @property
    def of_other(self) -> bool:
        """A share of something that is not ground ("of the population", "of them")."""
        return self.adjective or (self.of is not None and self.of.reading == "other")

    @property
    def owned_end(self) -> int:
        """Where the share's words end: after its total or its of-object, else the figure."""
        if self.total is not None:
            return self.total.end
        return self.of.end if self.of is not None else self.end


def has_share_hint(sentence: str) -> bool:
    """Whether the sentence may hold a share at all (a cheap test)."""
    lowered = sentence.lower()
    return any(word in lowered for word in _HINT_WORDS)


def _value(match: re.Match[str]) -> tuple[float, float | None] | None:
    """(percent, upper end of a range) of a share figure, or None when it reads as no share."""
    try:
        if match["hi"]:
            low, high = parse_number(match["lo"]), parse_number(match["hi"])
            return (low, high) if 0 <= low < high <= 100 else None
        if match["num"]:
            return parse_number(match["num"]), None
        if match["frac"]:
            words = re.split(r"[-\s]+", match["frac"].lower())
            count = _COUNTS.get(words[0], 1) if len(words) > 1 else 1
            return round(100 * count * _FRACTIONS[words[-1]], 4), None
        if match["fn"]:
            numerator, denominator = int(match["fn"]), int(match["fd"])
        else:
            numerator, denominator = parse_number(match["cn"]), parse_number(match["cd"])
    except (InputError, KeyError):
        return None
    if not 0 < numerator <= denominator:
        return None
    return round(100 * numerator / denominator, 4), None


def _change(sentence: str, start: int) -> str | None:
    before = sentence[max(0, start - 60):start]
    cue = _CHANGE_BEFORE_RE.search(before)
    if cue is None:
        return None
    return "gained" if _GROWTH_RE.search(cue.group(0)) else "lost"


def _standalone_reading(
    sentence: str, match: re.Match[str], end: int, change: str | None,
    previous: ShareMatch | None,
) -> str | None:
    """Rules 2-4 of the module doc, for a share that names nothing it is of (``end``: where
    its words end, after an "of all" that says nothing): the rule that makes it territorial,
    or None."""
    start = match.start()
    if _TERRITORIAL_AFTER_RE.match(sentence, end):
        return "territorial"
    if _ADJECTIVE_AFTER_RE.match(sentence, end):
        return None  # "a 45 percent stake": an adjective of something else
    before = sentence[max(0, start - 50):start]
    if change is not None:
        clause_start = max((m.end() for m in _CLAUSE_BREAK_RE.finditer(sentence, 0, start)),
                           default=0)
        clause = _CLAUSE_BREAK_RE.search(sentence, end)
        clause_end = clause.start() if clause else len(sentence)
        return "change" if _TERRITORY_CONTEXT_RE.search(sentence, clause_start, clause_end) \
            else None
    if _CONTROL_BEFORE_RE.search(before) or _PASSIVE_CONTROL_AFTER_RE.match(sentence, end):
        return "control"
    if _SHRUNK_TO_RE.search(before) and _TERRITORY_CONTEXT_RE.search(sentence):
        return "control"  # "the area under its control had shrunk to less than 10 percent"
    if _UNIT_COUNT_BEFORE_RE.search(before):
        return "count"
    if previous is not None and previous.territorial and (
            0 <= start - previous.owned_end <= _CONTINUATION_GAP):
        return "continues"
    return None


def find_shares(sentence: str) -> list[ShareMatch]:
    """Every share in one sentence, in order, territorial or not (see the module doc)."""
    if not has_share_hint(sentence):
        return []
    share_re = _SHARE_RE.for_text(sentence)
    found: list[ShareMatch] = []
    position = 0
    for cue in _CUE_RE.finditer(sentence):
        if cue.end() <= position:
            continue
        # The share regex is tried only near a cue, so the work is linear in the sentence.
        window_end = min(len(sentence), cue.end() + _CUE_AFTER)
        match = share_re.search(sentence, max(position, cue.start() - _CUE_BEFORE), window_end)
        while match is not None and match.end() < cue.start():
            match = share_re.search(sentence, match.end(), window_end)
        if match is None:
            continue
        position = match.end()
        if match["hi"] and _is_change_pair(sentence, match):
            found.extend(_change_pair(sentence, match, found[-1] if found else None))
            continue
        share = _share(sentence, match, found[-1] if found else None)
        if share is not None:
            found.append(share)
    return found


def _change_pair(
    sentence: str, match: re.Match[str], previous: ShareMatch | None
) -> list[ShareMatch]:
    """"shrunk from 40% to 17%": two states of one share, not a range; the later one takes
    what follows it, the earlier one goes by it."""
    later = _SHARE_RE.for_text(sentence).match(sentence, match.start("hi"))
    if later is None:
        return []
    second = _share(sentence, later, previous)
    if second is None:
        return []
    try:
        earlier = parse_number(match["lo"])
    except InputError:
        return [second]
    first = ShareMatch(
        start=match.start(), end=match.end("lo"), number_start=match.start("lo"),
        percent=earlier, percent_max=None, qualifier=canonical_qualifier(match["qual"]),
        of=None, total=None, territorial=second.territorial, change=None, fraction_word=False,
    )
    return [first, second]


def _is_change_pair(sentence: str, match: re.Match[str]) -> bool:
    try:
        low, high = parse_number(match["lo"]), parse_number(match["hi"])
    except InputError:
        return True
    return low >= high or bool(_FROM_BEFORE_RE.search(sentence, max(0, match.start() - 8),
                                                      match.start()))


def _share(
    sentence: str, match: re.Match[str], previous: ShareMatch | None
) -> ShareMatch | None:
    value = _value(match)
    if value is None:
        return None
    if match["frac"] and _ORDINAL_BEFORE_RE.search(sentence, max(0, match.start() - 12),
                                                    match.start()):
        return None  # "the second half of this year"
    of = read_of_object(sentence, match.end())
    if match["units"]:
        of = OfObject(match.start("cd"), match.end("units"), sentence[match.start("cd"):
                      match.end("units")], "territory", None, False)
    change = _change(sentence, match.start())
    rule = None
    if of is not None and of.reading != "unknown":
        territorial = of.reading in ("territory", "place", "figure")
    elif match["frac"] and (match["frac"].lower() == "half"
                            or not _PASSIVE_CONTROL_AFTER_RE.match(sentence, match.end())):
        # "a third time", "half the size of", "the city's western half": a fraction word reads
        # as a share only with "of", or as the subject of a control verb ("more than a third
        # is transferred under Baku's control").
        return None
    else:
        end = of.end if of is not None else match.end()
        rule = _standalone_reading(sentence, match, end, change, previous)
        territorial = rule is not None
    total = None
    if of is not None and of.place is not None:
        total = place_area_after(sentence, of.end, right_after_name=_ends_with_place(of))
    adjective = of is None and _ADJECTIVE_AFTER_RE.match(sentence, match.end()) is not None
    if rule is None and _goes_on(sentence, match.start(), previous):
        rule = "continues"  # "45% of … in Iraq and 20% of areas it used to control in Syria"
    return ShareMatch(
        start=match.start(), end=match.end(),
        number_start=_number_start(match),
        percent=value[0], percent_max=value[1], qualifier=canonical_qualifier(match["qual"]),
        of=of, total=total, territorial=territorial, change=change,
        fraction_word=bool(match["frac"]), adjective=adjective, continues=rule == "continues",
    )


_UNIT_WORD_RE = re.compile(r"\s+(?:province|governorate|region|oblast|district|state|"
                           r"county|city|town)$", re.IGNORECASE)


def _ends_with_place(of: OfObject) -> bool:
    """The of-phrase ends with the place's name ("Raqqa province"), not other words ("the
    Strip behind the so-called yellow line")."""
    text = _UNIT_WORD_RE.sub("", of.text.strip()).lower()
    return bool(of.place) and text.endswith(str(of.place).lower())


def _goes_on(sentence: str, start: int, previous: ShareMatch | None) -> bool:
    """Whether a share is joined to the territorial share before it ("…, and 20% …")."""
    if previous is None or not previous.territorial:
        return False
    gap = sentence[previous.owned_end:start]
    return len(gap) <= _CONTINUATION_GAP and _JOIN_RE.fullmatch(gap) is not None


_JOIN_RE = LazyRegex(
    r"[\s,;]*(?:and|while|whereas|but|or)?[\s,]*(?:(?:only|just|about|some|roughly|nearly|"
    r"almost|around|more\s+than|less\s+than|over)\s+)*",
    re.IGNORECASE,
)


def _number_start(match: re.Match[str]) -> int:
    for group in ("lo", "num", "frac", "fn", "cn"):
        if match[group]:
            return match.start(group)
    return match.start()

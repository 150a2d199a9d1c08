"""Where a figure is: its scope, as the sentence states it.

A scope is a place or region: "across Iraq", "in Dayr Az Zawr province", "northern Syria",
"Iraq and Syria", the Iraqi-Syria border region, or a country a demonym names ("Syrian
territory", "Iraqi forces"). It is never a size-comparison reference, a dateline, a byline, a
caption or a speaker: those spans are left out before the candidates are read (see
:mod:`contested.claims.extract.document`).

The candidates of a sentence are read once (:class:`SentenceScopes`); a claim picks, first that
gives one: the place its share is of ("30 percent of west Mosul"); a phrase ("in/across/
throughout X" over "near/of X") in its own clause, after the figure first; a demonym of its
clause; the nearest place of its clause; the same over the whole sentence. Without a gazetteer
(or for names it does not know) a capitalised name after "in", "across", … is a candidate with
no place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from contested.claims.extract.context import BORDER_NAMES, BORDER_RE
from contested.claims.extract.demonyms import DEMONYMS, demonym_scope
from contested.claims.extract.places import PlaceMention, place_suffix

__all__ = ["ScopeCandidate", "SentenceScopes", "heuristic_places"]

SCOPE_BEFORE_RE = re.compile(
    r"(?:\b(?:across|throughout|in|inside|within|around|near|over|of|outside|along)\s+"
    r"(?:and\s+around\s+)?"
    r"(?:the\s+)?(?:whole\s+of\s+|all\s+of\s+|rest\s+of\s+|outskirts\s+of\s+)?(?:the\s+)?"
    r"|\b(?:north|south|east|west)(?:[-\s]?(?:north|south|east|west))*(?:ern)?\s+of\s+"
    r"(?:the\s+)?)"
    r"(?P<adj>(?:north|south|east|west)(?:[-\s]?(?:east|west))?ern\s+|central\s+|"
    r"(?:north|south|east|west)\s+)?$",
    re.IGNORECASE,
)
# "a military source in Deir Ezzor", "officials in Baghdad said": where the speaker is,
# not where the figure is.
_ATTRIBUTION_BEFORE_RE = re.compile(
    r"\b(?:sources?|officials?|spokes(?:man|woman|person)|commanders?|correspondents?|"
    r"reporters?|journalists?|activists?|residents?|officers?|monitors?|observers?|"
    r"analysts?|agency|office|bureau|headquarters|ministry)\s+(?:based\s+|stationed\s+)?"
    r"(?:in|from)\s+(?:the\s+)?$", re.IGNORECASE)
# "within the Euphrates Shield operation", "Operation Euphrates Wrath": a place word inside the
# name of an operation says what it is called, not where it is.
_OPERATION_AFTER_RE = re.compile(
    r"[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?[ \t]+(?i:operations?|offensive|campaign)\b")
_OPERATION_BEFORE_RE = re.compile(r"\bOperation[ \t]+$")
_WEAK_BEFORE_RE = re.compile(r"\b(?:of|around|near|over|outside)\s+(?:the\s+)?$", re.IGNORECASE)
_HEURISTIC_PLACE_RE = re.compile(
    r"(?<![\w-])(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz])-)?[A-Z][\w'’]+(?:[\s-](?:(?:[Aa]l|[Aa]z|[Ee]z|"
    r"[Aa]d|[Aa]r|[Aa]s|[Ee]l)[\s-])?[A-Z][\w'’]+)*"
)
_NOT_PLACES = frozenset(
    """ISIS ISIL IS Daesh Islamic The He She They We It SDF ISF US U.S. CENTCOM Coalition A An This
    That These Those Its Their His Her Our January February March April May June July August
    September October November December Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday""".split()
)
# Words after a name that make it an admin unit ("Anbar province"), and all that a scope keeps.
_UNIT_SUFFIXES = ("province", "governorate", "oblast", "district", "raion", "rayon")
_SCOPE_SUFFIXES = (*_UNIT_SUFFIXES, "region", "mountains")
_JOIN_RE = re.compile(r"\s+(?:and|or|&)\s+")
_POSSESSIVE_RE = re.compile(r"['’]s?\s+")


@dataclass(frozen=True, slots=True)
class ScopeCandidate:
    start: int  # offsets into the sentence
    end: int
    name: str
    mention: PlaceMention | None
    strength: int  # 2: "in/across X"; 1: "around/near/of X"; 0: a bare mention


def heuristic_places(text: str, start: int, end: int,
                     taken: list[tuple[int, int]] = ()) -> list[PlaceMention]:  # type: ignore
    """Capitalised names after "in", "across", … in ``text[start:end]`` (and names joined to
    them by "and"), as mentions with no place; ``taken`` spans are left out."""
    mentions: list[PlaceMention] = []
    for match in _HEURISTIC_PLACE_RE.finditer(text, start, end):
        name = match.group(0)
        bare = re.sub(r"['’]s?$", "", name)
        if bare.split()[0] in _NOT_PLACES or bare.isupper() or (
                bare.split()[0].lower() in DEMONYMS):
            continue  # "of Lebanese land": an adjective, not a name
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        before = text[max(0, match.start() - 40):match.start()]
        joined = mentions and re.search(r"\s+(?:and|or)\s+$", before) and (
            mentions[-1].end + 8 >= match.start()
        )
        if not SCOPE_BEFORE_RE.search(before) and not joined:
            continue
        # "Darfur’s five states": the place is Darfur, without the possessive.
        mentions.append(PlaceMention(match.start(), match.start() + len(bare), bare, None,
                                     key=bare.lower(), suffix=place_suffix(text, match.end())))
    return mentions


class SentenceScopes:
    """The scope candidates of one sentence (``offset``: where it starts in the text)."""

    def __init__(self, sentence: str, offset: int, mentions: list[PlaceMention]) -> None:
        self.sentence = sentence
        self.candidates = _candidates(sentence, offset, mentions)
        self._starts = [c.start for c in self.candidates]

    @cached_property
    def demonym(self) -> str | None:
        return demonym_scope(self.sentence)

    def within(self, start: int, end: int) -> list[ScopeCandidate]:
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, first)
        return [c for c in self.candidates[first:last] if c.end <= end]

    def at(self, start: int, end: int) -> ScopeCandidate | None:
        """The candidate inside ``[start, end)`` (a share's of-object), if any."""
        inside = self.within(start, end)
        return inside[-1] if inside else None

    def pick(self, segment: tuple[int, int], anchor: tuple[int, int]
             ) -> tuple[str, PlaceMention | None] | None:
        """The scope of a claim whose clause is ``segment`` and figure ``anchor``."""
        own = self.within(*segment)
        found = _pick(own, anchor, phrases_only=True)
        if found is not None:
            return found
        demonym = demonym_scope(self.sentence[segment[0]:segment[1]])
        if demonym is not None:
            return demonym, None
        found = _pick(own, anchor) or _pick(self.candidates, anchor)
        if found is not None:
            return found
        return (self.demonym, None) if self.demonym is not None else None

    def best(self) -> tuple[str, PlaceMention | None] | None:
        """The sentence's own scope, for claims in later sentences that state none."""
        phrases = [c for c in self.candidates if c.strength]
        if phrases:
            best = max(phrases, key=lambda c: (c.strength, c.start))
            return best.name, best.mention
        if self.demonym is not None:
            return self.demonym, None
        if self.candidates:
            return self.candidates[-1].name, self.candidates[-1].mention
        return None


def _pick(candidates: list[ScopeCandidate], anchor: tuple[int, int],
          phrases_only: bool = False) -> tuple[str, PlaceMention | None] | None:
    phrases = [c for c in candidates if c.strength]
    # A place inside the anchor ("90 percent of Mosul, a city of …") or after it comes first.
    after = [c for c in phrases if c.start >= anchor[0]]
    if after:
        return after[0].name, after[0].mention
    before = [c for c in phrases if c.end <= anchor[0]]
    if before:
        return before[-1].name, before[-1].mention
    if candidates and not phrases_only:
        nearest = min(candidates, key=lambda c: min(abs(c.start - anchor[1]),
                                                    abs(anchor[0] - c.end)))
        return nearest.name, nearest.mention
    return None


def _candidates(sentence: str, offset: int, mentions: list[PlaceMention]) -> list[ScopeCandidate]:
    found: list[ScopeCandidate] = []
    for match in BORDER_RE.finditer(sentence):
        a, b = (BORDER_NAMES[match[g].lower()] for g in ("a", "b"))
        found.append(ScopeCandidate(match.start(), match.end(), f"{a}-{b} border region", None, 2))
    borders = [(c.start, c.end) for c in found]
    by_start = {mention.start - offset: mention for mention in mentions}
    joined_away: set[int] = set()
    for mention in mentions:
        m_start, m_end = mention.start - offset, mention.end - offset
        if mention.start in joined_away or any(s <= m_start < e for s, e in borders):
            continue
        if _ATTRIBUTION_BEFORE_RE.search(sentence, max(0, m_start - 40), m_start):
            continue  # where a speaker is, not where the figure is
        if _OPERATION_AFTER_RE.match(sentence, m_end) or _OPERATION_BEFORE_RE.search(
            sentence, max(0, m_start - 12), m_start
        ):
            continue
        candidate = _candidate(sentence, m_start, m_end, mention, by_start, joined_away)
        found.append(candidate)
    found.sort(key=lambda c: c.start)
    return found


def _candidate(
    sentence: str, m_start: int, m_end: int, mention: PlaceMention,
    by_start: dict[int, PlaceMention], joined_away: set[int],
) -> ScopeCandidate:
    before = SCOPE_BEFORE_RE.search(sentence, max(0, m_start - 45), m_start)
    name = mention.text
    if mention.suffix in _SCOPE_SUFFIXES:
        name = f"{name} {mention.suffix}"
    if before is not None and before.group("adj"):
        name = f"{before.group('adj').strip()} {name}"
    # "in Syria's Deir ez-Zor": the scope is the place the possessive names.
    possessive = _POSSESSIVE_RE.match(sentence, m_end)
    owned = by_start.get(m_end + possessive.end() - possessive.start()) if possessive else None
    if owned is not None:
        mention, m_end = owned, m_end + possessive.end() - possessive.start() + len(owned.text)
        name = owned.text if owned.suffix not in _UNIT_SUFFIXES \
            else f"{owned.text} {owned.suffix}"
        joined_away.add(owned.start)
    # "in Iraq and Syria": a scope of two places.
    follow = _JOIN_RE.match(sentence, m_end)
    if follow is not None:
        other = by_start.get(follow.end())
        if other is not None:
            name = f"{name} and {other.text}"
    strength = 0
    if before is not None:
        bare = before.group(0).replace(before.group("adj") or "", "")
        strength = 1 if _WEAK_BEFORE_RE.search(bare) else 2
    return ScopeCandidate(m_start, m_end, name, mention, strength)

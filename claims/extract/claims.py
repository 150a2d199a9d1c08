"""Assemble claims: area figures, comparisons and percent-of-territory statements per sentence,
each with its kind, qualifier, scope, population, dates and places.

A sentence may hold several claims ("4mn people in 41,000sq km … across Iraq and 2.3mn people
in 44,000sq km across Syria"): it is cut into one segment per claim at the last clause boundary
(";", " and ", ", ", " while ", " but ") between them, and each claim reads only its segment.
A figure after "of the (estimated) …" is the total a percentage refers to: it sets the previous
claim's ``of_total_km2`` and is a claim of its own (peak held, unless its own words say more).
A figure in parentheses after a size comparison ("the U.S. capital (177 sq. km.)") is the
reference's stated area, not a claim.

Scope and places. ``scope`` is what the text states the figure is about ("across Iraq", "in
Dayr Az Zawr province", the Iraqi-Syria border, "Iraqi forces" → Iraq, or a place named earlier
in the paragraph); when the text states none it stays None. ``places`` are where the claim is,
for maps and containment, and are never a size-comparison reference ("the size of New
Jersey", "Sweden or Virginia" belong to ``comparison.reference`` only; :func:`find_places`
still lists them, they are toponyms of the text). The rule, first that gives any:

1. the scope's place (a border scope: both countries; a demonym scope: its country), then the
   places named in the claim's own clause of its sentence;
2. the dominant countries of the claim's paragraph (:mod:`contested.claims.extract.context`: place
   mentions counted by country, comparison references left out);
3. the dominant countries of the article's lead, the first paragraph that names a place.

Places from 2 or 3 are marked ``extra["places_from"] = "paragraph" | "lead"`` (a key of the
JSON object), so a reader can tell a stated place from a context one. ``speaker`` comes from
:mod:`contested.claims.extract.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from contested.claims.extract.classify import (
    DEMONYM_RE,
    DEMONYMS,
    ComparisonMatch,
    find_comparisons,
    find_kind,
    find_percents,
    find_populations,
)
from contested.claims.extract.context import BORDER_NAMES, BORDER_RE, DocumentContext
from contested.claims.extract.dates import (
    article_date,
    claim_time,
    dateline_span,
    normalise_date,
)
from contested.claims.extract.places import _SUFFIX_RE, PlaceMention, find_places
from contested.claims.extract.sentences import Span, is_hard_wrapped, paragraphs, split_sentences
from contested.claims.extract.speakers import SpeakerIndex
from contested.claims.model import Claim, Comparison
from contested.claims.quantity import AreaMatch, find_areas

__all__ = ["extract_claims", "source_name"]

# Words without which a sentence holds no area claim (units, comparisons, percentages, fractions).
_TRIGGER_WORDS = (
    "sq", "km", "kilomet", "mile", "hectare", "acre", "dunum", "dunam", "donum", "dönüm",
    "donüm", "dönum", "m2", "²", "size of", "area of", "percent", "per cent", "%", "half",
    "third", "quarter", "fifth", "tenth", "bigger", "larger", "smaller", "as big", "as large",
)
_HA_RE = re.compile(r"ha\b")  # a literal prefix: sre scans for it fast; the word start is
# checked after


def _trigger_positions(lowered: str) -> list[int]:
    """Sorted offsets of trigger words in the lower-cased text: one scan per word with
    str.find, several times faster than one regex alternation over the text."""
    found = []
    for word in _TRIGGER_WORDS:
        at = lowered.find(word)
        while at != -1:
            found.append(at)
            at = lowered.find(word, at + 1)
    for match in _HA_RE.finditer(lowered):
        at = match.start()
        if not at or not (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
            found.append(at)
    found.sort()
    return found


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # "İ" lower-cases to two characters: keep offsets aligned with the text.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _has_trigger(positions: list[int], start: int, end: int) -> bool:
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


_OF_TOTAL_RE = re.compile(
    r"(?:\bof|\bout\s+of)(?:\s+(?:the|a|an|its|their|total|entire|original|[\w-]+['’]s?"
    r"(?=\s|$)))*\s*$", re.IGNORECASE
)
_BOUNDARY_RE = re.compile(
    r";|,\s+and\s+|\s+and\s+|,\s+|\s+while\s+|\s+but\s+|\s+whereas\s+|\s+[—–]\s+"
)
_SCOPE_BEFORE_RE = re.compile(
    r"(?:\b(?:across|throughout|in|inside|within|around|near|over|of|outside|along)\s+"
    r"(?:and\s+around\s+)?"
    r"(?:the\s+)?(?:whole\s+of\s+|all\s+of\s+|rest\s+of\s+|outskirts\s+of\s+)?(?:the\s+)?"
    r"|\b(?:north|south|east|west)(?:[-\s]?(?:north|south|east|west))*(?:ern)?\s+of\s+"
    r"(?:the\s+)?)"
    r"(?P<adj>(?:north|south|east|west)(?:[-\s]?(?:east|west))?ern\s+|central\s+)?$",
    re.IGNORECASE,
)
_HEURISTIC_PLACE_RE = re.compile(
    r"(?<![\w-])(?:(?:[Aa]l|[Ee]l|[Aa][dnrstz])-)?[A-Z][\w'’]+(?:[\s-](?:(?:[Aa]l|[Aa]z|[Ee]z|[Aa]d|"
    r"[Aa]r|[Aa]s|[Ee]l)[\s-])?[A-Z][\w'’]+)*"
)
_NOT_PLACES = frozenset(
    "ISIS ISIL IS Daesh The He She They We It SDF ISF US U.S. CENTCOM Coalition".split()
)
_LEAD_FRAME_RE = re.compile(
    r"^(?:[\"“‘']\s*)?(?:(?:that|and|but|so|also)\s+)?(?:(?:[A-Z][\w.’'-]*\s+){1,5}|(?:he|she|they|it|"
    r"officials?|the\s+\w+)\s+)(?:also\s+)?(?:said|says|noted|added|stated|told\s+\w+(?:\s+\w+)?|"
    r"explained|pointed\s+out|stressed|observed|estimated?|reported|announced|confirmed|"
    r"insisted)(?:\s+(?:on\s+\w+|in\s+a\s+\w+(?:\s+\w+)?))?(?:\s+that)?[\s,:]*[\"“]?\s*",
    re.IGNORECASE,
)
_LEAD_SIMPLE_RE = re.compile(
    r"^(?:[\"“‘”'\s]+|(?:and|but|while|whereas|so|that\s+means|this\s+means|according\s+to\s+"
    r"[^,]{1,60},)\s+)",
    re.IGNORECASE,
)
_TRAIL_FRAME_RE = re.compile(
    r"(?:,?\s*(?:according\s+to\s+[^,.;]{1,60}|(?:[A-Z][\w.]*\s*){1,4}(?:said|added|noted|"
    r"stressed)|(?:he|she|they|officials?|the\s+\w+)\s+(?:said|added|noted|stressed))[.,]?"
    r"|[\s,.;:\"”’]+)$",
)


_SPEECH_RE = re.compile(
    r"\b(?:said|says|noted|added|stated|told\s+(?:reporters|\w+)|explained|stressed|insisted|"
    r"estimated?|announced|confirmed)\s+(?:on\s+\w+\s+)?that\s+|[\"“]\s*(?=[A-Z])",
    re.IGNORECASE,
)
_CLAUSE_END_RE = re.compile(
    r",\s+and\s+(?!this\b|that\b|it\b)|;|,\s+(?:noting|adding|saying|citing|stressing|"
    r"according)\b|\s+But\s+|,\s+(?:[A-Z][\w.]*\s+){1,4}\(?[A-Z]*\)?\s*(?:tells|told|said)\b",
)


@dataclass
class _Anchor:
    """One claim being assembled: what anchors it in the sentence and what attaches to it."""

    start: int  # offsets into the sentence
    end: int
    area: AreaMatch | None = None
    comparison: ComparisonMatch | None = None
    percent: float | None = None
    of_total_km2: float | None = None
    of_total_of: _Anchor | None = None  # this anchor is the total of that one
    qualifier: str | None = None  # of a percent-only claim ("roughly 60 percent")
    owned_end: int = 0
    extras: list[tuple[int, int]] = field(default_factory=list)
    # The kind of a part read at its percent ("recaptured 62 percent of the 40,000 sq km …, or
    # about 24,800 sq km"), and a span whose verbs are the total's, not this claim's ("… of
    # the 110,000 sq km that ISIS once held … has been liberated").
    kind_at: tuple[int, int] | None = None
    kind_mask: tuple[int, int] | None = None


def source_name(source: str | None) -> str:
    """Claim-id prefix: a file name without folders; "-" or nothing → "stdin"."""
    if not source or source == "-":
        return "stdin"
    return re.split(r"[\\/]", str(source))[-1] or "stdin"


def _resolve_gazetteer(gazetteer: Any) -> Any:
    if gazetteer is False:
        return None
    if gazetteer is not None:
        return gazetteer
    try:
        from contested.gazetteer import default_gazetteer

        return default_gazetteer()
    except Exception:  # noqa: BLE001 - no index: claims still come out, without places
        return None


def _heuristic_places(text: str, start: int, end: int) -> list[PlaceMention]:
    mentions = []
    for match in _HEURISTIC_PLACE_RE.finditer(text, start, end):
        name = match.group(0)
        if name.split()[0] in _NOT_PLACES or name.isupper():
            continue
        before = text[max(0, match.start() - 40):match.start()]
        joined = mentions and re.search(r"\s+(?:and|or)\s+$", before) and (
            mentions[-1].end + 8 >= match.start()
        )
        if not _SCOPE_BEFORE_RE.search(before) and not joined:
            continue
        suffix = _SUFFIX_RE.match(text, match.end())
        mentions.append(PlaceMention(match.start(), match.end(), name, None, key=name.lower(),
                                     suffix=suffix.group(1).lower() if suffix else None))
    return mentions


def _anchors_for(sentence: str) -> list[_Anchor]:
    comparisons = find_comparisons(sentence)
    percents = find_percents(sentence)
    reference_spans = [
        (c.stated_start, c.stated_end) for c in comparisons if c.stated_start is not None
    ] + [(p.total.start, p.total.end) for p in percents if p.total is not None]
    anchors: list[_Anchor] = []
    for area in find_areas(sentence):
        if any(s is not None and e is not None and s <= area.start < e
               for s, e in reference_spans):
            continue  # "(177 sq. km.)", "Mosul, a city of 180 sq km": a reference's own area
        anchor = _Anchor(area.start, area.end, area=area, owned_end=area.end)
        previous = anchors[-1] if anchors else None
        if previous is not None and previous.of_total_of is None and _OF_TOTAL_RE.search(
            sentence[previous.owned_end:area.start].rstrip(" ,")
        ) and previous.area is not None:
            previous.of_total_km2 = area.quantity.km2
            anchor.of_total_of = previous
        anchors.append(anchor)
    for comparison in comparisons:
        owner = None
        for anchor in anchors:
            if anchor.area is not None and anchor.area.end <= comparison.start and (
                anchor.of_total_of is None
            ):
                owner = anchor
        if owner is None:
            following = [a for a in anchors if a.start >= comparison.end
                         and a.start - comparison.end < 40]
            owner = following[0] if following else None
        if owner is not None and owner.comparison is None:
            owner.comparison = comparison
            owner.owned_end = max(owner.owned_end, comparison.end)
            continue
        anchors.append(_Anchor(comparison.start, comparison.end, comparison=comparison,
                               owned_end=comparison.end))
    anchors.sort(key=lambda a: a.start)
    for percent in percents:
        if any(a.start <= percent.start < a.owned_end for a in anchors if a.comparison
               and a.comparison.start <= percent.start < a.comparison.end):
            continue  # "1% of Egypt's territory" is a comparison
        if _RELATIVE_PERCENT_RE.match(sentence, percent.end):
            continue  # "130 per cent more ground than a year ago": a change, not a share
        if percent.total is None and _link_percent_of_total(sentence, percent, anchors):
            continue
        owner = None
        for anchor in anchors:
            if anchor.area is None or anchor.of_total_of is not None:
                continue
            between_before = sentence[percent.end:anchor.start]
            between_after = sentence[anchor.area.end:percent.start]
            if 0 <= anchor.start - percent.end < 40 and not re.search(r"\d", between_before):
                owner = anchor
            elif 0 <= percent.start - anchor.area.end < 12 and re.fullmatch(
                r"[\s,(—–-]*(?:or\s+)?(?:about\s+|some\s+|roughly\s+)?", between_after
            ):
                owner = anchor
        if owner is not None and owner.percent is None and percent.total is None:
            owner.percent = percent.percent
            continue
        if percent.of_territory:
            anchors.append(_Anchor(percent.start, percent.end, percent=percent.percent,
                                   owned_end=percent.end, qualifier=percent.qualifier,
                                   of_total_km2=percent.total.km2 if percent.total else None))
    for anchor in anchors:
        # "85 percent of Nineveh province, some 30,000 sq km of the province's 37,300 sq km":
        # with the total stated, the share is a percentage of it, not a size comparison.
        comparison = anchor.comparison
        if (comparison is not None and anchor.of_total_km2 is not None and anchor.percent is None
                and comparison.comparison.factor is not None and comparison.comparison.factor < 1
                and comparison.start < anchor.start):
            anchor.percent = round(comparison.comparison.factor * 100, 6)
            anchor.comparison = None
    anchors.sort(key=lambda a: a.start)
    return anchors


_RELATIVE_PERCENT_RE = re.compile(
    r"\s+(?:more|less|fewer|larger|smaller|bigger|higher|lower)\b", re.IGNORECASE
)
# "62 percent of the (estimated) 40,000 sq km": the figure right after is the percent's total.
_PERCENT_OF_GAP_RE = re.compile(
    r"\s*(?:of|out\s+of)\s+(?:(?:the|its|their|an?)\s+)?(?:(?:estimated|original|total|"
    r"entire|whole)\s+)?",
    re.IGNORECASE,
)
# "…, or about 24,800 sq km", "…, roughly 25,000 sq km": the part restated as a figure.
_PART_GAP_RE = re.compile(
    r"[^;:.]{0,100}?,\s*(?:or\s+|that\s+is\s+|i\.e\.,?\s+)?(?:an\s+estimated\s+)?",
    re.IGNORECASE,
)
# The verb of the total's own clause ("the 110,000 sq km that ISIS once held").
_TOTAL_VERB_RE = re.compile(
    r"[^,;:]{0,60}?\b(?:held|controlled|occupied|ruled|seized|overran|overrun|captured|took|"
    r"taken|had|grabbed|conquered)\b",
    re.IGNORECASE,
)


def _link_percent_of_total(sentence: str, percent: Any, anchors: list[_Anchor]) -> bool:
    """"P percent of the TOTAL …[, or about PART]": the figure after "of" is the total, a
    figure restated after a comma is the part (it takes the percent); with no part, the
    percent is a claim of its own with that total. False when the sentence is not so built
    (a figure right before the percent owns it: "107,575 sq km, or 98 percent of …")."""
    if not re.match(r"\s*(?:of|out\s+of)\b", sentence[percent.end:], re.IGNORECASE):
        return False
    areas = [a for a in anchors if a.area is not None and a.of_total_of is None]
    before = [a for a in areas if a.area.end <= percent.start]
    if before and 0 <= percent.start - before[-1].area.end < 12 and re.fullmatch(
        r"[\s,(—–-]*(?:or\s+)?(?:about\s+|some\s+|roughly\s+)?",
        sentence[before[-1].area.end:percent.start],
    ):
        return False
    after = [a for a in areas if a.start >= percent.end]
    total = after[0] if after and _PERCENT_OF_GAP_RE.fullmatch(
        sentence[percent.end:after[0].start]) else None
    rest = after[1:] if total is not None else after
    gap_start = total.owned_end if total is not None else percent.end
    part = rest[0] if rest and _PART_GAP_RE.fullmatch(sentence[gap_start:rest[0].start]) \
        else None
    if total is None and part is None:
        return False
    mask = None
    if total is not None:
        verb = _TOTAL_VERB_RE.match(sentence, total.area.end)
        mask = (total.start, verb.end() if verb else total.area.end)
    if part is not None:
        if part.percent is not None:
            return False
        part.percent = percent.percent
        part.kind_at = (percent.start, percent.end)
        part.kind_mask = mask
        if total is not None:
            part.of_total_km2 = total.area.quantity.km2
            total.of_total_of = part
        return True
    anchor = _Anchor(percent.start, percent.end, percent=percent.percent, owned_end=percent.end,
                     qualifier=percent.qualifier, of_total_km2=total.area.quantity.km2,
                     kind_mask=mask)
    total.of_total_of = anchor
    anchors.append(anchor)
    return True


def _segments(sentence: str, anchors: list[_Anchor]) -> list[tuple[int, int]]:
    """One (start, end) per anchor: cut at the last clause boundary between neighbours."""
    cuts = [0]
    for previous, current in zip(anchors, anchors[1:], strict=False):
        if current.of_total_of is previous or previous.of_total_of is current:
            cuts.append(cuts[-1])  # the total shares its claim's segment
            continue
        gap_start = max(previous.owned_end, previous.end)
        cut = None
        for match in _BOUNDARY_RE.finditer(sentence, gap_start, max(gap_start, current.start)):
            cut = match
        cuts.append(cut.start() if cut else max(gap_start, current.start))
    segments = []
    for index, start in enumerate(cuts):
        end = len(sentence)
        for later in cuts[index + 1:]:
            if later > start:
                end = later
                break
        segments.append((start, end))
    return segments


def _trim(sentence: str, start: int, end: int, keep_start: int, keep_end: int) -> tuple[int, int]:
    """Trim reporting frames ("He said", "according to CENTCOM") off a segment's ends."""
    for _ in range(3):
        piece = sentence[start:end]
        match = _LEAD_FRAME_RE.match(piece) or _LEAD_SIMPLE_RE.match(piece)
        if not match or not match.end() or start + match.end() > keep_start:
            break
        start += match.end()
    for _ in range(3):
        piece = sentence[start:end]
        match = _TRAIL_FRAME_RE.search(piece)
        if not match or match.start() == len(piece) or start + match.start() < keep_end:
            break
        end = start + match.start()
    return start, end


def _scope_candidates(
    sentence: str, offset: int, start: int, end: int, mentions: list[PlaceMention],
    excluded: list[tuple[int, int]],
) -> list[tuple[int, int, str, PlaceMention | None, int]]:
    """(start, end, scope text, mention, strength) inside sentence[start:end]; strength 2 for
    "in/across/throughout X", 1 for "around X"/"northeast of X", 0 for a bare mention."""
    found = []
    for match in BORDER_RE.finditer(sentence, start, end):
        a, b = (BORDER_NAMES[match[g].lower()] for g in ("a", "b"))
        found.append((match.start(), match.end(), f"{a}-{b} border region", None, 2))
    for mention in mentions:
        m_start, m_end = mention.start - offset, mention.end - offset
        if m_start < start or m_end > end:
            continue
        if any(s <= m_start < e for s, e in excluded):
            continue
        if any(f[0] <= m_start < f[1] for f in found):
            continue
        before = _SCOPE_BEFORE_RE.search(sentence[max(0, m_start - 45):m_start])
        name = mention.text
        if mention.suffix in ("province", "governorate", "district", "region", "mountains"):
            name = f"{name} {mention.suffix}"
        if before is not None and before.group("adj"):
            name = f"{before.group('adj').strip()} {name}"
        # "in Syria's Deir ez-Zor": the scope is the place the possessive names.
        possessive = re.match(r"['’]s?\s+", sentence[m_end:m_end + 4])
        owned = possessive and next((o for o in mentions
                                     if o.start - offset == m_end + possessive.end()), None)
        if owned:
            m_end, mention = owned.end - offset, owned
            name = owned.text if owned.suffix not in ("province", "governorate", "district") \
                else f"{owned.text} {owned.suffix}"
        # "in Iraq and Syria": a scope of two places.
        follow = re.match(r"\s+(?:and|or|&)\s+", sentence[m_end:m_end + 6])
        if follow:
            for other in mentions:
                if other.start - offset == m_end + follow.end():
                    name = f"{name} and {other.text}"
        strength = 0
        if before is not None:
            strength = 1 if re.search(r"\b(?:of|around|near|over|outside)\s+(?:the\s+)?$",
                                      before.group(0).replace(before.group("adj") or "", ""),
                                      re.IGNORECASE) else 2
        found.append((m_start, m_end, name, mention, strength))
    return found


def _pick_scope(
    candidates: list[tuple[int, int, str, PlaceMention | None, int]], anchor_start: int,
    anchor_end: int, phrases_only: bool = False,
) -> tuple[str, PlaceMention | None] | None:
    phrases = [c for c in candidates if c[4]]
    # A place inside the anchor ("90 percent of Mosul, a city of …") or after it comes first.
    after = [c for c in phrases if c[0] >= anchor_start]
    if after:
        return after[0][2], after[0][3]
    before = [c for c in phrases if c[1] <= anchor_start]
    if before:
        return before[-1][2], before[-1][3]
    if candidates and not phrases_only:
        nearest = min(
            candidates, key=lambda c: min(abs(c[0] - anchor_end), abs(anchor_start - c[1]))
        )
        return nearest[2], nearest[3]
    return None


def _demonym_scope(text: str) -> str | None:
    match = DEMONYM_RE.search(text)
    return DEMONYMS[match.group(1).lower()] if match else None


def extract_claims(
    text: str,
    *,
    source: str | None = None,
    date: str | None = None,
    gazetteer: Any = None,
    first_id: int = 1,
    offset: int = 0,
    mentions: list[PlaceMention] | None = None,
) -> list[Claim]:
    """Every area claim in ``text`` (see module doc), ids ``<source>:<N>`` from ``first_id``.

    ``gazetteer``: a :class:`gazetteer.Gazetteer`; None uses the default one when its index is
    available; False skips place finding (scope then comes from capitalised names after "in",
    "across", … and from demonyms). ``date``: the article date (ISO or "Feb. 15, 2017");
    otherwise read from the text's header. ``offset`` is added to every start/end (streaming).
    """
    if not text or not text.strip():
        return []
    gaz = _resolve_gazetteer(gazetteer)
    article = normalise_date(date) if date else article_date(text)
    prefix = source_name(source)
    triggers = _trigger_positions(_lower_same_length(text))
    if not triggers:
        return []
    if mentions is None:
        mentions = find_places(text, gaz) if gaz is not None else []
    wrapped = is_hard_wrapped(text)
    document = _Document(text, gaz, mentions, paragraphs(text, wrapped), wrapped)
    claims: list[Claim] = []
    for paragraph_index, paragraph in enumerate(document.paragraphs):
        if not _has_trigger(triggers, paragraph.start, paragraph.end):
            continue
        sentence_spans = document.sentences(paragraph)
        for index, span in enumerate(sentence_spans):
            if not _has_trigger(triggers, span.start, span.end):
                continue
            sentence = text[span.start:span.end]
            anchors = _anchors_for(sentence)
            if not anchors:
                continue
            claims.extend(
                _claims_of_sentence(
                    document, paragraph_index, span, sentence, anchors, sentence_spans[:index],
                    article, prefix, first_id + len(claims), offset,
                )
            )
    return claims


class _Document:
    """One text and what claims share: place mentions, paragraphs, and (built on first use)
    its sentence spans, country context and speakers."""

    def __init__(
        self, text: str, gaz: Any, mentions: list[PlaceMention], paragraph_spans: list[Span],
        wrapped: bool,
    ) -> None:
        self.text = text
        self.gaz = gaz
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.paragraphs = paragraph_spans
        self.wrapped = wrapped
        # A dateline ("BAGHDAD, Dec. 9 (Reuters) -") names where the story was filed: its
        # place stays a mention of the document, never a place of a claim.
        self.dateline = dateline_span(text) or (0, 0)
        self._sentences: dict[Span, list[Span]] = {}
        self._context: DocumentContext | None = None
        self._speakers: SpeakerIndex | None = None

    def sentences(self, paragraph: Span) -> list[Span]:
        if paragraph not in self._sentences:
            self._sentences[paragraph] = split_sentences(
                self.text, paragraph.start, paragraph.end, wrapped=self.wrapped
            )
        return self._sentences[paragraph]

    def mentions_in(self, span: Span) -> list[PlaceMention]:
        if self.gaz is None:
            return _heuristic_places(self.text, span.start, span.end)
        first = bisect_left(self.mention_starts, span.start)
        last = bisect_left(self.mention_starts, span.end, first)
        start, end = self.dateline
        return [m for m in self.mentions[first:last]
                if m.end <= span.end and not start <= m.start < end]

    def reference_spans(self, paragraph: Span) -> list[tuple[int, int]]:
        """Spans of size-comparison references in a paragraph (absolute offsets)."""
        spans = []
        for sentence in self.sentences(paragraph):
            for comparison in find_comparisons(self.text[sentence.start:sentence.end]):
                spans.append((sentence.start + comparison.start, sentence.start + comparison.end))
        return spans

    @property
    def context(self) -> DocumentContext | None:
        if self._context is None and self.gaz is not None:
            self._context = DocumentContext(self.text, self.paragraphs, self.mentions, self.gaz,
                                            self.reference_spans)
        return self._context

    @property
    def speakers(self) -> SpeakerIndex:
        if self._speakers is None:
            self._speakers = SpeakerIndex(self.text)
        return self._speakers


def _claims_of_sentence(
    document: _Document, paragraph_index: int, span: Span, sentence: str, anchors: list[_Anchor],
    earlier: list[Span], article: str | None, prefix: str, next_id: int, offset: int,
) -> list[Claim]:
    own_mentions = document.mentions_in(span)
    segments = _segments(sentence, anchors)
    excluded = [(a.comparison.start, a.comparison.end) for a in anchors if a.comparison]
    populations = find_populations(sentence)
    out: list[Claim] = []
    kept: list[tuple[_Anchor, bool]] = []  # each claim's anchor, and whether its text dates it
    for anchor, (seg_start, seg_end) in zip(anchors, segments, strict=True):
        population_segment = (seg_start, seg_end)
        speeches = list(_SPEECH_RE.finditer(sentence, seg_start, anchor.start))
        if speeches:
            seg_start = speeches[-1].end()
        tail = _CLAUSE_END_RE.search(sentence, anchor.owned_end, seg_end)
        if tail is not None and anchor.of_total_of is None:
            seg_end = tail.start()
        segment = sentence[seg_start:seg_end]
        rel_start, rel_end = anchor.start - seg_start, anchor.end - seg_start
        qualifier = anchor.area.quantity.qualifier if anchor.area else anchor.qualifier
        if anchor.of_total_of is not None:
            # Its own words come after it: "… of the estimated 9,000 sq. km the group held".
            tail_end = _clause_end(sentence, anchor.end, seg_end)
            own = sentence[anchor.start:tail_end]
            kind = find_kind(own, 0, anchor.end - anchor.start, qualifier) or "peak_held"
            if kind in ("liberated", "lost", "held") and not re.search(
                r"\b(?:now|still|currently)\b", own, re.IGNORECASE
            ):
                kind = "peak_held"
            quote_start, quote_end = anchor.start, tail_end
        else:
            kind_segment = segment
            if anchor.kind_mask is not None:
                mask_start = max(anchor.kind_mask[0] - seg_start, 0)
                mask_end = max(anchor.kind_mask[1] - seg_start, 0)
                kind_segment = (segment[:mask_start] + " " * (mask_end - mask_start)
                                + segment[mask_end:])
            if anchor.kind_at is not None and anchor.kind_at[0] >= seg_start:
                kind = find_kind(kind_segment, anchor.kind_at[0] - seg_start,
                                 anchor.kind_at[1] - seg_start, qualifier)
            else:
                kind = find_kind(kind_segment, rel_start, rel_end, qualifier)
            quote_start, quote_end = _trim(sentence, seg_start, seg_end, anchor.start,
                                           anchor.owned_end)
        comparison = anchor.comparison.comparison if anchor.comparison else None
        scope_text, scope_mention = _scope(
            sentence, span, seg_start, seg_end, anchor, own_mentions, excluded, earlier, document,
        )
        if comparison is not None and anchor.comparison is not None and (
            anchor.comparison.needs_country
        ):
            country = _country_of(scope_mention, scope_text)
            comparison = Comparison(
                reference=(country,) if country else (), factor=comparison.factor,
                qualifier=comparison.qualifier,
            )
        population = None
        candidates = [p for p in populations
                      if population_segment[0] <= p.start < population_segment[1]]
        if candidates and anchor.of_total_of is None:
            nearest = min(candidates, key=lambda p: abs(p.start - anchor.start))
            population = nearest.population
        times = claim_time(segment, article, sentence, anchor.start)
        places, places_from = _claim_places(
            document, paragraph_index, span, own_mentions, (seg_start, population_segment[1]),
            excluded, scope_text, scope_mention,
        )
        speaker = document.speakers.speaker_for(span.start, span.end, span.start + anchor.start)
        stated = anchor.area.quantity.stated if anchor.area else ()
        if anchor.of_total_of is not None:
            percent = None
        else:
            percent = anchor.percent
        quote_start, quote_end = _tidy(sentence, quote_start, quote_end)
        if stated and stated[0].unit == "m2" and kind is None:
            continue  # "15 square metres of tent space": a floor area, not territory
        kept.append((anchor, times["date"] is not None))
        out.append(
            Claim(
                id=f"{prefix}:{next_id + len(out)}",
                quote=sentence[quote_start:quote_end],
                start=offset + span.start + quote_start,
                end=offset + span.start + quote_end,
                stated=stated,
                qualifier=qualifier,
                kind=kind,
                scope=scope_text,
                places=places,
                percent=percent,
                of_total_km2=anchor.of_total_km2,
                population=population,
                comparison=comparison,
                date=times["date"] or article,
                source=None if prefix == "stdin" else prefix,
                speaker=speaker,
                since=times["since"],
                period=times["period"],
                extra={"places_from": places_from} if places_from else {},
            )
        )
    return _link_changes(sentence, kept, out)


# "…, down from 60,400 sq km in January", "up from", "compared with": the figure after it is
# the earlier state of the same quantity. "shrinking from 90,800 sq km to 78,000 sq km": two
# states, at the start and the end of the period.
_EARLIER_GAP_RE = re.compile(
    r"(?:^|[\s,;(—–-])(?:(?:down|up)\s+from|compared\s+(?:with|to)|(?<=,\s)from|^\s*from)"
    r"(?:\s+(?:about|around|some|roughly|nearly|almost|more\s+than|less\s+than|over|under|"
    r"an\s+estimated|just\s+over|just\s+under))?\s*$",
    re.IGNORECASE,
)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_TO_GAP_RE = re.compile(r"^\s*,?\s*(?:(?:down|up|all\s+the\s+way)\s+)?to\s*$", re.IGNORECASE)
_SHRINK_RE = re.compile(
    r"\b(?:shr[iau]nk\w*|fell|fall(?:en|ing|s)?|dropp?\w*|declin\w*|contract\w*|reduc\w*|"
    r"cut|dwindl\w*|down)\b",
    re.IGNORECASE,
)
_EARLIER_KIND = {"remaining": "held", "peak_held": "held"}


def _link_changes(
    sentence: str, kept: list[tuple[_Anchor, bool]], claims: list[Claim]
) -> list[Claim]:
    """Kinds, scopes and dates of figures that state a change (see the patterns above); the
    percent claim of the sentence gets the "from" figure as its total and ``extra``
    ``from_km2``/``to_km2`` (the arithmetic check tests the percent against them)."""
    if len(claims) < 2:
        return claims
    claims = list(claims)
    for index in range(len(claims) - 1):
        (first, first_dated), (second, second_dated) = kept[index], kept[index + 1]
        if first.area is None or second.area is None:
            continue
        # The area matches start at "from"/a qualifier: read the words up to the numbers.
        gap = sentence[first.owned_end:second.area.number_start]
        a, b = claims[index], claims[index + 1]
        if _FROM_BEFORE_RE.search(sentence[:first.area.number_start]) and _TO_GAP_RE.match(
            sentence[first.owned_end:second.start]
        ):
            claims[index], claims[index + 1] = _from_to(sentence, first, a, b, first_dated,
                                                          second_dated, claims)
            _percent_total(claims, claims[index], claims[index + 1])
        elif _EARLIER_GAP_RE.search(gap) and b.kind in (None, a.kind) and (
            a.kind is not None or _SHRINK_RE.search(sentence[:first.area.number_start])
        ):
            if a.kind is None:
                # "the caliphate shrank by 12 per cent … to 68,300 sq km, from 78,000 sq km"
                a = claims[index] = a.replace(kind="held")
            earlier_kind = _EARLIER_KIND.get(a.kind, a.kind)
            claims[index + 1] = b.replace(
                kind=earlier_kind, scope=b.scope or a.scope,
                places=b.places if b.scope else a.places,
            )
            if earlier_kind == "held":
                _percent_total(claims, claims[index + 1], a)
    return claims


def _from_to(
    sentence: str, first: _Anchor, a: Claim, b: Claim, a_dated: bool, b_dated: bool,
    claims: list[Claim],
) -> tuple[Claim, Claim]:
    before = sentence[max(0, first.area.number_start - 60):first.area.number_start] \
        if first.area else ""
    shrinks = (a.km2 or 0) > (b.km2 or 0) and a.kind not in ("liberated", "lost")
    if _SHRINK_RE.search(before) or shrinks:
        kind = "held"  # territory shrinks: both figures are what the group held
    else:
        kind = _EARLIER_KIND.get(a.kind or "", a.kind) or "held"
    period = next((c.period for c in claims if c.period and re.fullmatch(r"\d{4}", c.period)),
                  None)
    scope = a.scope or b.scope or next((c.scope for c in claims if c.scope), None)
    if a_dated or period is not None:
        a_date = a.date if a_dated else f"{period}-01"
    else:
        # "grew from 12,000 to 18,000 sq km in the summer of 2014": the words after the second
        # figure date the change, so the first figure is no later than that.
        a_date = b.date if b_dated else a.date
    a = a.replace(kind=kind, scope=scope, period=None, date=a_date)
    b = b.replace(kind=kind if b.kind in (None, "held", "remaining", "peak_held") else b.kind,
                  scope=scope, period=None,
                  date=b.date if b_dated or period is None else f"{period}-12")
    return a, b


def _percent_total(claims: list[Claim], start: Claim, end: Claim) -> None:
    for position, claim in enumerate(claims):
        if claim.percent is not None and not claim.stated and claim.of_total_km2 is None:
            claims[position] = claim.replace(
                of_total_km2=start.km2,
                extra={**claim.extra, "from_km2": start.km2, "to_km2": end.km2},
            )
            return


def _clause_end(sentence: str, start: int, limit: int) -> int:
    match = re.search(r"[,;:—–]|\s+according\s+to\b", sentence[start:limit])
    return start + match.start() if match else limit


def _tidy(sentence: str, start: int, end: int) -> tuple[int, int]:
    # No dangling spaces or unbalanced opening quotes at the edges of a quote.
    while start < end and sentence[start] in " \t\n,;:“\"‘”":
        start += 1
    while end > start and sentence[end - 1] in " \t\n,;:“\"‘”":
        end -= 1
    return start, end


def _scope(
    sentence: str, span: Span, seg_start: int, seg_end: int, anchor: _Anchor,
    own_mentions: list[PlaceMention], excluded: list[tuple[int, int]], earlier: list[Span],
    document: _Document,
) -> tuple[str | None, PlaceMention | None]:
    offset = span.start
    in_segment = _scope_candidates(sentence, offset, seg_start, seg_end, own_mentions, excluded)
    picked = _pick_scope(in_segment, anchor.start, anchor.owned_end, phrases_only=True)
    if picked:
        return picked
    demonym = _demonym_scope(sentence[seg_start:seg_end])
    if demonym:
        return demonym, None
    picked = _pick_scope(in_segment, anchor.start, anchor.owned_end)
    if picked:
        return picked
    whole = _scope_candidates(sentence, offset, 0, len(sentence), own_mentions, excluded)
    picked = _pick_scope(whole, anchor.start, anchor.owned_end)
    if picked:
        return picked
    demonym = _demonym_scope(sentence)
    if demonym:
        return demonym, None
    # The paragraph so far, nearest sentence first.
    for previous in reversed(earlier):
        previous_text = document.text[previous.start:previous.end]
        previous_mentions = document.mentions_in(previous)
        candidates = _scope_candidates(previous_text, previous.start, 0, len(previous_text),
                                       previous_mentions, [])
        phrases = [c for c in candidates if c[4]]
        if phrases:
            best = max(phrases, key=lambda c: (c[4], c[0]))
            return best[2], best[3]
        demonym = _demonym_scope(previous_text)
        if demonym:
            return demonym, None
        if candidates:
            return candidates[-1][2], candidates[-1][3]
    return None, None


def _country_of(mention: PlaceMention | None, scope_text: str | None) -> str | None:
    if mention is not None and mention.place is not None:
        if mention.place.kind == "country":
            return mention.place.name
        return mention.place.country
    return scope_text


def _claim_places(
    document: _Document, paragraph_index: int, span: Span, own_mentions: list[PlaceMention],
    segment: tuple[int, int], excluded: list[tuple[int, int]], scope_text: str | None,
    scope_mention: PlaceMention | None,
) -> tuple[tuple[Any, ...], str | None]:
    """The claim's places and, when they come from the document, "paragraph" or "lead".

    The scope's place first (a border scope: both countries; a demonym scope: the country),
    then the mentions inside the claim's segment of its sentence except size-comparison
    references; with none of these, the dominant countries of the paragraph, else of the
    article's lead (module doc).
    """
    places: dict[str, Any] = {}
    if scope_mention is not None and scope_mention.place is not None:
        places[scope_mention.place.id] = scope_mention.place
    context = document.context
    if context is not None and scope_text and scope_mention is None:
        # A scope read from words, not a mention: "Iraq-Syria border region", "Iraqi forces".
        named = (context.border_places(scope_text) if scope_text.endswith("border region")
                 else context.country_named(scope_text))
        for place in named:
            places.setdefault(place.id, place)
    for mention in own_mentions:
        start = mention.start - span.start
        if mention.place is None or not segment[0] <= start < segment[1]:
            continue
        if any(s <= start < e for s, e in excluded):
            continue  # "the size of New Jersey": a reference, not where the claim is
        places.setdefault(mention.place.id, mention.place)
    if places or context is None:
        return tuple(places.values()), None
    return context.places_for(paragraph_index)

"""Assemble claims: area figures, comparisons and percent-of-territory statements per sentence,
each with its kind, qualifier, scope, population, dates and places.

A sentence may hold several claims ("4mn people in 41,000sq km … across Iraq and 2.3mn people
in 44,000sq km across Syria"): it is cut into one segment per claim at the last clause boundary
(";", " and ", ", ", " while ", " but ") between them, and each claim reads only its segment.
A figure after "of the (estimated) …" is the total a percentage refers to: it sets the previous
claim's ``of_total_km2`` and is a claim of its own (peak held, unless its own words say more).
A figure in parentheses after a size comparison ("the U.S. capital (177 sq. km.)") is the
reference's stated area, not a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from geo.claim import Claim, Comparison
from geo.extract.classify import (
    DEMONYM_RE,
    DEMONYMS,
    ComparisonMatch,
    find_comparisons,
    find_kind,
    find_percents,
    find_populations,
)
from geo.extract.dates import article_date, claim_time, normalise_date
from geo.extract.places import _SUFFIX_RE, PlaceMention, find_places
from geo.extract.sentences import Span, paragraphs, split_sentences
from geo.quantity import AreaMatch, find_areas

__all__ = ["extract_claims", "source_name"]

_TRIGGER_RE = re.compile(
    r"sq|square|km|kilomet|mile|hectare|acre|dun[ua]m|d[oö]n[uü]m|donum|m2|²|\bha\b|"
    r"size of|area of|percent|"
    r"per cent|%|half|third|quarter|fifth|tenth|bigger|larger|smaller|as big|as large"
)


def _triggered(sentence: str) -> bool:
    # Lower-casing once and one case-sensitive scan is several times faster than IGNORECASE.
    return _TRIGGER_RE.search(sentence.lower()) is not None


_OF_TOTAL_RE = re.compile(
    r"(?:\bof|\bout\s+of)(?:\s+(?:the|a|an|its|their|total|entire|original))*\s*$", re.IGNORECASE
)
_BOUNDARY_RE = re.compile(
    r";|,\s+and\s+|\s+and\s+|,\s+|\s+while\s+|\s+but\s+|\s+whereas\s+|\s+[—–]\s+"
)
_SCOPE_BEFORE_RE = re.compile(
    r"(?:\b(?:across|throughout|in|inside|within|around|near|over|of|outside)\s+(?:and\s+around\s+)?"
    r"(?:the\s+)?(?:whole\s+of\s+|all\s+of\s+|rest\s+of\s+|outskirts\s+of\s+)?(?:the\s+)?"
    r"|\b(?:north|south|east|west)(?:[-\s]?(?:north|south|east|west))*(?:ern)?\s+of\s+"
    r"(?:the\s+)?)"
    r"(?P<adj>(?:north|south|east|west)(?:[-\s]?(?:east|west))?ern\s+|central\s+)?$",
    re.IGNORECASE,
)
_BORDER_RE = re.compile(
    r"(?:the\s+)?(?P<a>Iraqi?|Syrian?|Turk(?:ish|ey)|Jordan(?:ian)?|Leban(?:on|ese)|Saudi)"
    r"\s*[-–/]\s*(?P<b>Iraqi?|Syrian?|Turk(?:ish|ey)|Jordan(?:ian)?|Leban(?:on|ese)|Saudi)"
    r"\s+border(?:\s+(?:region|area|zone))?",
    re.IGNORECASE,
)
_BORDER_NAMES = {
    "iraq": "Iraq", "iraqi": "Iraq", "syria": "Syria", "syrian": "Syria", "turkey": "Turkey",
    "turkish": "Turkey", "jordan": "Jordan", "jordanian": "Jordan", "lebanon": "Lebanon",
    "lebanese": "Lebanon", "saudi": "Saudi Arabia",
}
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
    owned_end: int = 0
    extras: list[tuple[int, int]] = field(default_factory=list)


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
        from gazetteer import default_gazetteer

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
    reference_spans = [
        (c.stated_start, c.stated_end) for c in comparisons if c.stated_start is not None
    ]
    anchors: list[_Anchor] = []
    for area in find_areas(sentence):
        if any(s is not None and e is not None and s <= area.start < e
               for s, e in reference_spans):
            continue  # "(177 sq. km.)": the reference's own area
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
    for percent in find_percents(sentence):
        if any(a.start <= percent.start < a.owned_end for a in anchors if a.comparison
               and a.comparison.start <= percent.start < a.comparison.end):
            continue  # "1% of Egypt's territory" is a comparison
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
        if owner is not None and owner.percent is None:
            owner.percent = percent.percent
            continue
        if percent.of_territory:
            anchors.append(_Anchor(percent.start, percent.end, percent=percent.percent,
                                   owned_end=percent.end))
    anchors.sort(key=lambda a: a.start)
    return anchors


def _segments(sentence: str, anchors: list[_Anchor]) -> list[tuple[int, int]]:
    """One (start, end) per anchor: cut at the last clause boundary between neighbours."""
    cuts = [0]
    for previous, current in zip(anchors, anchors[1:], strict=False):
        if current.of_total_of is previous:
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
    for match in _BORDER_RE.finditer(sentence, start, end):
        a, b = (_BORDER_NAMES[match[g].lower()] for g in ("a", "b"))
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
    after = [c for c in phrases if c[0] >= anchor_end]
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
    if mentions is None:
        mentions = find_places(text, gaz) if gaz is not None and _triggered(text) else []
    claims: list[Claim] = []
    for paragraph in paragraphs(text):
        sentence_spans = split_sentences(text, paragraph.start, paragraph.end)
        for index, span in enumerate(sentence_spans):
            sentence = text[span.start:span.end]
            if not _triggered(sentence):
                continue
            anchors = _anchors_for(sentence)
            if not anchors:
                continue
            claims.extend(
                _claims_of_sentence(
                    text, span, sentence, anchors, sentence_spans[:index], mentions, gaz,
                    article, prefix, first_id + len(claims), offset,
                )
            )
    return claims


def _sentence_mentions(
    text: str, span: Span, mentions: list[PlaceMention], gaz: Any
) -> list[PlaceMention]:
    if gaz is None:
        return _heuristic_places(text, span.start, span.end)
    return [m for m in mentions if span.start <= m.start and m.end <= span.end]


def _claims_of_sentence(
    text: str, span: Span, sentence: str, anchors: list[_Anchor], earlier: list[Span],
    mentions: list[PlaceMention], gaz: Any, article: str | None, prefix: str, next_id: int,
    offset: int,
) -> list[Claim]:
    own_mentions = _sentence_mentions(text, span, mentions, gaz)
    segments = _segments(sentence, anchors)
    excluded = [(a.comparison.start, a.comparison.end) for a in anchors if a.comparison]
    populations = find_populations(sentence)
    out: list[Claim] = []
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
        qualifier = anchor.area.quantity.qualifier if anchor.area else None
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
            kind = find_kind(segment, rel_start, rel_end, qualifier)
            quote_start, quote_end = _trim(sentence, seg_start, seg_end, anchor.start,
                                           anchor.owned_end)
        comparison = anchor.comparison.comparison if anchor.comparison else None
        scope_text, scope_mention = _scope(
            sentence, span, seg_start, seg_end, anchor, own_mentions, excluded, earlier, text,
            mentions, gaz,
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
        times = claim_time(segment, article)
        places = _claim_places(own_mentions, scope_mention)
        stated = anchor.area.quantity.stated if anchor.area else ()
        if anchor.of_total_of is not None:
            percent = None
        else:
            percent = anchor.percent
        quote_start, quote_end = _tidy(sentence, quote_start, quote_end)
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
                since=times["since"],
                period=times["period"],
            )
        )
    return out


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
    text: str, mentions: list[PlaceMention], gaz: Any,
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
        previous_text = text[previous.start:previous.end]
        previous_mentions = _sentence_mentions(text, previous, mentions, gaz)
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
    own_mentions: list[PlaceMention], scope_mention: PlaceMention | None
) -> tuple[Any, ...]:
    places: dict[str, Any] = {}
    for mention in [*own_mentions, *([scope_mention] if scope_mention else [])]:
        if mention.place is not None:
            places.setdefault(mention.place.id, mention.place)
    return tuple(places.values())

"""One claim from one anchor: its kind, quote, scope, places, share, dates, speaker and actor.

Field semantics (see :class:`contested.claims.model.Claim`):

* ``date`` is the publication date; ``ref_date`` the date the figure refers to when its words
  give one ("in January 2015", "by the end of the year", "at the start of 2017"); ``since`` and
  ``period`` the span a change covers ("since last August", "in 2016", "in the past week").
* ``scope`` is where the sentence puts the figure (:mod:`contested.claims.extract.scopes`);
  when the claim's own sentence names nothing, an earlier sentence of its paragraph does, and
  ``scope_note`` says so (the document-wide fallback is in
  :mod:`contested.claims.extract.claims`).
* ``percent``/``percent_max``/``of_total`` come from the claim's share; ``of_total_km2`` is a
  stated total ("of the estimated 109,770 sq km"), else, for a share with no figure of its own,
  the official area of the country it is of ("40 percent of Iraq", "95 percent of the
  country").
* ``unit_note`` says how an irregular figure was read ("written 'km' … read as km²").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from contested.claims.extract.actors import ActorIndex
from contested.claims.extract.anchors import Anchor
from contested.claims.extract.dates import claim_time
from contested.claims.extract.document import Document
from contested.claims.extract.kinds import find_kind
from contested.claims.extract.places import PlaceMention
from contested.claims.extract.populations import PopulationMatch
from contested.claims.extract.scopes import SentenceScopes
from contested.claims.extract.segments import claim_segment, clause_end, tidy, trim
from contested.claims.extract.sentences import Span
from contested.claims.model import Claim, Comparison
from contested.gazetteer.official_areas import default_references

__all__ = ["SentenceReading", "build_claim"]

_NOW_RE = re.compile(r"\b(?:now|still|currently)\b", re.IGNORECASE)
_EARLIER_NOTE = "from an earlier sentence of the paragraph"


@dataclass
class SentenceReading:
    """What the claims of one sentence share."""

    document: Document
    actors: ActorIndex
    paragraph_index: int
    paragraph: Span
    index: int  # of the sentence in its paragraph
    span: Span
    sentence: str
    article: str | None  # publication date, ISO
    populations: list[PopulationMatch]
    excluded: list[tuple[int, int]]  # comparison spans: references, not places

    @property
    def scopes(self) -> SentenceScopes:
        return self.document.scopes(self.span)


@dataclass(frozen=True, slots=True)
class Built:
    claim: Claim
    dated: bool  # its own words date it


def build_claim(reading: SentenceReading, anchor: Anchor, segment: tuple[int, int],
                claim_id: str, source: str | None) -> Built | None:
    """The claim ``anchor`` anchors in its ``segment`` of the sentence, or None when it is not
    a territorial claim after all (a floor area in m² with nothing to say what it is)."""
    sentence = reading.sentence
    own = claim_segment(sentence, segment, anchor.start, anchor.owned_end,
                        anchor.of_total_of is not None)
    kind, quote = _kind_and_quote(sentence, anchor, own)
    stated = anchor.area.quantity.stated if anchor.area else ()
    if stated and stated[0].unit == "m2" and kind is None:
        return None  # "15 square metres of tent space": a floor area, not territory
    scope, mention, note = _scope(reading, anchor, own)
    times = _times(reading, anchor, own, kind)
    places, places_from = _places(reading, own, segment, scope, mention)
    share = anchor.share if anchor.of_total_of is None else None
    absolute = reading.span.start
    claim = Claim(
        id=claim_id, quote=sentence[quote[0]:quote[1]],
        start=absolute + quote[0], end=absolute + quote[1],
        stated=stated, qualifier=anchor.qualifier, kind=kind, scope=scope, places=places,
        percent=share.percent if share else None,
        percent_max=share.percent_max if share else None,
        of_total=share.of.text if share and share.of else None,
        of_total_km2=anchor.of_total_km2 if anchor.of_total_km2 is not None or stated
        else _official_total(share, scope, mention),
        population=_population(reading, anchor, segment),
        comparison=_comparison(anchor, scope, mention),
        date=reading.article, ref_date=times["date"], since=times["since"],
        period=times["period"], source=source,
        speaker=reading.document.speakers.speaker_for(
            reading.span.start, reading.span.end, absolute + anchor.start),
        actor=reading.actors.actor(_actor_clause(anchor, own, quote, absolute),
                                   (absolute + anchor.start, absolute + anchor.end), kind),
        unit_note=anchor.area.note if anchor.area else None,
        scope_note=note,
        extra={"places_from": places_from} if places_from else {},
    )
    return Built(claim, times["date"] is not None)


def _kind_and_quote(sentence: str, anchor: Anchor, own: tuple[int, int]
                    ) -> tuple[str | None, tuple[int, int]]:
    qualifier = anchor.qualifier
    if anchor.of_total_of is not None:
        # Its own words come after it: "… of the estimated 9,000 sq. km the group held".
        tail_end = clause_end(sentence, anchor.end, own[1])
        words = sentence[anchor.start:tail_end]
        kind = find_kind(words, 0, anchor.end - anchor.start, qualifier) or "peak_held"
        if kind in ("liberated", "lost", "held") and not _NOW_RE.search(words):
            kind = "peak_held"
        return kind, tidy(sentence, anchor.start, tail_end)
    start, end = own
    segment = _own_words(sentence, own, anchor)
    # The figure's own number (after "over", "more than") is what cues stand before.
    figure_start = anchor.area.number_start if anchor.area is not None else (
        anchor.share.number_start if anchor.share is not None else anchor.start)
    at = anchor.kind_at if anchor.kind_at is not None and anchor.kind_at[0] >= start else (
        figure_start, anchor.end)
    kind = find_kind(segment, at[0] - start, at[1] - start, qualifier)
    if anchor.share is not None and anchor.share.change == "lost" and kind in (None, "held"):
        kind = "lost"  # "the caliphate shrank by 12%", "a loss of 14 percent"
    quote = trim(sentence, start, end, anchor.start, anchor.owned_end)
    return kind, tidy(sentence, *quote)


def _actor_clause(anchor: Anchor, own: tuple[int, int], quote: tuple[int, int],
                  absolute: int) -> tuple[int, int]:
    """Where the actor is read: a total's own words ("the 109,770 sq km that ISIS originally
    held"), else the claim's clause."""
    if anchor.of_total_of is not None:
        return absolute + quote[0], absolute + quote[1]
    return absolute + own[0], absolute + own[1]


def _own_words(sentence: str, own: tuple[int, int], anchor: Anchor) -> str:
    """The claim's clause with the words that describe something else blanked out (what its
    share is of, the total's own clause), same length."""
    start, end = own
    segment = sentence[start:end]
    if anchor.kind_mask is not None:
        mask_start = min(max(anchor.kind_mask[0] - start, 0), len(segment))
        mask_end = min(max(anchor.kind_mask[1] - start, 0), len(segment))
        segment = segment[:mask_start] + " " * (mask_end - mask_start) + segment[mask_end:]
    return segment


_STATES = ("held", "peak_held", "remaining")


def _times(reading: SentenceReading, anchor: Anchor, own: tuple[int, int],
           kind: str | None) -> dict[str, str | None]:
    """ref_date/since/period; a year alone dates a state ("held a third of Iraq in 2014":
    ref_date 2014) and is the period of a change ("lost 14 percent in 2015")."""
    words = _own_words(reading.sentence, own, anchor)
    times = claim_time(words, reading.article, reading.sentence, anchor.start)
    period = times["period"]
    if kind in _STATES and times["date"] is None and period and re.fullmatch(r"\d{4}", period):
        times = {**times, "date": period, "period": None}
    return times


def _scope(reading: SentenceReading, anchor: Anchor, own: tuple[int, int]
           ) -> tuple[str | None, PlaceMention | None, str | None]:
    """(scope, the mention it names, scope_note)."""
    scopes = reading.scopes
    share = anchor.share
    if share is not None and share.of is not None and share.of.reading in ("place",
                                                                             "territory"):
        named = scopes.at(share.of.start, share.of.end)
        if named is not None:
            return named.name, named.mention, None
        if share.of.place is not None:
            return share.of.place, None, None
    picked = scopes.pick(own, (anchor.start, anchor.owned_end))
    if picked is not None:
        return picked[0], picked[1], None
    earlier = reading.document.earlier_scope(reading.paragraph, reading.index)
    if earlier is not None:
        return earlier[0], earlier[1], _EARLIER_NOTE
    return None, None, None


def _places(reading: SentenceReading, own: tuple[int, int], segment: tuple[int, int],
            scope: str | None, mention: PlaceMention | None) -> tuple[tuple[Any, ...], str | None]:
    """The claim's places and, when they come from the document, "paragraph" or "lead".

    The scope's place first (a border scope: both countries; a demonym scope: the country),
    then the mentions inside the claim's segment of its sentence except size-comparison
    references; with none of these, the dominant countries of the paragraph, else of the
    article's lead.
    """
    places: dict[str, Any] = {}
    if mention is not None and mention.place is not None:
        places[mention.place.id] = mention.place
    context = reading.document.context
    if context is not None and scope and mention is None:
        # A scope read from words, not a mention: "Iraq-Syria border region", "Iraqi forces".
        named = (context.border_places(scope) if scope.endswith("border region")
                 else context.country_named(scope))
        for place in named:
            places.setdefault(place.id, place)
    absolute = reading.span.start
    for candidate in reading.document.mentions_in(reading.span):
        start = candidate.start - absolute
        if candidate.place is None or not own[0] <= start < segment[1]:
            continue
        if any(s <= start < e for s, e in reading.excluded):
            continue  # "the size of New Jersey": a reference, not where the claim is
        places.setdefault(candidate.place.id, candidate.place)
    if places or context is None:
        return tuple(places.values()), None
    return context.places_for(reading.paragraph_index)


def _population(reading: SentenceReading, anchor: Anchor, segment: tuple[int, int]
                ) -> int | None:
    if anchor.of_total_of is not None:
        return None
    candidates = [p for p in reading.populations if segment[0] <= p.start < segment[1]]
    if not candidates:
        return None
    return min(candidates, key=lambda p: abs(p.start - anchor.start)).population


def _country_of(mention: PlaceMention | None, scope: str | None) -> str | None:
    if mention is not None and mention.place is not None:
        if mention.place.kind == "country":
            return mention.place.name
        return mention.place.country
    return scope


def _comparison(anchor: Anchor, scope: str | None, mention: PlaceMention | None
                ) -> Comparison | None:
    if anchor.comparison is None:
        return None
    comparison = anchor.comparison.comparison
    if anchor.comparison.needs_country:
        # "more than half of the country": the reference is the scope's country.
        country = _country_of(mention, scope)
        comparison = Comparison(reference=(country,) if country else (),
                                factor=comparison.factor, qualifier=comparison.qualifier)
    return comparison


def _official_total(share: Any, scope: str | None, mention: PlaceMention | None
                    ) -> float | None:
    """The official area of the country a share with no figure is of, when known."""
    if share is None or share.of is None or not share.of.whole:
        return None
    if share.of.country:
        name = _country_of(mention, scope)
    else:
        name = share.of.place
    if not name:
        return None
    table = default_references()
    key = None
    if mention is not None and mention.place is not None and mention.place.kind == "country":
        key = mention.place.id
    key = key if key is not None and table.get(key) else table.exact_key(name)
    reference = table.get(key) if key else None
    if reference is None or reference.kind != "country":
        return None
    return reference.total_km2

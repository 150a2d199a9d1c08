"""Read the territorial claims of a news text: every area figure, every share of territory and
every size comparison, each with its kind, qualifier, scope, places, actor and dates.

The text is read paragraph by paragraph, sentence by sentence; only sentences with a trigger
word (a unit, "percent", a fraction, "size of", …) are read closely. In each, the anchors
(:mod:`~contested.claims.extract.anchors`) are found, the sentence is cut into one clause per
anchor (:mod:`~contested.claims.extract.segments`), each anchor becomes a claim
(:mod:`~contested.claims.extract.build`), and figures that state a change are linked
(:mod:`~contested.claims.extract.changes`).

When neither a claim's sentence nor its paragraph names where it is, its scope is implied from
the document: the scope the document's other figures state most often, else the countries
the document's places are mostly in; ``scope_note`` says which.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any

from contested.claims.extract.actors import ActorIndex
from contested.claims.extract.anchors import find_anchors
from contested.claims.extract.build import SentenceReading, build_claim
from contested.claims.extract.changes import Part, link_changes
from contested.claims.extract.dates import article_date, normalise_date
from contested.claims.extract.demonyms import COUNTRY_NAMES
from contested.claims.extract.document import Document
from contested.claims.extract.notices import WarningSink, emit, number_warnings, script_warning
from contested.claims.extract.places import PlaceMention, find_places
from contested.claims.extract.populations import find_populations
from contested.claims.extract.segments import segments
from contested.claims.extract.sentences import Span, is_hard_wrapped, paragraphs
from contested.claims.model import Claim
from contested.claims.quantity import RejectedFigure
from contested.core.exceptions import InputError

__all__ = ["extract_claims", "source_name"]

# Words without which a sentence holds no claim (units, comparisons, shares).
_TRIGGER_WORDS = (
    "sq", "km", "kilomet", "mile", "hectare", "acre", "dunum", "dunam", "donum", "dönüm",
    "feddan", "faddan",
    "donüm", "dönum", "m2", "²", "size of", "area of", "percent", "per cent", "%", "half",
    "third", "quarter", "fourth", "fifth", "sixth", "eighth", "tenth", " pct", "per-cent",
    "bigger", "larger", "smaller", "as big", "as large",
    "1/2", "1/3", "2/3", "1/4", "3/4", "1/5", "1/10", "districts", "provinces", "states",
)
_HA_RE = re.compile(r"ha\b")  # a literal prefix: sre scans for it fast; the word start is
# checked after
_OTHER_FIGURES_NOTE = "implied from the document's other figures (its own sentence names none)"
_DOCUMENT_PLACES_NOTE = ("implied from the places the document names (no figure of it states "
                         "a scope)")


def source_name(source: str | None) -> str:
    """Claim-id prefix: a file name without folders; "-" or nothing → "stdin"."""
    if not source or source == "-":
        return "stdin"
    return re.split(r"[\\/]", str(source))[-1] or "stdin"


def _source_field(source: str | None) -> str | None:
    """The claims' ``source``: a file name without folders, a URL or outlet as given."""
    if not source or source == "-":
        return None
    return source if "://" in source else source_name(source)


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


def _check_arguments(text: Any, gazetteer: Any) -> None:
    if not isinstance(text, str):
        raise InputError(f"extract_claims needs the text as a str, not {type(text).__name__}",
                         field="text")
    if gazetteer is not None and not callable(getattr(gazetteer, "resolve", None)):
        raise InputError(
            f"gazetteer must be a contested Gazetteer or None (find no places), not "
            f"{gazetteer!r}", field="gazetteer",
            hint="pass contested.gazetteer.default_gazetteer() for the shipped one",
        )


def extract_claims(
    text: str,
    *,
    gazetteer: Any,
    source: str | None = None,
    date: str | None = None,
    doc_id: str | None = None,
    first_id: int = 1,
    offset: int = 0,
    mentions: list[PlaceMention] | None = None,
    on_warning: WarningSink | None = None,
) -> list[Claim]:
    """Every territorial claim in ``text`` (see the module doc).

    ``gazetteer``: a :class:`contested.gazetteer.Gazetteer` whose places the claims name, or
    None to find no places (scope then comes from the words alone); its errors propagate.
    ``source``: the document's name (``source`` field, and the id prefix when there is no
    ``doc_id``); ``doc_id`` makes ids ``<doc_id>:<N>``, N from ``first_id``. ``date``: the
    publication date (ISO or "Feb. 15, 2017"), else read from the text's header. ``offset`` is
    added to every start/end (streaming). Warnings (:mod:`~contested.claims.extract.notices`)
    go to ``on_warning``.
    """
    _check_arguments(text, gazetteer)
    if not text.strip():
        return []
    if offset == 0 and (warning := script_warning(text, source)) is not None:
        emit(on_warning, warning)
    triggers = _trigger_positions(_lower_same_length(text))
    if not triggers:
        return []
    if mentions is None:
        mentions = find_places(text, gazetteer) if gazetteer is not None else []
    wrapped = is_hard_wrapped(text)
    document = Document(text, gazetteer, mentions, paragraphs(text, wrapped), wrapped)
    reader = _Reader(document, normalise_date(date) if date else article_date(text),
                     doc_id or source_name(source), _source_field(source), first_id)
    for paragraph_index, paragraph in enumerate(document.paragraphs):
        if not _has_trigger(triggers, paragraph.start, paragraph.end):
            continue
        for index, span in enumerate(document.sentences(paragraph)):
            if _has_trigger(triggers, span.start, span.end):
                reader.read(paragraph_index, paragraph, index, span)
    for warning in number_warnings(text, reader.rejected, source, offset):
        emit(on_warning, warning)
    claims = _imply_scopes(reader.claims, document)
    return [_shifted(claim, offset) for claim in claims] if offset else claims


def _shifted(claim: Claim, offset: int) -> Claim:
    return claim.replace(start=(claim.start or 0) + offset, end=(claim.end or 0) + offset)


class _Reader:
    """Reads sentences into claims, numbering them through the document."""

    def __init__(self, document: Document, article: str | None, prefix: str,
                 source: str | None, first_id: int) -> None:
        self.document = document
        self.actors = ActorIndex(document.text)
        self.article = article
        self.prefix = prefix
        self.source = source
        self.next_id = first_id
        self.claims: list[Claim] = []
        self.rejected: list[RejectedFigure] = []

    def read(self, paragraph_index: int, paragraph: Span, index: int, span: Span) -> None:
        sentence = self.document.text[span.start:span.end]
        rejected: list[RejectedFigure] = []
        anchors = find_anchors(sentence, rejected)
        self.rejected.extend(RejectedFigure(r.start + span.start, r.end + span.start, r.reason)
                             for r in rejected)
        if not anchors:
            return
        reading = SentenceReading(
            document=self.document, actors=self.actors, paragraph_index=paragraph_index,
            paragraph=paragraph, index=index, span=span, sentence=sentence,
            article=self.article, populations=find_populations(sentence),
            excluded=[(a.comparison.start, a.comparison.end) for a in anchors if a.comparison],
        )
        parts = []
        for anchor, segment in zip(anchors, segments(sentence, anchors), strict=True):
            built = build_claim(reading, anchor, segment, f"{self.prefix}:{self.next_id}",
                                self.source)
            if built is None:
                continue
            self.next_id += 1
            parts.append(Part(anchor, _continued(built.claim, anchor, parts), built.dated))
        self.claims.extend(link_changes(sentence, parts))


def _continued(claim: Claim, anchor: Any, parts: list[Part]) -> Claim:
    """A share that goes on from the one before ("lost 40% of … in Iraq and 20% in Syria")
    takes its kind and actor when its own words give none."""
    if not parts or anchor.share is None or not anchor.share.continues or claim.kind:
        return claim
    previous = parts[-1].claim
    return claim.replace(kind=previous.kind, actor=claim.actor or previous.actor)


def _imply_scopes(claims: list[Claim], document: Document) -> list[Claim]:
    """Claims with no scope take the document's (see the module doc): the scope other figures
    of the same kind state most often ("ISIS still holds 2,195 sq km" after "still hold
    pockets … around the Iraqi-Syria border"), else a country-level scope of any other
    figure ("Iraq"; a province one figure is about says nothing of the others), else the
    countries the document's places are mostly in."""
    if all(claim.scope for claim in claims):
        return claims
    stated = [c for c in claims if c.scope and not c.scope_note]
    fallback = _most_common(c for c in stated if _is_country_scope(c))
    countries: tuple[Any, ...] | None = None
    out = []
    for claim in claims:
        if claim.scope:
            out.append(claim)
            continue
        family = _FAMILY.get(claim.kind or "")
        donor = _most_common(c for c in stated if _FAMILY.get(c.kind or "") == family) \
            if family else None
        donor = donor or fallback
        if donor is not None:
            out.append(claim.replace(scope=donor.scope, scope_note=_OTHER_FIGURES_NOTE,
                                     places=claim.places or donor.places))
            continue
        if countries is None:
            countries = _document_countries(document)
        if countries:
            out.append(claim.replace(scope=" and ".join(p.name for p in countries),
                                     scope_note=_DOCUMENT_PLACES_NOTE,
                                     places=claim.places or countries))
        else:
            out.append(claim)
    return out


_FAMILY = {"held": "held", "remaining": "held", "liberated": "change", "lost": "change",
           "peak_held": "peak"}


def _most_common(claims: Any) -> Claim | None:
    """The first claim with the scope stated most often among ``claims``, or None."""
    found = list(claims)
    if not found:
        return None
    scope = Counter(c.scope for c in found).most_common(1)[0][0]
    return next(c for c in found if c.scope == scope)


def _is_country_scope(claim: Claim) -> bool:
    """Whether the claim's scope names countries only ("Iraq", "Iraq and Syria")."""
    names = [name.strip() for name in claim.scope.split(" and ")] if claim.scope else []
    countries = {p.name for p in claim.places if p.kind == "country"}
    return bool(names) and all(name in countries or name in COUNTRY_NAMES for name in names)


def _document_countries(document: Document) -> tuple[Any, ...]:
    context = document.context
    if context is None:
        return ()
    return context.document_countries()

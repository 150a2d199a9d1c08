"""Sentences into claims: anchors, one clause per anchor, one claim per anchor, the parts of a
change linked, ids numbered through the document."""

from __future__ import annotations

import re

from contested.claims.extract.actors import ActorIndex
from contested.claims.extract.anchors import Anchor, find_anchors
from contested.claims.extract.build import SentenceReading, build_claim
from contested.claims.extract.changes import Part, link_changes
from contested.claims.extract.document import Document
from contested.claims.extract.populations import find_populations
from contested.claims.extract.segments import segments
from contested.claims.extract.sentences import Span
from contested.claims.model import Claim
from contested.claims.quantity import RejectedFigure
from contested.core.lazy import LazyRegex

__all__ = ["Reader"]


class Reader:
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
            claim = _continued(built.claim, anchor, parts)
            claim = _listed_after(claim, sentence, anchor, parts)
            parts.append(Part(anchor, claim, built.dated))
        self.claims.extend(link_changes(sentence, parts))


def _continued(claim: Claim, anchor: Anchor, parts: list[Part]) -> Claim:
    """A share that goes on from the one before ("lost 40% of the territory it once held in
    Iraq and 20% in Syria") takes its kind and actor when its own words give none, and what
    it is of when it says nothing of it (the place the earlier share named left out)."""
    if not parts or anchor.share is None or not anchor.share.continues:
        return claim
    previous = parts[-1].claim
    changes: dict[str, object] = {}
    if not claim.kind and not _CONTESTED_RE.search(claim.quote or ""):
        changes.update(kind=previous.kind, actor=claim.actor or previous.actor)
    if claim.scope is None and previous.scope is not None:
        changes.update(scope=previous.scope, scope_note=previous.scope_note,
                       places=claim.places or previous.places)
    if claim.of_total is None and previous.of_total:
        same_scope = claim.scope in (None, previous.scope)
        changes["of_total"] = previous.of_total if same_scope else _IN_PLACE_RE.sub(
            "", previous.of_total)
        if same_scope and claim.of_total_km2 is None:
            changes["of_total_km2"] = previous.of_total_km2
    return claim.replace(**changes) if changes else claim


def _listed_after(claim: Claim, sentence: str, anchor: Anchor, parts: list[Part]) -> Claim:
    """An area joined by "and" to the one before it under one verb ("had lost 5,790 sq miles
    in Iraq … and 770 sq miles in Syria") takes that one's kind and actor when its own words
    give none."""
    if claim.kind or not parts or anchor.area is None or parts[-1].anchor.area is None:
        return claim
    previous = parts[-1]
    gap = sentence[previous.anchor.owned_end:anchor.area.start]
    if previous.claim.kind is None or not _AND_BEFORE_RE.search(gap):
        return claim
    return claim.replace(kind=previous.claim.kind, actor=claim.actor or previous.claim.actor)


# ", and" closing the gap between two figures, the second with its qualifier at most.
_AND_BEFORE_RE = re.compile(r"(?:^|[,\s])and\s+(?:the\s+)?$", re.IGNORECASE)
_CONTESTED_RE = re.compile(r"\bcontest", re.IGNORECASE)  # held by no one side: no kind
_IN_PLACE_RE = LazyRegex(r"\s+in\s+[A-Z][\w'’ -]*$")

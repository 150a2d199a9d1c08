"""What anchors each claim of a sentence: an area figure, a size comparison or a share.

* An area figure is a claim. A figure after "of the (estimated) …" is the total a share refers
  to: it sets the previous claim's ``of_total_km2`` and is a claim of its own.
* A comparison belongs to the figure before it ("2,195 sq km — about 12 times the size of the
  U.S. capital") or right after it; alone it is a claim of its own. A figure in brackets after
  it ("(177 sq. km.)") is the reference's stated area, not a claim.
* A share belongs to a figure right next to it ("49 square kilometers, or 13.5 percent of the
  Gaza Strip", "98 percent, or about 107,575 sq km"); "P percent of the TOTAL[, or about PART]"
  makes the total a claim and gives the part the percent; otherwise a territorial share is a
  claim of its own (:mod:`contested.claims.extract.shares`). A share of a named place with a
  figure of its own is also a size comparison ("30,000 sq km, or 1% of Egypt's territory").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contested.claims.extract.comparisons import (
    ComparisonMatch,
    find_comparisons,
    normalise_reference,
)
from contested.claims.extract.shares import ShareMatch, find_shares
from contested.claims.model import Comparison
from contested.claims.quantity import AreaMatch, RejectedFigure, find_areas
from contested.core.lazy import LazyRegex

__all__ = ["Anchor", "find_anchors"]

_OF_TOTAL_RE = LazyRegex(
    r"(?:\bof|\bout\s+of)(?:\s+(?:the|a|an|its|their|total|entire|original|[\w-]+['’]s?"
    r"(?=\s|$)))*\s*$", re.IGNORECASE
)
# "62 percent of the (estimated) 40,000 sq km": the figure right after is the share's total.
_PERCENT_OF_GAP_RE = LazyRegex(
    r"\s*(?:of|out\s+of)\s+(?:(?:the|its|their|an?)\s+)?(?:(?:estimated|original|total|"
    r"entire|whole)\s+)?",
    re.IGNORECASE,
)
# "…, or about 24,800 sq km", "…, roughly 25,000 sq km": the part restated as a figure.
_PART_GAP_RE = LazyRegex(
    r"[^;:.]{0,100}?,\s*(?:or\s+|that\s+is\s+|i\.e\.,?\s+)?(?:an\s+estimated\s+)?",
    re.IGNORECASE,
)
# The verb of the total's own clause ("the 110,000 sq km that ISIS once held").
_TOTAL_VERB_RE = LazyRegex(
    r"[^,;:]{0,60}?\b(?:held|controlled|occupied|ruled|seized|overran|overrun|captured|took|"
    r"taken|had|grabbed|conquered)\b",
    re.IGNORECASE,
)
# Between a figure and the share that restates it: "49 sq km, or 13.5 percent",
# "58 sq km, accounting for 16 percent", "12 sq km, equivalent to 3 percent".
_SHARE_AFTER_FIGURE_RE = LazyRegex(
    r"[\s,(—–-]*(?:(?:or|accounting\s+for|equivalent\s+to|equal\s+to|representing|amounting\s+"
    r"to|which\s+is|that\s+is|i\.e\.,?|nearly|almost|about|some|roughly|around|approximately|"
    r"over|more\s+than|less\s+than|just)\s+)*",
    re.IGNORECASE,
)
# "30,000 sq km in Sinai, or 1% of Egypt's territory", "4,000 sq km the group still holds
# amount to less than 1 percent of Iraq's territory": a short phrase, then a link word.
_SHARE_AFTER_PHRASE_RE = LazyRegex(
    r"[^\d;:.]{0,50}?(?:,\s*(?:or|accounting\s+for|equivalent\s+to|equal\s+to|representing|"
    r"amounting\s+to|which\s+is|that\s+is)|\s+or|\s+(?:amounts?|amounted|amounting)\s+to|"
    r"\s+(?:represents?|represented|accounts?\s+for|accounted\s+for|makes?\s+up|made\s+up|"
    r"equals?|constitutes?))\s+(?:(?:about|some|roughly|around|nearly|"
    r"almost|approximately|over|more\s+than|less\s+than|just)\s+)?",
    re.IGNORECASE,
)
# Between a share and the figure that restates it: "a third of Iraq, or roughly 145,000 sq
# km", "half of the country in 2014, some 40,000 sq km", "98 percent (about 10,000 sq km)",
# "53% of the Strip, an area of roughly 190 sq km" (the share's area, not the Strip's).
_FIGURE_AFTER_SHARE_RE = LazyRegex(
    r"[\s\u00a0]*(?:in\s+(?:19|20)\d\d\s*)?[\s,(—–\"”’-]*(?:(?:or|that\s+is|i\.e\.,?|some|about|"
    r"roughly|around|nearly|almost|approximately|an\s+estimated|just\s+over|just\s+under|"
    r"more\s+than|over|less\s+than|under|or\s+about|(?:an?\s+)?area\s+of)\s+)*",
    re.IGNORECASE,
)
_FROM_RE = re.compile(r"(?:from|between)\b", re.IGNORECASE)  # a change's or range's start
_NEAR = 40  # a share and a figure that restate each other stand at most this far apart


@dataclass
class Anchor:
    """One claim being assembled: what anchors it in the sentence and what attaches to it."""

    start: int  # offsets into the sentence
    end: int
    area: AreaMatch | None = None
    comparison: ComparisonMatch | None = None
    share: ShareMatch | None = None
    of_total_km2: float | None = None
    of_total_of: Anchor | None = None  # this anchor is the total of that one
    owned_end: int = 0
    # The kind of a part read at its percent ("recaptured 62 percent of the 40,000 sq km …, or
    # about 24,800 sq km"), and a span whose verbs are the total's, not this claim's ("… of
    # the 110,000 sq km that ISIS once held … has been liberated").
    kind_at: tuple[int, int] | None = None
    kind_mask: tuple[int, int] | None = None
    extras: list[tuple[int, int]] = field(default_factory=list)

    @property
    def percent(self) -> float | None:
        return self.share.percent if self.share is not None else None

    @property
    def qualifier(self) -> str | None:
        if self.area is not None:
            return self.area.quantity.qualifier
        return self.share.qualifier if self.share is not None else None


def find_anchors(sentence: str, rejected: list[RejectedFigure] | None = None) -> list[Anchor]:
    """The claims' anchors of one sentence, in order (see the module doc)."""
    shares = find_shares(sentence)
    comparisons = _comparisons(sentence, shares)
    reference_spans = [
        (c.stated_start, c.stated_end) for c in comparisons if c.stated_start is not None
    ] + [(s.total.start, s.total.end) for s in shares if s.total is not None]
    anchors = _area_anchors(sentence, reference_spans, rejected)
    anchors = _attach_comparisons(anchors, comparisons)
    for share in shares:
        if share.of_other or _inside_comparison(share, anchors):
            continue
        if share.total is None and _link_percent_of_total(sentence, share, anchors):
            continue
        if _attach_share(sentence, share, anchors):
            continue
        if share.territorial:
            anchors.append(_share_anchor(share))
    for anchor in anchors:
        # "85 percent of Nineveh province, some 30,000 sq km of the province's 37,300 sq km":
        # with the total stated, the share is a percentage of it, not a size comparison.
        if anchor.share is not None and anchor.of_total_km2 is not None and (
                anchor.comparison is not None and anchor.comparison.start == anchor.share.start):
            anchor.comparison = None
    anchors.sort(key=lambda a: a.start)
    return anchors


def _comparisons(sentence: str, shares: list[ShareMatch]) -> list[ComparisonMatch]:
    """Size comparisons, less those inside a share's words ("17% of the area of Iraq")."""
    spans = [(s.start, s.owned_end) for s in shares if not s.of_other]
    return [c for c in find_comparisons(sentence)
            if not any(start <= c.start < end for start, end in spans)]


def _area_anchors(
    sentence: str, reference_spans: list[tuple[int | None, int | None]],
    rejected: list[RejectedFigure] | None,
) -> list[Anchor]:
    anchors: list[Anchor] = []
    for area in find_areas(sentence, rejected):
        if any(s is not None and e is not None and s <= area.start < e
               for s, e in reference_spans):
            continue  # "(177 sq. km.)", "Mosul, a city of 180 sq km": a reference's own area
        anchor = Anchor(area.start, area.end, area=area, owned_end=area.end)
        previous = anchors[-1] if anchors else None
        if previous is not None and previous.of_total_of is None and _OF_TOTAL_RE.search(
            sentence[previous.owned_end:area.start].rstrip(" ,")
        ) and previous.area is not None:
            previous.of_total_km2 = area.quantity.km2
            anchor.of_total_of = previous
        anchors.append(anchor)
    return anchors


def _attach_comparisons(anchors: list[Anchor], comparisons: list[ComparisonMatch]) -> list[Anchor]:
    """Each comparison goes to the last figure before it, else a figure right after it, else
    it is a claim of its own."""
    out = list(anchors)
    for comparison in comparisons:
        before = [a for a in anchors if a.area is not None and a.area.end <= comparison.start
                  and a.of_total_of is None]
        after = [a for a in anchors if 0 <= a.start - comparison.end < _NEAR]
        owner = before[-1] if before else (after[0] if after else None)
        if owner is not None and owner.comparison is None:
            owner.comparison = comparison
            owner.owned_end = max(owner.owned_end, comparison.end)
            continue
        out.append(Anchor(comparison.start, comparison.end, comparison=comparison,
                          owned_end=comparison.end))
    out.sort(key=lambda a: a.start)
    return out


def _inside_comparison(share: ShareMatch, anchors: list[Anchor]) -> bool:
    return any(a.comparison is not None and a.comparison.start <= share.start < a.comparison.end
               for a in anchors)


def _share_anchor(share: ShareMatch) -> Anchor:
    # The verbs inside what the share is of describe that ground, not this claim ("40% of
    # the territory it once held").
    mask = (share.of.start, share.of.end) if share.of is not None else None
    return Anchor(share.start, share.end, share=share, owned_end=share.owned_end,
                  of_total_km2=share.total.km2 if share.total else None, kind_mask=mask)


def _attach_share(sentence: str, share: ShareMatch, anchors: list[Anchor]) -> bool:
    """Give ``share`` to a figure right before or right after it; False when there is none."""
    owner = None
    for anchor in anchors:
        if anchor.area is None or anchor.of_total_of is not None or anchor.share is not None:
            continue
        gap_before = sentence[anchor.area.end:share.start]
        gap_after = sentence[share.owned_end:anchor.start]
        if 0 <= share.start - anchor.area.end < 2 * _NEAR and (
                _SHARE_AFTER_FIGURE_RE.fullmatch(gap_before)
                or _SHARE_AFTER_PHRASE_RE.fullmatch(gap_before)):
            owner = anchor
        elif 0 <= anchor.start - share.owned_end < _NEAR and _FIGURE_AFTER_SHARE_RE.fullmatch(
                gap_after) and not _FROM_RE.match(sentence, anchor.start):
            owner = anchor  # "half of the country in 2014, some 40,000 sq km"
    if owner is None or share.total is not None:
        return False
    owner.share = share
    owner.owned_end = max(owner.owned_end, share.owned_end)
    if share.start < owner.start:
        # "control 2 percent of the territory it once held, or roughly 2,000 sq km": the verbs
        # before the share are the figure's; those inside what it is of are not.
        owner.kind_at = (share.number_start, share.end)
    if share.of is not None:
        owner.kind_mask = (share.of.start, share.of.end)
    if owner.comparison is None and share.of is not None and (share.of.place or
                                                                share.of.country):
        owner.comparison = _share_comparison(share)
    return True


def _share_comparison(share: ShareMatch) -> ComparisonMatch:
    """"30,000 sq km, or 1% of Egypt's territory": the share as a size comparison."""
    assert share.of is not None
    reference = () if share.of.country or not share.of.place else (
        normalise_reference(share.of.place),)
    comparison = Comparison(reference=reference, factor=share.percent / 100,
                            qualifier=share.qualifier)
    return ComparisonMatch(share.start, share.owned_end, comparison,
                           needs_country=not reference)


def _link_percent_of_total(sentence: str, share: ShareMatch, anchors: list[Anchor]) -> bool:
    """"P percent of the TOTAL …[, or about PART]": the figure after "of" is the total, a
    figure restated after a comma is the part (it takes the percent); with no part, the
    share is a claim of its own with that total. False when the sentence is not so built
    (a figure right before the share owns it: "107,575 sq km, or 98 percent of …")."""
    if not re.match(r"\s*(?:of|out\s+of)\b", sentence[share.end:], re.IGNORECASE):
        return False
    areas = [a for a in anchors if a.area is not None and a.of_total_of is None]
    before = [a for a in areas if a.area.end <= share.start]  # type: ignore[union-attr]
    if before and 0 <= share.start - before[-1].area.end < 12 and re.fullmatch(  # type: ignore
        r"[\s,(—–-]*(?:or\s+)?(?:about\s+|some\s+|roughly\s+)?",
        sentence[before[-1].area.end:share.start],  # type: ignore[union-attr]
    ):
        return False
    after = [a for a in areas if a.start >= share.end]
    total = after[0] if after and _PERCENT_OF_GAP_RE.fullmatch(
        sentence[share.end:after[0].start]) else None
    rest = after[1:] if total is not None else after
    gap_start = total.owned_end if total is not None else share.end
    part = rest[0] if rest and _PART_GAP_RE.fullmatch(sentence[gap_start:rest[0].start]) \
        else None
    if total is None and (part is None or share.of is None or share.of.reading != "territory"
                          or share.of.place or share.of.country):
        return False  # "half of the country, about 100,000 sq km": a share of a place
    mask = (share.of.start, share.of.end) if share.of is not None else None
    if total is not None:
        verb = _TOTAL_VERB_RE.match(sentence, total.area.end)  # type: ignore[union-attr]
        mask = (total.start, verb.end() if verb else total.area.end)  # type: ignore[union-attr]
    if part is not None:
        if part.share is not None:
            return False
        part.share = share
        part.kind_at = (share.start, share.end)
        part.kind_mask = mask
        if total is not None:
            part.of_total_km2 = total.area.quantity.km2  # type: ignore[union-attr]
            total.of_total_of = part
        return True
    assert total is not None and total.area is not None
    anchor = Anchor(share.start, share.end, share=share, owned_end=share.end,
                    of_total_km2=total.area.quantity.km2, kind_mask=mask)
    total.of_total_of = anchor
    anchors.append(anchor)
    return True

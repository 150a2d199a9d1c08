"""Figures of one sentence that state a change, split into its parts and linked.

* "shrinking from 90,800 sq km to 78,000 sq km", "fell from 78,000 to 60,400 sq km": two states
  of the ground held, the first dated at the start of the period, the second at its end;
* "36,200 sq km in June, down from 60,400 sq km in January", "up from", "compared with": the
  figure after the cue is the earlier state of the same quantity;
* "shrank by 3,000 sq km to 20,000 sq km": a loss (``lost``) and what is left (``held``).

The parts of one change list each other's ids in ``linked``; a percent claim of the sentence
with no total ("lost 14 percent …, shrinking from 90,800 to 78,000") is linked to them too, and
takes the earlier figure as its total with ``extra`` ``from_km2``/``to_km2`` (the arithmetic
check tests the percent against them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.claims.extract.anchors import Anchor
from contested.claims.model import Claim
from contested.core.lazy import LazyRegex

__all__ = ["Part", "link_changes"]

_EARLIER_GAP_RE = LazyRegex(
    r"(?:^|[\s,;(—–-])(?:(?:down|up)\s+from|compared\s+(?:with|to)|(?<=,\s)from|^\s*from)"
    r"(?:\s+(?:about|around|some|roughly|nearly|almost|more\s+than|less\s+than|over|under|"
    r"an\s+estimated|just\s+over|just\s+under))?\s*$",
    re.IGNORECASE,
)
_FROM_BEFORE_RE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_BY_BEFORE_RE = LazyRegex(
    r"\b(?:shr[iau]nk\w*|fell|fall(?:en|ing|s)?|dropp?\w*|declin\w*|contract\w*|reduc\w*|"
    r"cut|dwindl\w*|grew|grown|grow\w*|expand\w*|increas\w*|r[io]se|risen)\s+by\s+"
    r"(?:(?:about|some|nearly|almost|roughly|around|more\s+than|over)\s+)?$",
    re.IGNORECASE,
)
# " to ", ", down to ", " in early January to " (the first figure's date between them).
_TO_GAP_RE = LazyRegex(
    r"^\s*(?:(?:in|by|at|as\s+of|on)\s+(?:(?:early|late|mid)[-\s]+)?[A-Za-z]+\.?"
    r"(?:\s+\d{1,4})?\s*)?,?\s*(?:(?:down|up|all\s+the\s+way)\s+)?to\s*$",
    re.IGNORECASE,
)
_SHRINK_RE = LazyRegex(
    r"\b(?:shr[iau]nk\w*|fell|fall(?:en|ing|s)?|dropp?\w*|declin\w*|contract\w*|reduc\w*|"
    r"cut|dwindl\w*|down)\b",
    re.IGNORECASE,
)
_EARLIER_KIND = {"remaining": "held", "peak_held": "held"}


@dataclass(frozen=True, slots=True)
class Part:
    """A claim of the sentence with the anchor it was read from and whether its own words
    date it ("in June")."""

    anchor: Anchor
    claim: Claim
    dated: bool


def link_changes(sentence: str, parts: list[Part]) -> list[Claim]:
    """The claims of one sentence with the changes they state read (see the module doc)."""
    claims = [part.claim for part in parts]
    for index in range(len(parts) - 1):
        first, second = parts[index].anchor, parts[index + 1].anchor
        if first.area is None and second.area is None:
            pair = _share_pair(sentence, (first, second), claims[index], claims[index + 1])
            if pair is not None:
                claims[index], claims[index + 1] = _linked(*pair)
            continue
        if first.area is None or second.area is None:
            continue
        before_first = sentence[:first.area.number_start]
        a, b = claims[index], claims[index + 1]
        to_gap = _TO_GAP_RE.match(sentence[first.owned_end:second.start])
        if _BY_BEFORE_RE.search(before_first[-60:]) and to_gap:
            pair = _by_to(sentence, first, a, b)
        elif _FROM_BEFORE_RE.search(before_first) and to_gap:
            pair = _from_to(sentence, first, a, b, (parts[index].dated, parts[index + 1].dated),
                            claims)
            _percent_total(claims, pair)
        elif _EARLIER_GAP_RE.search(sentence[first.owned_end:second.area.number_start]) and (
            b.kind in (None, a.kind)
            and (a.kind is not None or _SHRINK_RE.search(before_first))
        ):
            pair = _down_from(a, b)
            if pair[1].kind == "held":
                _percent_total(claims, (pair[1], pair[0]))
        else:
            continue
        claims[index], claims[index + 1] = _linked(*pair)
    return _link_percents(claims)


# Between two shares of one quantity at two times: "from 40% to 17%", "17% … after it was 40%",
# "12.5 percent, up from the previous 7 percent".
_SHARE_CHANGE_GAP_RE = LazyRegex(
    r"[\s,;]*(?:to|(?:down|up)\s+from(?:\s+the\s+previous)?|from(?:\s+the\s+previous)?|"
    r"after\s+(?:it|they|that)\s+(?:was|were|had\s+been|stood\s+at)|compared\s+(?:with|to)|"
    r"(?:a\s+)?(?:considerable\s+)?(?:increase|decrease|rise|drop|fall)\w*\s+from(?:\s+the\s+"
    r"previous)?)\s+(?:(?:about|some|roughly|nearly|almost|around|only|just)\s+)?",
    re.IGNORECASE,
)


def _share_pair(sentence: str, anchors: tuple[Anchor, Anchor], a: Claim, b: Claim
                ) -> tuple[Claim, Claim] | None:
    """Two states of one share ("shrunk from 40% to 17%", "17% … after it was 40%"): both
    held, linked; None when the two shares are not so joined."""
    first, second = anchors
    if first.share is None or a.percent is None or b.percent is None:
        return None
    if not _SHARE_CHANGE_GAP_RE.fullmatch(sentence[first.owned_end:second.start]):
        return None
    kind = "held" if "held" in (a.kind, b.kind) or None in (a.kind, b.kind) else None
    if kind is None:
        return None
    return (a.replace(kind=a.kind if a.kind == "peak_held" else kind),
            b.replace(kind=b.kind if b.kind == "peak_held" else kind,
                      scope=b.scope or a.scope))


def _linked(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a.replace(linked=tuple(dict.fromkeys((*a.linked, b.id)))),
            b.replace(linked=tuple(dict.fromkeys((*b.linked, a.id)))))


def _by_to(sentence: str, first: Anchor, a: Claim, b: Claim) -> tuple[Claim, Claim]:
    """"shrank by 3,000 sq km to 20,000 sq km": the loss and what is left."""
    assert first.area is not None
    shrinks = _SHRINK_RE.search(sentence[max(0, first.area.number_start - 60):
                                         first.area.number_start])
    scope = a.scope or b.scope
    changed = a.replace(kind="lost" if shrinks else a.kind, scope=scope)
    left = b.replace(kind="held" if b.kind in (None, "remaining", "lost", "liberated")
                     else b.kind, scope=scope)
    return changed, left


def _down_from(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    """"36,200 sq km in June, down from 60,400 sq km in January"."""
    if a.kind is None:
        # "the caliphate shrank by 12 per cent … to 68,300 sq km, from 78,000 sq km"
        a = a.replace(kind="held")
    earlier_kind = _EARLIER_KIND.get(a.kind or "", a.kind)
    b = b.replace(kind=earlier_kind, scope=b.scope or a.scope,
                  places=b.places if b.scope else a.places,
                  scope_note=b.scope_note if b.scope else a.scope_note)
    return a, b


def _from_to(
    sentence: str, first: Anchor, a: Claim, b: Claim, dated: tuple[bool, bool],
    claims: list[Claim],
) -> tuple[Claim, Claim]:
    """"shrinking from 90,800 sq km to 78,000 sq km": both states of the ground held."""
    assert first.area is not None
    before = sentence[max(0, first.area.number_start - 60):first.area.number_start]
    shrinks = (a.km2 or 0) > (b.km2 or 0) and a.kind not in ("liberated", "lost")
    if _SHRINK_RE.search(before) or shrinks:
        kind = "held"  # territory shrinks: both figures are what the group held
    else:
        kind = _EARLIER_KIND.get(a.kind or "", a.kind) or "held"
    period = next((c.period for c in claims if c.period and re.fullmatch(r"\d{4}", c.period)),
                  None)
    scope = a.scope or b.scope or next((c.scope for c in claims if c.scope), None)
    if dated[0] or period is not None:
        a_date = a.ref_date if dated[0] else f"{period}-01"
    else:
        # "grew from 12,000 to 18,000 sq km in the summer of 2014": the words after the second
        # figure date the change, so the first figure is no later than that.
        a_date = b.ref_date if dated[1] else a.ref_date
    a = a.replace(kind=kind, scope=scope, period=None, ref_date=a_date)
    b = b.replace(kind=kind if b.kind in (None, "held", "remaining", "peak_held") else b.kind,
                  scope=scope, period=None,
                  ref_date=b.ref_date if dated[1] or period is None else f"{period}-12")
    return a, b


def _percent_total(claims: list[Claim], pair: tuple[Claim, Claim]) -> None:
    """The sentence's percent claim with no total takes the change's start as its total."""
    start, end = pair
    for position, claim in enumerate(claims):
        if claim.percent is not None and not claim.stated and claim.of_total_km2 is None:
            claims[position] = claim.replace(
                of_total_km2=start.km2,
                extra={**claim.extra, "from_km2": start.km2, "to_km2": end.km2},
            )
            return


def _link_percents(claims: list[Claim]) -> list[Claim]:
    """A percent claim measured against a change (``extra["from_km2"]``) is linked with the
    change's parts."""
    out = list(claims)
    for position, claim in enumerate(claims):
        if "from_km2" not in claim.extra:
            continue
        parts = [c for c in claims if c.stated and c.linked and
                 c.km2 in (claim.extra["from_km2"], claim.extra["to_km2"])]
        if not parts:
            continue
        out[position] = claim.replace(linked=tuple(c.id for c in parts))
        for part in parts:
            index = next(i for i, c in enumerate(out) if c.id == part.id)
            out[index] = out[index].replace(linked=(*out[index].linked, claim.id))
    return out

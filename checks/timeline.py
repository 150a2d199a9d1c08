"""Rule ``timeline``: area liberated in a scope does not shrink over time; area still held
does not grow unless the claim states why (a counter-offensive, ground retaken).

Claims are grouped by (kind family, exact scope, period/since) and sorted by date. Each
claim is tested against the binding earlier one (liberated: the largest lower bound so far;
held: the smallest upper bound so far) whose date range ends before this one starts, so a
whole series costs O(n log n) and a shrink is caught however far apart the two claims are.
A reason for growth is read from the quote or a ``reason`` field of the claim.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Sequence

from contested.checks.cross_source import stated_range
from contested.checks.model import Finding, Tolerances, date_range, family, fmt_figure
from contested.claims.model import Claim
from contested.claims.scope import ScopeLookup

RULE = "timeline"

_REASON = re.compile(
    r"\b(?:re-?took|retaken|re-?taking|regain\w*|recaptur\w*|re-?seiz\w*|seized|counter-?"
    r"(?:attack|offensive)\w*|resurg\w*|comeback|overran|overrun|advanc\w*|expan\w*|"
    r"captur\w*|gain\w*)\b",
    re.IGNORECASE,
)


def _reason(claim: Claim) -> str | None:
    reason = claim.extra.get("reason") if claim.extra else None
    if reason:
        return str(reason)
    match = _REASON.search(claim.quote or "")
    return match.group(0) if match else None


def _describe(claim: Claim, km2: float) -> str:
    figure = fmt_figure(claim)
    return f"{figure} on {claim.date} ({claim.id})"


def check_timeline(
    claims: Sequence[Claim], tolerances: Tolerances, scopes: ScopeLookup
) -> list[Finding]:
    resolve = scopes
    series: dict[tuple, list[tuple[tuple[int, int], int, Claim]]] = defaultdict(list)
    for index, claim in enumerate(claims):
        kind_family = family(claim)
        if kind_family not in ("liberated", "held") or not claim.stated:
            continue
        dates = date_range(claim.date)
        if dates is None:
            continue
        scope = resolve(claim.scope)
        scope_key = scope.ids if scope is not None else frozenset()
        series[(kind_family, scope_key, claim.period, claim.since)].append((dates, index, claim))

    findings: list[Finding] = []
    for (kind_family, *_), members in series.items():
        members.sort(key=lambda m: (m[0][0], m[1]))
        findings.extend(_walk(kind_family, members, tolerances))
    return findings


def _walk(kind_family: str, members: list, tolerances: Tolerances) -> list[Finding]:
    growing = kind_family == "liberated"
    pending: list[tuple[int, int, int]] = []  # (end ordinal, index, position) not yet "before"
    binding: tuple[float, int] | None = None  # (bound km2, position) of the binding claim
    findings: list[Finding] = []
    for position, (dates, _index, claim) in enumerate(members):
        while pending and pending[0][0] < dates[0]:
            _, _, earlier_position = heapq.heappop(pending)
            earlier = members[earlier_position][2]
            low, high = stated_range(earlier.stated[0].km2, earlier.qualifier)
            bound = low if growing else high
            if binding is None or (bound > binding[0] if growing else bound < binding[0]):
                binding = (bound, earlier_position)
        if binding is not None:
            findings.append(_finding(members[binding[1]][2], claim, binding[0], growing,
                                     tolerances))
        heapq.heappush(pending, (dates[1], _index, position))
    return findings


def _finding(earlier: Claim, later: Claim, bound: float, growing: bool,
             tolerances: Tolerances) -> Finding:
    earlier_km2, later_km2 = earlier.stated[0].km2, later.stated[0].km2
    low, high = stated_range(later_km2, later.qualifier)
    tolerance = tolerances.timeline
    ids = (earlier.id, later.id)
    ratio = later_km2 / earlier_km2 if earlier_km2 else None
    change = (later_km2 - earlier_km2) / earlier_km2 * 100 if earlier_km2 else 0.0
    head = f"{_describe(earlier, earlier_km2)} → {_describe(later, later_km2)} ({change:+.1f}%)"
    if growing:
        ok = high >= bound * (1 - tolerance)
        tail = ("liberated area does not shrink" if ok else
                f"liberated area shrank by more than the {tolerance * 100:g}% tolerance")
        return Finding(RULE, "consistent" if ok else "inconsistent", ids, earlier_km2,
                       later_km2, ratio, f"{head}: {tail}")
    ok = low <= bound * (1 + tolerance)
    if ok:
        tail = "area still held does not grow"
    else:
        reason = _reason(later)
        if reason:
            ok = True
            tail = f"area held grew, with a stated reason (“{reason}”)"
        else:
            tail = (f"area held grew by more than the {tolerance * 100:g}% tolerance "
                    "with no stated reason")
    return Finding(RULE, "consistent" if ok else "inconsistent", ids, earlier_km2, later_km2,
                   ratio, f"{head}: {tail}")

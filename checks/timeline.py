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

from contested.checks.ledger.estimates import Estimate
from contested.checks.model import NOT_ONE_TALLY, Finding, Tolerances, one_tally
from contested.claims.model import Claim

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


# What may only grow over time (cumulative losses) and what may only shrink (holdings).
_GROWING = {"change": True, "lost_share": True, "held": False}


def _describe(estimate: Estimate) -> str:
    claim = estimate.claim
    return f"{estimate.how} on {claim.as_of} ({estimate.source})"  # type: ignore[union-attr]


def check_timeline(estimates: Sequence[Estimate], tolerances: Tolerances) -> list[Finding]:
    """Cumulative losses that shrink, holdings that grow unexplained (module docstring)."""
    series: dict[tuple, list[tuple[tuple[int, int], int, Estimate]]] = defaultdict(list)
    for index, estimate in enumerate(e for e in estimates if e.claim is not None):
        if estimate.quantity not in _GROWING or estimate.as_of is None:
            continue
        if estimate.quantity == "change" and estimate.reading != "figure":
            continue
        key = (estimate.quantity, estimate.actor, estimate.scope_key, *estimate.period)
        series[key].append((estimate.as_of, index, estimate))

    findings: list[Finding] = []
    for (quantity, *_), members in series.items():
        members.sort(key=lambda m: (m[0][0], m[1]))
        findings.extend(_walk(_GROWING[quantity], members, tolerances))
    return findings


def _walk(growing: bool, members: list, tolerances: Tolerances) -> list[Finding]:
    pending: list[tuple[int, int, int]] = []  # (end ordinal, index, position) not yet "before"
    binding: tuple[float, int] | None = None  # (bound, position) of the binding estimate
    findings: list[Finding] = []
    for position, (dates, _index, estimate) in enumerate(members):
        while pending and pending[0][0] < dates[0]:
            _, _, earlier_position = heapq.heappop(pending)
            earlier = members[earlier_position][2]
            bound = earlier.low if growing else earlier.high
            if binding is None or (bound > binding[0] if growing else bound < binding[0]):
                binding = (bound, earlier_position)
        if binding is not None:
            findings.append(_finding(members[binding[1]][2], estimate, binding[0], growing,
                                     tolerances))
        heapq.heappush(pending, (dates[1], _index, position))
    return findings


def _finding(earlier: Estimate, later: Estimate, bound: float, growing: bool,
             tolerances: Tolerances) -> Finding:
    tolerance = tolerances.timeline
    ids = (earlier.claim.id, later.claim.id)  # type: ignore[union-attr]
    ratio = later.value / earlier.value if earlier.value else None
    change = (later.value - earlier.value) / earlier.value * 100 if earlier.value else 0.0
    head = f"{_describe(earlier)} → {_describe(later)} ({change:+.1f}%)"
    what = "share of its peak lost" if later.quantity == "lost_share" else "liberated area"
    if growing:
        ok = later.high >= bound * (1 - tolerance)
        tail = (f"{what} does not shrink" if ok else
                f"{what} shrank by more than the {tolerance * 100:g}% tolerance")
        verdict = "consistent" if ok else "inconsistent"
        if not ok and later.quantity == "change" and not one_tally(earlier.claim, later.claim):
            # "845 sq km liberated" after "1,994 sq km": two operations' gains, or one
            # running tally? Only a common start, stated or implied, makes them one tally.
            verdict = "loose"
            tail += f"; {NOT_ONE_TALLY}"
        return Finding(RULE, verdict, ids, earlier.value, later.value, ratio, f"{head}: {tail}")
    ok = later.low <= bound * (1 + tolerance)
    if ok:
        tail = "area still held does not grow"
    else:
        reason = _reason(later.claim)  # type: ignore[arg-type]
        if reason:
            ok = True
            tail = f"area held grew, with a stated reason (“{reason}”)"
        else:
            tail = (f"area held grew by more than the {tolerance * 100:g}% tolerance "
                    "with no stated reason")
    return Finding(RULE, "consistent" if ok else "inconsistent", ids, earlier.value,
                   later.value, ratio, f"{head}: {tail}")

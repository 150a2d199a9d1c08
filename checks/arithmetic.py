"""Rule ``arithmetic``: percentages, parts and remainders add up.

- percent of a total: "98 percent, or about 107,575 of 109,770" → 98% × 109,770 ≈ 107,575;
  a percentage above 100, or a part above its total, is inconsistent whatever the tolerance.
  A share of a stated total with no part ("90% of Mosul, a city of 180 sq km") states the
  area it implies (162 km²).
- percent of a change: "lost 14 percent …, shrinking from 90,800 sq km to 78,000 sq km" →
  (90,800 − 78,000) / 90,800 = 14.1% ≈ 14%. The extractor links the two figures to the
  percent claim as ``extra["from_km2"]`` and ``extra["to_km2"]`` (claims files may give them).
- a count and its breakdown: "212 villages … took 120 villages and the other 80" → 120 + 80 =
  200, not 212 (the claim's ``tally``). Counts are exact, but for the rounding of a round
  total (1,000 villages: half its last significant step, at most ``max_rounding``).
- remainder within one document: held ≈ total − liberated, the total being a peak_held figure
  or the ``of_total_km2`` of the liberated claim ("ISIS still holds 2,195" after "107,575 of
  109,770"). Claims pair when their scopes agree (equal, or one of them unstated); the nearest
  in the text wins, among the NEAREST_WINDOW nearest of each kind on either side.

The tolerance is absolute for a remainder (the difference of two rounded figures can be far
off in relative terms): the arithmetic tolerance of the remainder plus the rounding of the
figures it is made of.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from contested.checks.model import (
    LOWER_BOUND_QUALIFIERS,
    UPPER_BOUND_QUALIFIERS,
    Finding,
    Tolerances,
    document_of,
    family,
    fmt_km2,
    fmt_number,
    percent_apart,
    rounding_allowance,
    within,
)
from contested.claims.model import Claim

RULE = "arithmetic"
# A remainder's parts are looked for among the nearest claims of its kind in the text, this
# many on each side: an article gives a handful; a "document" that is a whole outlet's
# archive (claims grouped by ``source``) would otherwise cost held × liberated × peaks.
NEAREST_WINDOW = 20


def check_arithmetic(claims: Sequence[Claim], tolerances: Tolerances) -> list[Finding]:
    findings: list[Finding] = []
    for claim in claims:
        findings.extend(_percent_of_total(claim, tolerances))
        if claim.tally is not None:
            findings.append(_tally_sum(claim, tolerances))
    findings.extend(_remainders(claims, tolerances))
    return findings


def _percent_of_total(claim: Claim, tolerances: Tolerances) -> list[Finding]:
    part = claim.stated[0].km2 if claim.stated else None
    total, percent = claim.of_total_km2, claim.percent
    ids = (claim.id,)
    if percent is not None and not 0 <= percent <= 100:
        return [Finding(
            RULE, "inconsistent", ids, 100.0, float(percent), percent / 100,
            f"{fmt_number(percent)}% of a territory is impossible: a share lies between 0 and "
            "100%",
        )]
    change = _change(claim)
    if percent is not None and change is not None:
        return [_percent_change(claim, percent, *change, tolerances)]
    if part is None and total is not None and percent is not None and total > 0:
        implied = percent / 100 * total
        return [Finding(
            RULE, "consistent", ids, implied, None, None,
            f"{fmt_number(percent)}% × {fmt_km2(total)} = {fmt_km2(implied)} "
            f"({claim.kind or 'area'} implied by the stated share of the stated total)",
        )]
    if part is None or total is None:
        return []
    if total <= 0:
        return [Finding(RULE, "unverifiable", ids, total, part, None,
                        f"total {fmt_km2(total)} is not a positive area")]
    if part > total * (1 + tolerances.arithmetic):
        return [Finding(
            RULE, "inconsistent", ids, total, part, part / total,
            f"part {fmt_km2(part)} is larger than its total {fmt_km2(total)} "
            f"({part / total * 100:.1f}% of it)",
        )]
    if percent is None:
        return [Finding(
            RULE, "consistent", ids, total, part, part / total,
            f"part {fmt_km2(part)} ≤ total {fmt_km2(total)} ({part / total * 100:.1f}% of it)",
        )]
    expected = percent / 100 * total
    allowed = max(
        tolerances.arithmetic, min(rounding_allowance(percent), tolerances.max_rounding)
    )
    ok = within(expected, part, claim.qualifier, allowed)
    actual_percent = part / total * 100
    message = (
        f"{fmt_number(percent)}% × {fmt_km2(total)} = {fmt_km2(expected)}, stated "
        f"{fmt_km2(part)}: {fmt_number(part)} / {fmt_number(total)} = {actual_percent:.1f}% "
        f"({percent_apart(expected, part):.2f}% apart, tolerance {allowed * 100:.1f}%)"
    )
    return [Finding(RULE, "consistent" if ok else "inconsistent", ids, expected, part,
                    part / expected if expected else None, message)]


def _tally_sum(claim: Claim, tolerances: Tolerances) -> Finding:
    """The parts of a count add up to its total."""
    tally = claim.tally
    assert tally is not None
    added = sum(tally.parts)
    allowed = min(rounding_allowance(tally.total), tolerances.max_rounding)
    ok = abs(added - tally.total) <= tally.total * allowed
    message = (f"{' + '.join(fmt_number(p) for p in tally.parts)} = {fmt_number(added)} "
               f"{tally.noun}")
    message += (f", the {fmt_number(tally.total)} stated" if ok else
                f", not the {fmt_number(tally.total)} stated (off by "
                f"{fmt_number(abs(added - tally.total))})")
    return Finding(RULE, "consistent" if ok else "inconsistent", (claim.id,),
                   float(tally.total), float(added),
                   added / tally.total if tally.total else None, message)


def _change(claim: Claim) -> tuple[float, float] | None:
    """(from km², to km²) of a stated change ("shrinking from 90,800 sq km to 78,000 sq km"),
    linked by the extractor as ``extra["from_km2"]``/``extra["to_km2"]``."""
    extra = claim.extra or {}
    try:
        start, end = float(extra["from_km2"]), float(extra["to_km2"])
    except (KeyError, TypeError, ValueError):
        return None
    return (start, end) if start > 0 and end >= 0 else None


def _percent_change(
    claim: Claim, percent: float, start_km2: float, end_km2: float, tolerances: Tolerances
) -> Finding:
    """"lost 14 percent …, shrinking from 90,800 to 78,000": (90,800 − 78,000) / 90,800 =
    14.1% ≈ 14%. The percent is the change relative to the "from" figure."""
    changed_km2 = abs(start_km2 - end_km2)
    expected_km2 = percent / 100 * start_km2
    actual_percent = changed_km2 / start_km2 * 100
    allowed = max(
        tolerances.arithmetic, min(rounding_allowance(percent), tolerances.max_rounding)
    )
    ok = within(expected_km2, changed_km2, claim.qualifier, allowed)
    message = (
        f"from {fmt_km2(start_km2)} to {fmt_km2(end_km2)} is a change of "
        f"{fmt_km2(changed_km2)} = {fmt_number(changed_km2)} / {fmt_number(start_km2)} = "
        f"{actual_percent:.1f}%, stated {fmt_number(percent)}% "
        f"({percent_apart(expected_km2, changed_km2):.2f}% apart, tolerance {allowed * 100:.1f}%)"
    )
    ratio = changed_km2 / expected_km2 if expected_km2 else None
    return Finding(RULE, "consistent" if ok else "inconsistent", (claim.id,), expected_km2,
                   changed_km2, ratio, message)


def _scope_key(claim: Claim) -> str | None:
    # An implied scope (scope_note: the text did not state it) is compatible with any.
    return claim.scope.strip().lower() if claim.scope and not claim.scope_note else None


def _remainders(claims: Sequence[Claim], tolerances: Tolerances) -> list[Finding]:
    by_document: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
    for index, claim in enumerate(claims):
        if family(claim) in ("held", "liberated", "peak_held") and (
            claim.stated or _implied_part_km2(claim) is not None
        ):
            by_document[document_of(claim)].append((index, claim))
    findings: list[Finding] = []
    for members in by_document.values():
        held = [(i, c) for i, c in members if family(c) == "held" and c.stated]
        if not held:
            continue
        liberated = _ByPosition([(i, c) for i, c in members if family(c) == "liberated"])
        peaks = _ByPosition([(i, c) for i, c in members
                             if family(c) == "peak_held" and c.stated])
        for index, held_claim in held:
            pair = _nearest_total_and_part(index, held_claim, liberated, peaks)
            if pair is not None and abs(held_claim.stated[0].km2 - pair[0]) <= 0.005 * pair[0]:
                continue  # the total itself ("shrinking from 90,800 sq km"), not what is left
            if pair is not None:
                findings.append(_remainder(held_claim, *pair, tolerances))
    return findings


def _implied_part_km2(claim: Claim) -> float | None:
    """A share of a stated total with no figure of its own ("lost 95 percent of the 88,000 sq
    km it once held") states the part percent × total."""
    if claim.stated or claim.percent is None or not claim.of_total_km2:
        return None
    if _change(claim) is not None:
        return None  # a percent of a change: the change check tests it
    if not 0 <= claim.percent <= 100:
        return None
    return claim.percent / 100 * claim.of_total_km2


def _part_figure(part: Claim) -> tuple[float, float]:
    """(value as written, km²) of the liberated part of a remainder."""
    if part.stated:
        return part.stated[0].value, part.stated[0].km2
    return float(part.percent or 0), _implied_part_km2(part) or 0.0


def _position(index: int, claim: Claim) -> int:
    return claim.start if claim.start is not None else index


class _ByPosition:
    """Claims of one kind in a document, sorted by where they stand in its text, each with its
    scope key (computed once: the pairing asks for it in its inner loop)."""

    def __init__(self, members: list[tuple[int, Claim]]) -> None:
        ranked = sorted((_position(i, c), i, c) for i, c in members)
        self.positions = [position for position, _, _ in ranked]
        self.members = [(position, i, c, _scope_key(c)) for position, i, c in ranked]

    def nearest(self, here: int, key: str | None) -> list[tuple[Claim, str | None]]:
        """(claim, scope key) of those compatible with scope ``key``, nearest to ``here``
        first (ties: the earlier claim), within NEAREST_WINDOW on each side."""
        middle = bisect_left(self.positions, here)
        window = self.members[max(0, middle - NEAREST_WINDOW):middle + NEAREST_WINDOW]
        ranked = sorted((abs(position - here), i, c, own) for position, i, c, own in window
                        if _keys_compatible(own, key))
        return [(claim, own) for _, _, claim, own in ranked]


def _keys_compatible(key_a: str | None, key_b: str | None) -> bool:
    return key_a is None or key_b is None or key_a == key_b


def _nearest_total_and_part(
    index: int, held: Claim, liberated: _ByPosition, peaks: _ByPosition,
) -> tuple[float, Claim | None, Claim] | None:
    """(total km², the claim giving the total if separate, the liberated claim) or None."""
    here, held_key = _position(index, held), _scope_key(held)
    totals = peaks.nearest(here, held_key)
    for part, part_key in liberated.nearest(here, held_key):
        if part.of_total_km2 is not None:
            return part.of_total_km2, None, part
        total = next((claim for claim, key in totals if _keys_compatible(key, part_key)), None)
        if total is not None:
            return total.stated[0].km2, total, part
    return None


def _remainder(
    held: Claim, total_km2: float, total_claim: Claim | None, part: Claim, tolerances: Tolerances
) -> Finding:
    held_km2 = held.stated[0].km2
    part_value, part_km2 = _part_figure(part)
    expected = total_km2 - part_km2
    # Rounding of the figures the remainder is made of, in km² (each capped).
    total_value = total_claim.stated[0].value if total_claim else total_km2
    slack = sum(
        min(rounding_allowance(value), tolerances.max_rounding) * km2
        for value, km2 in ((total_value, total_km2), (part_value, part_km2))
    )
    allowed_km2 = tolerances.arithmetic * max(held_km2, abs(expected)) + slack
    low, high = expected - allowed_km2, expected + allowed_km2
    # "more than X liberated" leaves at most total − X; "up to X" at least that.
    if part.qualifier in LOWER_BOUND_QUALIFIERS:
        low = -float("inf")
    elif part.qualifier in UPPER_BOUND_QUALIFIERS:
        high = float("inf")
    ok = low <= held_km2 <= high and expected >= -allowed_km2
    if held.qualifier and held.qualifier not in ("about", "exactly"):
        ok = ok or within(expected, held_km2, held.qualifier, tolerances.arithmetic)
    ids = tuple(dict.fromkeys(
        [held.id, part.id] + ([total_claim.id] if total_claim else [])
    ))
    message = (
        f"total {fmt_km2(total_km2)} − liberated {fmt_km2(part_km2)} = {fmt_km2(expected)}, "
        f"stated still held {fmt_km2(held_km2)}: {fmt_number(abs(held_km2 - expected))} km² "
        f"apart (allowed {fmt_number(allowed_km2)} km² for rounding)"
    )
    ratio = held_km2 / expected if expected else None
    return Finding(RULE, "consistent" if ok else "inconsistent", ids, expected, held_km2, ratio,
                   message)

"""Rule ``units``: figures given twice in one statement agree after conversion.

"68,300 sq km (26,370 sq miles)": every figure after the first is converted to km² and
compared with the first. The tolerance is the units tolerance widened by the rounding of the
less precise figure as written (capped by ``max_rounding``).
"""

from __future__ import annotations

from collections.abc import Iterable

from contested.checks.model import (
    Finding,
    Tolerances,
    fmt_km2,
    fmt_number,
    percent_apart,
    rounding_allowance,
)
from contested.claims.model import Claim, Stated

RULE = "units"


def _written(stated: Stated) -> str:
    unit = "km²" if stated.unit == "km2" else stated.unit
    return f"{fmt_number(stated.value)} {unit}"


def check_units(claims: Iterable[Claim], tolerances: Tolerances) -> list[Finding]:
    findings: list[Finding] = []
    for claim in claims:
        if len(claim.stated) < 2:
            continue
        first = claim.stated[0]
        for other in claim.stated[1:]:
            findings.append(_compare(claim.id, first, other, tolerances))
    return findings


def _compare(claim_id: str, first: Stated, other: Stated, tolerances: Tolerances) -> Finding:
    expected, observed = first.km2, other.km2
    if expected <= 0:
        return Finding(
            RULE, "unverifiable", (claim_id,), expected, observed, None,
            f"{_written(first)} is not a positive area; nothing to convert",
        )
    ratio = observed / expected
    rounding = max(rounding_allowance(first.value), rounding_allowance(other.value))
    allowed = max(tolerances.units, min(rounding, tolerances.max_rounding))
    apart = percent_apart(expected, observed)
    ok = abs(ratio - 1) <= allowed
    # Show the conversion of whichever figure is not in km².
    if first.unit == "km2" and other.unit != "km2":
        sentence = f"{_written(other)} = {fmt_km2(observed)}, stated {fmt_km2(expected)}"
    elif other.unit == "km2" and first.unit != "km2":
        sentence = f"{_written(first)} = {fmt_km2(expected)}, stated {fmt_km2(observed)}"
    else:
        sentence = (
            f"{_written(first)} = {fmt_km2(expected)} and {_written(other)} = {fmt_km2(observed)}"
        )
    sentence += f": {apart:.2f}% apart, " + _allowance(allowed, tolerances.units, ok, first,
                                                       other)
    if not ok:
        hint = _likely_slip(first, other)
        if hint:
            sentence += f"; {hint}"
    return Finding(
        RULE, "consistent" if ok else "inconsistent", (claim_id,), expected, observed, ratio,
        sentence,
    )


def _allowance(allowed: float, tolerance: float, ok: bool, first: Stated, other: Stated) -> str:
    """"within the 2% units tolerance", or, where a rounded figure widens it, "within 3.3%:
    the 2% units tolerance widened for the rounding of 15,800" (numbers as the README)."""
    side = "within" if ok else "beyond"
    if allowed <= tolerance:
        return f"{side} the {tolerance * 100:g}% units tolerance"
    rounded = max((first, other), key=lambda s: rounding_allowance(s.value))
    return (f"{side} {allowed * 100:.1f}%: the {tolerance * 100:g}% units tolerance widened "
            f"for the rounding of {fmt_number(rounded.value)}")


# Conversion slips seen in print, as (factor the writer used, what they did).
_SLIPS = (
    (1.609344, "looks converted with the linear mile factor 1.609 instead of 2.590"),
    (1.0, "the same number under two units"),
    (2.471054, "looks like a hectare/acre factor (2.47) used for km²/sq mi"),
    (1000.0, "off by a factor 1,000"),
    (100.0, "off by a factor 100 (hectares vs km²?)"),
)


def _likely_slip(first: Stated, other: Stated) -> str | None:
    if first.value <= 0 or other.value <= 0:
        return None
    written_ratio = max(first.value, other.value) / min(first.value, other.value)
    for factor, what in _SLIPS:
        if abs(written_ratio / factor - 1) < 0.02:
            return what
    return None

"""Rules over the ledger (rule ids are part of the interface):

- ``estimate-band``: a claim's figure against the band of published estimates of the same
  actor, scope and quantity at the date it refers to;
- ``implicit-size``: the same for a quantity the claim states without a figure: a share of
  a country ("a third of Iraq"), "the size of South Dakota", "87% of Syria freed" (the
  actor holds the rest); "at its height" is checked against the published peaks;
- ``percent-peak``: a loss stated as a share of the peak against what the published holdings
  and peak imply ("lost 90%" ⇒ at most 10% of the peak held), and a holding against the
  published share lost;
- ``change-holdings``: ground taken in a period cannot exceed what the actor held at its start
  (or at its peak, when the start is not said);
- ``unit-plausibility``: square metres for a territory ("besieging … in an area of 600 m²":
  a square 24 m on a side) are a likely slip; a figure or unit the extractor had to
  repair (a length unit for an area, "2000 kilometers of land"; a broken digit group,
  "2,0000") is loose: read as the note says, to be confirmed.

Every finding shows its numbers and names the estimates it used, with their sources.
"""

from __future__ import annotations

import math

from contested.checks.ledger.estimates import Estimate
from contested.checks.ledger.ledger import Band, Ledger
from contested.checks.model import (
    Finding,
    Tolerances,
    date_range,
    fmt_km2,
    fmt_number,
    relative_gap,
)
from contested.claims.model import Claim

LEDGER_RULES = ("estimate-band", "implicit-size", "percent-peak", "change-holdings",
                "unit-plausibility")
# A territory of less than a hectare is not a front line: square metres for one are a slip.
MIN_TERRITORY_KM2 = 0.01
_IMPLICIT = ("share", "complement", "comparison")


def check_estimate_band(ledger: Ledger, tolerances: Tolerances) -> list[Finding]:
    """``estimate-band`` and ``implicit-size``: each claim against its published band."""
    findings = []
    for estimate in ledger.claims:
        if estimate.quantity not in ("held", "peak", "lost_share"):
            continue
        band = ledger.band(estimate.actor, estimate.scope_key, estimate.quantity,
                           estimate.as_of)
        if band is None:
            continue
        rule = "implicit-size" if estimate.reading in _IMPLICIT else "estimate-band"
        findings.append(_against(rule, estimate, band, tolerances))
    return findings


def check_percent_peak(ledger: Ledger, tolerances: Tolerances) -> list[Finding]:
    """``percent-peak``: shares of the peak lost against published holdings and peaks."""
    findings = []
    for estimate in ledger.claims:
        if estimate.quantity not in ("lost_share", "held"):
            continue
        if ledger.band(estimate.actor, estimate.scope_key, estimate.quantity,
                       estimate.as_of) is not None:
            continue  # checked directly by estimate-band
        implied = _implied(ledger, estimate)
        if implied is not None:
            findings.append(_against("percent-peak", estimate, implied, tolerances))
    return findings


def _implied(ledger: Ledger, estimate: Estimate) -> Band | None:
    """The band a lost share implies from held and peak bands, or a holding from lost share
    and peak bands."""
    args = (estimate.actor, estimate.scope_key)
    peak = ledger.band(*args, "peak", None)
    if peak is None or peak.low <= 0:
        return None
    if estimate.quantity == "lost_share":
        held = ledger.band(*args, "held", estimate.as_of)
        if held is None:
            return None
        low = max(0.0, 1 - held.high / peak.low)
        high = min(1.0, 1 - held.low / peak.high) if math.isfinite(peak.high) else 1.0
        return Band(low, high, held.estimates + peak.estimates,
                    f"1 − held {held.shown()} / peak {peak.shown()}")
    lost = ledger.band(*args, "lost_share", estimate.as_of)
    if lost is None:
        return None
    high = peak.high * (1 - lost.low) if math.isfinite(peak.high) else math.inf
    return Band(peak.low * max(0.0, 1 - lost.high), high, lost.estimates + peak.estimates,
                f"peak {peak.shown()} × (1 − lost {lost.shown(share=True)})")


def check_change_holdings(ledger: Ledger, tolerances: Tolerances) -> list[Finding]:
    """``change-holdings``: a change no larger than the holdings at the start of its period."""
    findings = []
    for estimate in ledger.claims:
        if estimate.quantity != "change" or estimate.claim is None:
            continue
        start = _period_start(estimate.claim)
        args = (estimate.actor, estimate.scope_key)
        band = (ledger.band(*args, "held", start) if start is not None
                else ledger.band(*args, "peak", None))
        if band is None or not math.isfinite(band.high):
            continue
        ok = estimate.low <= band.high * (1 + tolerances.cross_source)
        when = "at the start of its period" if start is not None else "at its peak"
        message = (f"{estimate.how} ({_at(estimate)}) vs the ground held {when}: "
                   f"{band.shown()} ({band.how})")
        message += (", it fits" if ok else
                    f": more than was held (tolerance {tolerances.cross_source * 100:g}%)")
        findings.append(Finding("change-holdings", "consistent" if ok else "inconsistent",
                                (estimate.claim.id,), band.high, estimate.value,
                                estimate.value / band.high if band.high else None, message,
                                reference=band.how, sources=band.sources))
    return findings


def check_unit_plausibility(claims: list[Claim] | tuple[Claim, ...]) -> list[Finding]:
    """``unit-plausibility``: square metres for a territory; a length written for an area."""
    findings = []
    for claim in claims:
        for stated in claim.stated[:1]:
            if stated.unit == "m2" and stated.km2 < MIN_TERRITORY_KM2 and claim.kind:
                side = math.sqrt(stated.km2 * 1e6)
                findings.append(Finding(
                    "unit-plausibility", "inconsistent", (claim.id,), MIN_TERRITORY_KM2,
                    stated.km2, stated.km2 / MIN_TERRITORY_KM2,
                    f"{fmt_number(stated.value)} m² is a square {side:.0f} m on a side, not "
                    f"a territory held or taken: likely a slip for {fmt_number(stated.value)} "
                    f"km² (= {fmt_km2(stated.value)})"))
        if claim.unit_note:  # how the extractor read an irregular figure or unit
            findings.append(Finding(
                "unit-plausibility", "loose", (claim.id,), None, claim.km2, None,
                f"{claim.unit_note}: read as "
                f"{fmt_km2(claim.km2) if claim.km2 is not None else 'km²'}, to be confirmed"))
    return findings


def _against(rule: str, estimate: Estimate, band: Band, tolerances: Tolerances) -> Finding:
    """Consistent within the band tolerance, loose within the band factor (published
    estimates differ among themselves, a factor of three for ISIS's peak in Iraq),
    inconsistent beyond."""
    share = estimate.quantity == "lost_share"
    gap = relative_gap((estimate.low, estimate.high), (band.low, band.high))
    tolerance, loose_gap = tolerances.band, 1 - 1 / tolerances.band_factor
    verdict = ("consistent" if gap <= tolerance else "loose" if gap <= loose_gap
               else "inconsistent")
    what = {"held": "held", "peak": "peak", "lost_share": "share of the peak lost"}[
        estimate.quantity]
    message = (f"{estimate.how} ({_at(estimate)}) vs the published {what} "
               f"{band.shown(share)} ({band.how})")
    if gap == 0:
        message += ", within it"
    else:
        message += (f": {gap * 100:.1f}% outside it ({verdict}: tolerance "
                    f"{tolerance * 100:g}%, loose within a factor of "
                    f"{fmt_number(tolerances.band_factor)})")
    assert estimate.claim is not None
    return Finding(rule, verdict, (estimate.claim.id,),
                   band.middle, estimate.value,
                   estimate.value / band.middle if band.middle else None, message,
                   reference=band.how, sources=band.sources)


def _at(estimate: Estimate) -> str:
    claim = estimate.claim
    when = claim.as_of if claim is not None and claim.as_of else "undated"
    return f"{estimate.source}, {when}"


def _period_start(claim: Claim) -> tuple[int, int] | None:
    """When the period of a change began: "since Nov. 5", "in 2016" (its first day)."""
    if claim.since:
        return date_range(claim.since)
    if claim.period and not claim.period.startswith("P"):
        found = date_range(claim.period)
        return (found[0], found[0]) if found else None
    return None

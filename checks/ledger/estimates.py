"""Every territorial figure as one kind of quantity the ledger can compare.

A claim says its figure in many ways: "78,000 km²", "40 percent of Iraq", "lost 45% of the
territory it once held in Iraq", "an area the size of South Dakota", "87.4% of Syria
liberated". Each becomes an :class:`Estimate` of one of four quantities, in one unit:

=============  ==============================================================  ======
quantity       what it measures                                                unit
=============  ==============================================================  ======
held           area an actor holds at a date ("remaining" too)                 km²
peak           the most it ever held ("at its height")                         km²
change         area taken or lost in a period (liberated, lost)                km²
lost_share     share of its peak it has lost by a date ("lost 40% of …")      share
=============  ==============================================================  ======

A share of a country becomes km² with the country's official area; a comparison with no
figure becomes factor × the reference's official area; "X% of a country liberated" with
X ≥ 50 is read the way those statements mean it, "the country is X% free", so the actor
holds (100 − X)%. Every estimate keeps how it was read (``how``), for the message.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from contested.checks.ledger.actors import local_actor
from contested.checks.model import (
    LOWER_BOUND_QUALIFIERS,
    UPPER_BOUND_QUALIFIERS,
    date_range,
    document_of,
    fmt_km2,
    fmt_number,
    names_the_scope,
)
from contested.claims.model import Claim
from contested.claims.resolved import ResolvedClaims
from contested.claims.scope import Scope
from contested.core.exceptions import UnknownPlace

QUANTITIES = ("held", "peak", "change", "lost_share")
_KIND_QUANTITY = {"held": "held", "remaining": "held", "peak_held": "peak",
                  "liberated": "change", "lost": "change"}
# What a percent is of, when it is of the actor's own ground: "the territory it once held",
# "its caliphate", "what it controlled in August 2014", "its territory".
_OF_PEAK = re.compile(
    r"\b(?:once|previously|formerly|at (?:its|the) (?:height|peak)|had (?:held|controlled|"
    r"seized)|it (?:held|controlled|seized|captured|took|used to)|used to (?:hold|control)|"
    r"(?:its|their) (?:own )?(?:territor\w*|land|ground|turf|caliphate|area|holdings)|"
    r"caliphate|what (?:it|they) (?:held|controlled))\b", re.I)
# A percent of these is not of land: counts of districts, shares of the population.
_NOT_LAND = re.compile(r"\b(?:district|township|state|province|village|town|populat|people|"
                       r"inhabit|city|cities|side|neighbou?rhood|quarter)s?\b", re.I)


@dataclass(frozen=True, slots=True)
class Estimate:
    """One figure as a quantity (see the module table). ``low``/``high`` are the values the
    figure allows as written (a qualifier makes one side open); ``claim`` is None for a
    published reference estimate, which cites itself in ``source``."""

    quantity: str
    value: float
    low: float
    high: float
    actor: str | None
    scope: Scope | None
    as_of: tuple[int, int] | None
    document: str
    source: str
    how: str
    claim: Claim | None = None
    period: tuple[str | None, str | None] = (None, None)
    index: int = 0
    # How the figure was read: "figure" (an area), "share" (of a country), "complement"
    # ("X% of it freed"), "comparison" ("the size of X"), "lost_share", "derived".
    reading: str = "figure"

    @property
    def claim_id(self) -> str | None:
        return self.claim.id if self.claim is not None else None

    @property
    def scope_key(self) -> str:
        """The units of the scope ("country:IQ+country:SY"), "" for none."""
        return self.scope.key if self.scope is not None else ""

    def shown(self) -> str:
        """The figure for a message: "more than 41,000 km²", "40% of its peak lost"."""
        return self.how


# "More than 2,000 sq km" is read as at most twice that: a writer who knew it was more than
# double would say so (two reports of one operation, "over 2,000" and "over 20,000", differ).
MORE_THAN_FACTOR = 2.0


def bounds_of(value: float, value_max: float | None, qualifier: str | None,
              cap: float = math.inf) -> tuple[float, float]:
    """The values a figure allows as written, before any tolerance: a range as given; "more
    than X" from X to MORE_THAN_FACTOR × X, and never above ``cap`` (a share: "more than 95%
    lost" is at most all of it); "up to X" from 0 to X."""
    high = value_max if value_max is not None else value
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return value, min(high * MORE_THAN_FACTOR, max(cap, high))
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return 0.0, high
    return value, high


def claim_estimates(resolved: ResolvedClaims, actors: dict[str, str | None]) -> list[Estimate]:
    """The estimates of every claim (none for a claim the ledger cannot read as a quantity).

    ``actors`` maps a claim id to its normalised actor (see :mod:`.actors`).
    """
    reader = _Reader(resolved)
    estimates = []
    for index, claim in enumerate(resolved.claims):
        estimate = reader.estimate(claim, actors.get(claim.id), index)
        if estimate is not None:
            estimates.append(estimate)
    # Derived estimates number after the claims: every estimate has its own index.
    estimates.extend(reader.derived(estimates, first_index=len(resolved.claims)))
    return estimates


class _Reader:
    """Reads a claim as an estimate, with the official areas the resolution stage found."""

    def __init__(self, resolved: ResolvedClaims) -> None:
        self.resolved = resolved

    def estimate(self, claim: Claim, actor: str | None, index: int = 0) -> Estimate | None:
        estimate = self._estimate(claim, actor, index)
        if estimate is None or estimate.scope is None:
            return estimate
        local = local_actor(actor, scope_countries(estimate.scope))
        return estimate if local == actor else replace(estimate, actor=local)

    def _estimate(self, claim: Claim, actor: str | None, index: int) -> Estimate | None:
        quantity = _KIND_QUANTITY.get(claim.kind or "")
        if quantity is None:
            return None
        scope = self.resolved.scope(claim.scope)
        base = {"actor": actor, "scope": scope, "as_of": date_range(claim.as_of),
                "document": document_of(claim), "source": claim.id, "claim": claim,
                "period": (claim.period, claim.since), "index": index}
        if claim.stated:
            return self._from_area(claim, quantity, base)
        if claim.percent is not None:
            return self._from_percent(claim, quantity, base)
        if claim.comparison is not None:
            return self._from_comparison(claim, quantity, base)
        return None

    def _from_area(self, claim: Claim, quantity: str, base: dict) -> Estimate:
        first = claim.stated[0]
        km2_max = None if first.value_max is None else first.km2 * first.value_max / first.value
        low, high = bounds_of(first.km2, km2_max, claim.qualifier)
        return Estimate(quantity, first.km2, low, high, how=_qualified(fmt_km2(first.km2), claim),
                        **base)

    def _from_percent(self, claim: Claim, quantity: str, base: dict) -> Estimate | None:
        """A percent of the actor's own peak, or of a country; None for a share of anything
        else (districts, a city's east side, populated areas)."""
        share = claim.percent / 100
        share_max = None if claim.percent_max is None else claim.percent_max / 100
        of_text = claim.of_total or ""
        if _OF_PEAK.search(of_text) or (not of_text and quantity == "change"):
            # "lost 40% of the territory it once held"; "has lost 45%" (of its own ground)
            return self._lost_share(claim, quantity, share, share_max, base)
        if _NOT_LAND.search(of_text):
            return None  # "40 percent of Afghan districts": not a share of land
        scope = (self.resolved.scope(of_text) if of_text and not names_the_scope(of_text)
                 else base["scope"])
        country_km2 = self._country_km2(scope) if scope is not None else None
        if country_km2 is None:
            return None
        return self._share_of_country(claim, quantity, share, share_max, country_km2,
                                      {**base, "scope": scope})

    def _share_of_country(self, claim: Claim, quantity: str, share: float,
                          share_max: float | None, country_km2: float, base: dict) -> Estimate:
        where = base["scope"].text if base["scope"] is not None else "the country"
        low, high = bounds_of(share, share_max, claim.qualifier, cap=1.0)
        if quantity == "change" and share >= 0.5:
            # "87 percent of Syria liberated": Syria is 87% free, so the actor holds 13%.
            low, high = 1 - min(high, 1.0), 1 - low
            value = 1 - share
            how = (f"{_qualified(_pct(share), claim)} of {where} freed, read as "
                   f"{_pct(value)} of it still held ({fmt_km2(value * country_km2)} of "
                   f"{fmt_km2(country_km2)})")
            return Estimate("held", value * country_km2, low * country_km2,
                            high * country_km2, how=how, reading="complement", **base)
        how = (f"{_qualified(_pct(share), claim)} of {where} "
               f"(= {fmt_km2(share * country_km2)} of {fmt_km2(country_km2)})")
        return Estimate(quantity, share * country_km2, low * country_km2, high * country_km2,
                        how=how, reading="share", **base)

    def _lost_share(self, claim: Claim, quantity: str, share: float, share_max: float | None,
                    base: dict) -> Estimate | None:
        low, high = bounds_of(share, share_max, claim.qualifier, cap=1.0)
        if quantity == "held":  # "holds 10% of what it once held": lost 90%
            low, high, share = 1 - min(high, 1.0), 1 - low, 1 - share
        elif quantity != "change":
            return None
        how = f"{_qualified(_pct(share), claim)} of its peak lost"
        return Estimate("lost_share", share, low, high, how=how, reading="lost_share", **base)

    def _from_comparison(self, claim: Claim, quantity: str, base: dict) -> Estimate | None:
        comparison = claim.comparison
        if comparison is None or len(comparison.reference) != 1:
            return None  # "the size of Sweden or Virginia": no one figure
        try:
            reference = self.resolved.reference(comparison.reference[0])
        except UnknownPlace:
            return None
        factor = comparison.factor or 1.0
        km2 = factor * reference.total_km2
        low, high = bounds_of(km2, None, comparison.qualifier)
        phrase = "the size of" if factor == 1 else f"{fmt_number(factor)} × the size of"
        how = (f"{_qualified(phrase, claim)} {reference.name} "
               f"({fmt_km2(reference.total_km2)}, {reference.source}) = {fmt_km2(km2)}")
        return Estimate(quantity, km2, low, high, how=how, reading="comparison", **base)

    def _country_km2(self, scope: Scope) -> float | None:
        """The official area of a scope made of countries only (summed), else None."""
        if not scope.units or any(unit.level != "country" for unit in scope.units):
            return None
        total = 0.0
        for unit in scope.units:
            try:
                total += self.resolved.reference(unit.id).total_km2
            except UnknownPlace:
                return None
        return total

    def derived(self, estimates: list[Estimate], first_index: int = 0) -> list[Estimate]:
        """"Shrank from 40% to 17% of Iraq": two linked holdings of one document, the larger
        first, say the actor lost 1 − 17/40 = 57.5% of the larger."""
        by_id = {e.claim_id: e for e in estimates if e.claim is not None}
        out = []
        for estimate in estimates:
            claim = estimate.claim
            if claim is None or estimate.quantity not in ("held", "peak"):
                continue
            for other_id in claim.linked:
                other = by_id.get(other_id)
                # One derived loss per pair, on the smaller (later) holding.
                if (other is None or other.quantity not in ("held", "peak")
                        or other.scope_key != estimate.scope_key
                        or other.value <= estimate.value or estimate.value <= 0):
                    continue
                share = 1 - estimate.value / other.value
                how = (f"{_pct(share)} of its holdings lost: from {other.how} to "
                       f"{estimate.how}")
                out.append(Estimate("lost_share", share, share, share, estimate.actor,
                                    estimate.scope, estimate.as_of, estimate.document,
                                    f"{other.source}+{estimate.source}", how, claim,
                                    index=first_index + len(out), reading="derived"))
        return out


def scope_countries(scope: Scope) -> tuple[str, ...]:
    """The country codes of a scope's units ("" for a unit in no one country)."""
    return tuple(unit.country or "" for unit in scope.units)


def _pct(share: float) -> str:
    return f"{fmt_number(share * 100)}%"


def _qualified(text: str, claim: Claim) -> str:
    qualifier = claim.qualifier
    return f"{qualifier} {text}" if qualifier and qualifier != "exactly" else text

"""The ledger: per actor and scope, every estimate of ground held, peak and lost over time,
from the claims of a run and from published estimates, with the band of credible values
at any date.

    >>> from contested.checks.model import Tolerances
    >>> ledger = Ledger([], [], Tolerances())
    >>> ledger.groups()
    []

The band at a date is formed from the published estimates of the same actor, scope and
quantity: those within the cross-source window (45 days) of the date; else the two that
bracket it, each at most BRACKET_DAYS away (ground changes hands between two estimates, so
the band spans both); a peak band spans every published peak. A band carries the estimates
it was formed from, which findings cite.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass

from contested.checks.ledger.estimates import Estimate
from contested.checks.model import Tolerances, days_apart, fmt_km2

BRACKET_DAYS = 183


@dataclass(frozen=True, slots=True)
class Band:
    """The range of published values for a quantity at a date, and how it was formed."""

    low: float
    high: float
    estimates: tuple[Estimate, ...]
    how: str

    @property
    def middle(self) -> float:
        return (self.low + self.high) / 2 if math.isfinite(self.high) else self.low

    def shown(self, share: bool = False) -> str:
        def text(value: float) -> str:
            return f"{value * 100:.1f}%" if share else fmt_km2(value)

        if not math.isfinite(self.high):
            return f"at least {text(self.low)}"
        if self.high - self.low <= 1e-9 * max(1.0, abs(self.high)):
            return text(self.low)
        return f"{text(self.low)}–{text(self.high)}"

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(estimate.source for estimate in self.estimates)


GroupKey = tuple[str | None, str, str]  # (actor, scope key, quantity)


class Ledger:
    """Claim estimates and published estimates, grouped by (actor, scope, quantity)."""

    def __init__(self, claims: list[Estimate], published: list[Estimate] | tuple[Estimate, ...],
                 tolerances: Tolerances) -> None:
        self.claims = list(claims)
        self.published = list(published)
        self.tolerances = tolerances
        self._published: dict[GroupKey, list[Estimate]] = defaultdict(list)
        for estimate in self.published:
            if estimate.as_of is not None:
                self._published[_key(estimate)].append(estimate)
        self._starts: dict[GroupKey, list[int]] = {}
        for key, group in self._published.items():
            group.sort(key=lambda e: (e.as_of[0], e.as_of[1]))  # type: ignore[index]
            self._starts[key] = [e.as_of[0] for e in group]  # type: ignore[index]

    def groups(self) -> list[GroupKey]:
        """Every (actor, scope, quantity) with an estimate, claims' or published."""
        keys = {_key(e) for e in self.claims} | set(self._published)
        return sorted(keys, key=lambda k: (k[0] or "", k[1], k[2]))

    def band(self, actor: str | None, scope_key: str, quantity: str,
             as_of: tuple[int, int] | None) -> Band | None:
        """The published band of a quantity at a date (see the module docstring)."""
        group = self._published.get((actor, scope_key, quantity))
        if not group:
            return None
        if quantity == "peak":
            return _band(group, f"every published peak ({len(group)})")
        if as_of is None:
            return None
        window = self.tolerances.cross_source_days
        starts = self._starts[(actor, scope_key, quantity)]
        first = bisect.bisect_left(starts, as_of[0] - window - 366)
        near = [e for e in group[first:] if e.as_of[0] <= as_of[1] + window  # type: ignore[index]
                and days_apart(e.as_of, as_of) <= window]  # type: ignore[arg-type]
        if near:
            return _band(near, f"{len(near)} published estimate(s) within {window} days")
        return self._bracket(group, starts, as_of)

    def _bracket(self, group: list[Estimate], starts: list[int],
                 as_of: tuple[int, int]) -> Band | None:
        after = bisect.bisect_right(starts, as_of[1])
        before = after - 1
        while before >= 0 and group[before].as_of[1] >= as_of[0]:  # type: ignore[index]
            before -= 1
        if before < 0 or after >= len(group):
            return None
        earlier, later = group[before], group[after]
        if (days_apart(earlier.as_of, as_of) > BRACKET_DAYS  # type: ignore[arg-type]
                or days_apart(later.as_of, as_of) > BRACKET_DAYS):  # type: ignore[arg-type]
            return None
        return _band([earlier, later], "the published estimates before and after it")

    def held_at(self, actor: str | None, scope_key: str,
                as_of: tuple[int, int] | None) -> Band | None:
        return self.band(actor, scope_key, "held", as_of)


def _key(estimate: Estimate) -> GroupKey:
    return (estimate.actor, estimate.scope_key, estimate.quantity)


def _band(estimates: list[Estimate], how: str) -> Band:
    return Band(min(e.low for e in estimates), max(e.high for e in estimates),
                tuple(estimates), how)

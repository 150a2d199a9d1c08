"""Area-sanity checks: which claims hold up, with the arithmetic shown.

    >>> from contested.claims.model import Claim, Stated
    >>> from contested.resolution import resolve_claims
    >>> claims = [Claim(id="a:1", stated=(Stated(15800, "sq mi", 40921.8),
    ...                                   Stated(41000, "km2", 41000.0)))]
    >>> [(f.rule, f.verdict) for f in run_checks(resolve_claims(claims, gazetteer=None))]
    [('units', 'consistent')]

Rules (ids are part of the interface): ``units``, ``arithmetic``, ``comparison``,
``containment``, ``cross-source``, ``timeline``; one module each. Verdicts: ``consistent``,
``loose`` (a size comparison beyond its tolerance but within twice it), ``inconsistent``,
``unverifiable`` (nothing to compare with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from contested.checks.arithmetic import check_arithmetic
from contested.checks.comparison import check_comparison
from contested.checks.containment import UnitArea, check_containment, default_unit_area
from contested.checks.cross_source import check_cross_source
from contested.checks.ledger import PublishedTable, build_ledger
from contested.checks.ledger.rules import (
    check_change_holdings,
    check_estimate_band,
    check_percent_peak,
    check_unit_plausibility,
)
from contested.checks.model import RULES, SEVERITY, VERDICTS, Finding, Tolerances
from contested.checks.timeline import check_timeline
from contested.checks.units import check_units
from contested.claims.resolved import ResolvedClaims
from contested.core.exceptions import InputError

__all__ = [
    "RULES",
    "VERDICTS",
    "Finding",
    "Tolerances",
    "check_arithmetic",
    "check_comparison",
    "check_containment",
    "check_cross_source",
    "check_timeline",
    "check_units",
    "run_checks",
    "worst_verdict",
]

# Severity order for exit codes and summaries.


def run_checks(
    resolved: ResolvedClaims,
    tolerances: Tolerances | None = None,
    *,
    rules: Sequence[str] = RULES,
    unit_area: UnitArea | None = None,
    published: Iterable[PublishedTable] | None = None,
) -> list[Finding]:
    """Every rule in ``rules`` over resolved claims (pooled across documents), in rule order.

    Scopes and compared-to areas come from ``resolved`` (the resolution stage);
    ``unit_area`` (scope unit → km²) defaults to official totals for countries and US states
    and the shipped admin-1 polygons; ``published`` are the tables of published estimates
    the ledger's bands come from (default: the bundled one; ``[]`` for none).
    """
    if not isinstance(resolved, ResolvedClaims):
        raise InputError(
            f"run_checks() takes ResolvedClaims, got {type(resolved).__name__}",
            hint="resolve the claims first: contested.resolve_claims(claims), "
            "or call contested.check(claims), which does",
        )
    tolerances = tolerances or Tolerances()
    unknown = [rule for rule in rules if rule not in RULES]
    if unknown:
        raise InputError(f"unknown rule(s) {', '.join(unknown)}",
                         hint="use one of: " + ", ".join(RULES))
    claims = list(resolved.claims)
    ledger = build_ledger(resolved, published, tolerances)
    scopes, references = resolved.scope, resolved.reference
    runners: dict[str, Callable[[], list[Finding]]] = {
        "units": lambda: check_units(claims, tolerances),
        "arithmetic": lambda: check_arithmetic(claims, tolerances),
        "comparison": lambda: check_comparison(claims, tolerances, references, scopes),
        "containment": lambda: check_containment(
            claims, tolerances, scopes, unit_area or default_unit_area(resolved.areas)
        ),
        "cross-source": lambda: check_cross_source(ledger.claims, tolerances),
        "timeline": lambda: check_timeline(ledger.claims, tolerances),
        "estimate-band": lambda: [f for f in check_estimate_band(ledger, tolerances)
                                  if f.rule == "estimate-band"],
        "implicit-size": lambda: [f for f in check_estimate_band(ledger, tolerances)
                                  if f.rule == "implicit-size"],
        "percent-peak": lambda: check_percent_peak(ledger, tolerances),
        "change-holdings": lambda: check_change_holdings(ledger, tolerances),
        "unit-plausibility": lambda: check_unit_plausibility(claims),
    }
    findings: list[Finding] = []
    for rule in RULES:
        if rule in rules:
            findings.extend(runners[rule]())
    return findings


def worst_verdict(findings: Iterable[Finding]) -> str | None:
    """The most severe verdict among ``findings`` (None when there are none)."""
    worst = None
    for finding in findings:
        if worst is None or SEVERITY[finding.verdict] > SEVERITY[worst]:
            worst = finding.verdict
    return worst

"""Area-sanity checks: which claims hold up, with the arithmetic shown.

    >>> from contested.checks import run_checks
    >>> for finding in run_checks(claims):
    ...     print(finding.rule, finding.verdict, finding.message)

Rules (ids are part of the interface): ``units``, ``arithmetic``, ``comparison``,
``containment``, ``cross-source``, ``timeline``; one module each. Verdicts: ``consistent``,
``loose`` (a size comparison beyond its tolerance but within twice it), ``inconsistent``,
``unverifiable`` (nothing to compare with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from contested.checks.arithmetic import check_arithmetic
from contested.checks.comparison import ReferenceLookup, check_comparison
from contested.checks.containment import UnitArea, check_containment, default_unit_area
from contested.checks.cross_source import check_cross_source
from contested.checks.model import RULES, VERDICTS, Finding, Tolerances
from contested.checks.timeline import check_timeline
from contested.checks.units import check_units
from contested.claims.model import Claim
from contested.claims.scope import ScopeResolver, default_scope_resolver

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
_SEVERITY = {"consistent": 0, "unverifiable": 1, "loose": 2, "inconsistent": 3}


def run_checks(
    claims: Iterable[Claim],
    tolerances: Tolerances | None = None,
    *,
    rules: Sequence[str] = RULES,
    references: ReferenceLookup | None = None,
    scopes: ScopeResolver | None = None,
    unit_area: UnitArea | None = None,
) -> list[Finding]:
    """Every rule in ``rules`` over ``claims`` (pooled across documents), in rule order.

    ``references`` (name → Reference), ``scopes`` (scope text → Scope) and ``unit_area``
    (scope unit → km²) default to the shipped tables; pass your own to test or to extend.
    """
    claim_list = list(claims)
    tolerances = tolerances or Tolerances()
    unknown = [rule for rule in rules if rule not in RULES]
    if unknown:
        from contested.core.exceptions import InputError

        raise InputError(f"unknown rule(s) {', '.join(unknown)}",
                         hint="use one of: " + ", ".join(RULES))
    scope_resolver = scopes or default_scope_resolver()
    runners: dict[str, Callable[[], list[Finding]]] = {
        "units": lambda: check_units(claim_list, tolerances),
        "arithmetic": lambda: check_arithmetic(claim_list, tolerances),
        "comparison": lambda: check_comparison(claim_list, tolerances, references,
                                               scope_resolver),
        "containment": lambda: check_containment(
            claim_list, tolerances, scope_resolver, unit_area or default_unit_area()
        ),
        "cross-source": lambda: check_cross_source(claim_list, tolerances, scope_resolver),
        "timeline": lambda: check_timeline(claim_list, tolerances, scope_resolver),
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
        if worst is None or _SEVERITY[finding.verdict] > _SEVERITY[worst]:
            worst = finding.verdict
    return worst

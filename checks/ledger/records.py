"""The ledger as records: one per estimate, with the band at its date and what it implies.

What ``contested ledger --json`` prints and the timeline chart draws. Each record::

    {"actor", "scope", "quantity", "unit", "date", "value", "low", "high", "origin",
     "claim", "source", "how", "verdict", "band_low", "band_high", "band_how",
     "lost_since_peak", "lost_since_previous_km2"}

``origin`` is "claim" or "published"; ``unit`` "km2" or "share" (of the peak); ``date``
the ISO day the figure refers to (the first day of a month or year given alone);
``verdict`` the worst finding of the ledger's rules on the claim (a wrong "size of Sweden" is
the comparison's business, not the ledger's). For a holding, ``lost_since_peak`` is the share
of the published peak it implies lost, and ``lost_since_previous_km2`` the ground lost since
the previous holding of the same series.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from contested.checks.ledger.estimates import Estimate
from contested.checks.ledger.ledger import Ledger
from contested.checks.ledger.rules import LEDGER_RULES
from contested.checks.model import Finding

RECORD_FIELDS = ("actor", "scope", "quantity", "unit", "date", "value", "low", "high", "origin",
                 "claim", "source", "how", "verdict", "band_low", "band_high", "band_how",
                 "lost_since_peak", "lost_since_previous_km2")
_SEVERITY = {"consistent": 0, "unverifiable": 1, "loose": 2, "inconsistent": 3}
# The rules that weigh a claim's figure as an estimate: the ledger's own, and the claims of
# other sources and times.
_ESTIMATE_RULES = frozenset(LEDGER_RULES) | {"cross-source", "timeline"}


def ledger_records(ledger: Ledger, findings: Iterable[Finding] = ()) -> list[dict[str, Any]]:
    """Every estimate of the ledger as a record, grouped by series and sorted by date."""
    verdicts = _worst_by_claim(findings)
    series: dict[tuple, list[Estimate]] = defaultdict(list)
    for estimate in [*ledger.published, *ledger.claims]:
        series[(estimate.actor or "", estimate.scope_key, estimate.quantity)].append(estimate)
    records = []
    for key in sorted(series):
        members = sorted(series[key], key=_order)
        previous_held: float | None = None
        for estimate in members:
            record = _record(ledger, estimate, verdicts)
            if estimate.quantity == "held" and estimate.as_of is not None:
                if previous_held is not None:
                    record["lost_since_previous_km2"] = _finite(previous_held - estimate.value)
                previous_held = estimate.value
            records.append(record)
    return records


def _record(ledger: Ledger, estimate: Estimate, verdicts: dict[str, str]) -> dict[str, Any]:
    band = ledger.band(estimate.actor, estimate.scope_key, estimate.quantity, estimate.as_of)
    claim_id = estimate.claim_id
    record: dict[str, Any] = {
        "actor": estimate.actor,
        "scope": estimate.scope.text if estimate.scope is not None else None,
        "quantity": estimate.quantity,
        "unit": "share" if estimate.quantity == "lost_share" else "km2",
        "date": _iso(estimate.as_of),
        "value": _finite(estimate.value),
        "low": _finite(estimate.low),
        "high": _finite(estimate.high),
        "origin": "claim" if claim_id is not None else "published",
        "claim": claim_id,
        "source": estimate.source,
        "how": estimate.how,
        "verdict": verdicts.get(claim_id or "", "unchecked" if claim_id else None),
        "band_low": _finite(band.low) if band else None,
        "band_high": _finite(band.high) if band else None,
        "band_how": band.how if band else None,
        "lost_since_peak": None,
        "lost_since_previous_km2": None,
    }
    if estimate.quantity == "held":
        peak = ledger.band(estimate.actor, estimate.scope_key, "peak", None)
        if peak is not None and peak.middle > 0:
            record["lost_since_peak"] = _finite(max(0.0, 1 - estimate.value / peak.middle))
    return record


def _order(estimate: Estimate) -> tuple:
    return (estimate.as_of[0] if estimate.as_of else math.inf, estimate.claim_id or "",
            estimate.source)


def _iso(as_of: tuple[int, int] | None) -> str | None:
    return dt.date.fromordinal(as_of[0]).isoformat() if as_of else None


def _finite(value: float) -> float | None:
    return round(float(value), 6) if math.isfinite(value) else None


def _worst_by_claim(findings: Iterable[Finding]) -> dict[str, str]:
    worst: dict[str, str] = {}
    for finding in findings:
        if finding.rule not in _ESTIMATE_RULES:
            continue
        for claim_id in finding.claims:
            if _SEVERITY.get(finding.verdict, 0) >= _SEVERITY.get(worst.get(claim_id, ""), -1):
                worst[claim_id] = finding.verdict
    return worst

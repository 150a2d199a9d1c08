"""Rule ``containment``: a claimed area fits in the country or admin-1 unit its scope names.

The unit's area: a country's official total (``contested.gazetteer.official_areas``, water
included); an admin-1 unit's official total where one is bundled, else its polygon's
geodesic area (:mod:`contested.checks.unit_areas`); the message says which. A scope of several units
("Iraq and Syria") sums them. A narrowing word ("western Anbar") names a part smaller than
the unit, but the unit is what the figure can be tested against. Scopes that are a town or
unresolved text get no finding. The tolerance covers polygons that undershoot official areas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from contested.checks.model import Finding, Tolerances, fmt_figure, fmt_km2
from contested.checks.unit_areas import unit_areas
from contested.claims.model import Claim
from contested.claims.scope import ScopeLookup, ScopeUnit, bare_admin1_id
from contested.gazetteer.official_areas import ReferenceTable

RULE = "containment"

# unit -> (area km², where the figure comes from), or None when unknown.
UnitArea = Callable[[ScopeUnit], tuple[float, str] | None]


def default_unit_area(references: ReferenceTable | None) -> UnitArea:
    """Countries and US states from the official-areas table; admin-1 units from their
    official totals where bundled, else their polygons (:mod:`contested.checks.unit_areas`)."""

    def unit_area(unit: ScopeUnit) -> tuple[float, str] | None:
        if unit.level == "country" or unit.id.startswith("usstate:"):
            reference = references.get(unit.id) if references is not None else None
            if reference is None:
                return None
            return reference.total_km2, f"{reference.name} {fmt_km2(reference.total_km2)} " \
                f"({reference.source})"
        if unit.level == "admin1" and unit.admin1_id:
            area = unit_areas().get(bare_admin1_id(unit.admin1_id))
            if area is None:
                return None
            return area.km2, f"{unit.name} {fmt_km2(area.km2)} ({area.source})"
        return None

    return unit_area


def check_containment(
    claims: Sequence[Claim],
    tolerances: Tolerances,
    scopes: ScopeLookup,
    unit_area: UnitArea,
) -> list[Finding]:
    resolve = scopes
    area_of = unit_area
    findings: list[Finding] = []
    for claim in claims:
        if not claim.stated or not claim.scope:
            continue
        scope = resolve(claim.scope)
        if scope is None or not scope.units:
            continue
        areas = [area_of(unit) for unit in scope.units]
        if any(area is None for area in areas):
            continue
        unit_km2 = sum(area[0] for area in areas)  # type: ignore[index]
        described = " + ".join(area[1] for area in areas)  # type: ignore[index]
        claimed_km2 = claim.stated[0].km2
        ratio = claimed_km2 / unit_km2 if unit_km2 else None
        fits = claimed_km2 <= unit_km2 * (1 + tolerances.containment)
        message = (f"{fmt_figure(claim)} in {claim.scope} vs {described}: "
                   f"{_how_it_fits(ratio, tolerances.containment)}")
        if _narrowed(claim.scope, scope):
            message += " (the scope names a part of the unit, which is smaller still)"
        findings.append(Finding(
            RULE, "consistent" if fits else "inconsistent", (claim.id,), unit_km2, claimed_km2,
            ratio, message, reference=" + ".join(unit.name for unit in scope.units),
            reference_id=" + ".join(unit.id for unit in scope.units)))
    return findings


def _how_it_fits(ratio: float | None, tolerance: float) -> str:
    """"9.4% of it, it fits"; "exceeds the unit by 4%, within the 10% tolerance";
    "exceeds the unit by 67%, beyond the 10% tolerance"."""
    if ratio is None:
        return "the unit has no area"
    if ratio <= 1:
        return f"{ratio * 100:.1f}% of it, it fits"
    excess = (ratio - 1) * 100
    excess_text = f"{excess:.0f}%" if excess >= 10 else f"{excess:.1f}%"
    side = "within" if ratio <= 1 + tolerance else "beyond"
    return f"exceeds the unit by {excess_text}, {side} the {tolerance * 100:g}% tolerance"


def _narrowed(text: str, scope: object) -> bool:
    first = text.strip().split()[0].lower() if text.strip() else ""
    return first.endswith(("ern", "central")) or first in ("north", "south", "east", "west")

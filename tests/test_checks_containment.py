"""Rule containment: a claimed area fits in the unit its scope names."""

from __future__ import annotations

import pytest

from contested.checks import Tolerances, check_containment
from contested.claims.model import Claim, Stated
from contested.claims.scope import ScopeUnit
from contested.gazetteer.official_areas import Reference, ReferenceTable
from contested.resolution import ClaimResolver

TABLE = ReferenceTable(
    [
        Reference("Iraq", "country", "IQ", 437072.0, "GeoNames"),
        Reference("Syria", "country", "SY", 185180.0, "GeoNames"),
    ],
    use_gazetteer=False,
)
SCOPES = ClaimResolver(None, TABLE).scope


def area_of(unit: ScopeUnit) -> tuple[float, str] | None:
    reference = TABLE.get(unit.id)
    if reference is not None:
        return reference.total_km2, f"{reference.name} {reference.total_km2:,.0f} km²"
    if unit.id == "text:anbar":
        return 138501.0, "Anbar 138,501 km² (test polygon)"
    return None


def claim(km2: float, scope: str | None, qualifier: str | None = None) -> Claim:
    return Claim(id="d:1", stated=(Stated(km2, "km2", km2),), scope=scope, qualifier=qualifier)


def run(*claims: Claim):
    return check_containment(list(claims), Tolerances(), SCOPES, area_of)


def test_a_figure_below_the_country_area_fits() -> None:
    [finding] = run(claim(41000, "Iraq", "more than"))
    assert finding.verdict == "consistent"
    assert finding.expected == 437072
    assert "9.4% of it" in finding.message


def test_a_figure_above_the_country_area_is_inconsistent() -> None:
    [finding] = run(claim(250000, "Syria"))
    assert finding.verdict == "inconsistent"
    assert finding.ratio == pytest.approx(250000 / 185180)


def test_several_units_add_up() -> None:
    [finding] = run(claim(500000, "Iraq and Syria"))
    assert finding.verdict == "consistent"
    assert finding.expected == 437072 + 185180


def test_a_directional_part_is_compared_with_the_whole_unit() -> None:
    [finding] = run(claim(200000, "western Anbar"))
    assert finding.verdict == "inconsistent"
    assert "part of the unit" in finding.message


def test_unknown_scope_or_no_scope_gives_no_finding() -> None:
    assert run(claim(1000, "Middle Euphrates River Valley"), claim(1000, None)) == []


def test_a_governorate_is_measured_by_its_official_area_not_its_polygon(gazetteer) -> None:
    from contested.checks.containment import default_unit_area
    from contested.gazetteer.official_areas import default_references

    def check(km2: float, scope: str):
        return check_containment([claim(km2, scope)], Tolerances(),
                                 ClaimResolver(gazetteer).scope,
                                 default_unit_area(default_references()))

    # Natural Earth's Deir ez-Zor polygon is 26,723 km²; the governorate is 33,060 km².
    [finding] = check(30_000, "Dayr Az Zawr province")
    assert finding.verdict == "consistent"
    assert "33,060 km² (official" in finding.message
    # Its "Baghdad" is 658 km²; the governorate 4,555 km²: 2,000 km² fits.
    [baghdad] = check(2_000, "Baghdad governorate")
    assert baghdad.verdict == "consistent" and "4,555 km²" in baghdad.message

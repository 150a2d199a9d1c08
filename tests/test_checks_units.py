"""Rule units: a figure given twice agrees after conversion."""

from __future__ import annotations

import pytest

from contested.checks import Tolerances, check_units
from contested.claims.model import Claim, Stated
from contested.claims.units import to_km2


def figures(*pairs: tuple[float, str], qualifier: str | None = None) -> Claim:
    stated = tuple(Stated(value, unit, to_km2(value, unit)) for value, unit in pairs)
    return Claim(id="doc:1", stated=stated, qualifier=qualifier)


def test_a_correct_conversion_is_consistent_and_shows_the_arithmetic() -> None:
    [finding] = check_units([figures((41000, "km2"), (15800, "sq mi"))], Tolerances())
    assert finding.verdict == "consistent"
    assert finding.rule == "units"
    assert "15,800 sq mi = 40,921.8 km², stated 41,000 km²: 0.19% apart" in finding.message
    assert finding.ratio == pytest.approx(15800 * 2.589988110336 / 41000)


def test_square_kilometres_over_square_miles_with_the_linear_factor_is_inconsistent() -> None:
    [finding] = check_units([figures((40000, "km2"), (25000, "sq mi"))], Tolerances())
    assert finding.verdict == "inconsistent"
    assert "1.609" in finding.message


def test_rounded_figures_get_their_rounding_allowance() -> None:
    # 40,000 sq mi = 103,600 km²: 3.5% off 100,000, but both figures are round.
    [finding] = check_units([figures((100000, "km2"), (40000, "sq mi"))], Tolerances())
    assert finding.verdict == "consistent"


def test_rounding_allowance_is_capped() -> None:
    # 30,000 sq mi = 77,700 km²: 22% off 100,000 however round the figures are.
    [finding] = check_units([figures((100000, "km2"), (30000, "sq mi"))], Tolerances())
    assert finding.verdict == "inconsistent"


def test_tolerance_override_changes_the_verdict() -> None:
    claims = [figures((68300, "km2"), (26000, "sq mi"))]  # 67,340 km²: 1.4% off
    assert check_units(claims, Tolerances())[0].verdict == "consistent"
    strict = Tolerances(units=0.001, max_rounding=0.0)
    assert check_units(claims, strict)[0].verdict == "inconsistent"


def test_three_figures_give_one_finding_per_extra_figure() -> None:
    claim = figures((1000, "km2"), (386, "sq mi"), (100000, "ha"))
    findings = check_units([claim], Tolerances())
    assert [f.verdict for f in findings] == ["consistent", "consistent"]


def test_a_single_figure_has_nothing_to_check() -> None:
    assert check_units([figures((41000, "km2"))], Tolerances()) == []

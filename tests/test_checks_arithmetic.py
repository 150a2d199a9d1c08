"""Rule arithmetic: percent of a total, part ≤ total, remainder = total − part."""

from __future__ import annotations

from contested.checks import Tolerances, check_arithmetic
from contested.claims.model import Claim, Stated


def claim(claim_id: str, km2: float | None = None, **fields) -> Claim:
    stated = (Stated(km2, "km2", km2),) if km2 is not None else ()
    return Claim(id=claim_id, stated=stated, **fields)


def test_percent_of_total_that_adds_up_is_consistent() -> None:
    [finding] = check_arithmetic(
        [claim("d:1", 107575, percent=98, of_total_km2=109770, kind="liberated")], Tolerances()
    )
    assert finding.verdict == "consistent"
    assert "98% × 109,770 km² = 107,574.6 km², stated 107,575 km²" in finding.message


def test_percent_of_total_that_does_not_add_up_is_inconsistent() -> None:
    [finding] = check_arithmetic(
        [claim("d:1", 30000, percent=60, of_total_km2=100000)], Tolerances()
    )
    assert finding.verdict == "inconsistent"
    assert finding.expected == 60000


def test_a_share_above_one_hundred_percent_is_impossible() -> None:
    [finding] = check_arithmetic([claim("d:1", percent=120)], Tolerances())
    assert finding.verdict == "inconsistent"
    assert "120%" in finding.message


def test_a_part_larger_than_its_total_is_inconsistent() -> None:
    [finding] = check_arithmetic([claim("d:1", 120000, of_total_km2=110000)], Tolerances())
    assert finding.verdict == "inconsistent"
    assert "larger than its total" in finding.message


def test_remainder_across_claims_of_one_document() -> None:
    claims = [
        claim("d:1", 107575, percent=98, of_total_km2=109770, kind="liberated"),
        claim("d:2", 2195, kind="held"),
    ]
    remainder = [f for f in check_arithmetic(claims, Tolerances()) if "d:2" in f.claims]
    assert [f.verdict for f in remainder] == ["consistent"]
    assert remainder[0].expected == 2195


def test_remainder_from_a_peak_claim_that_is_off_is_inconsistent() -> None:
    claims = [
        claim("d:1", 100000, kind="peak_held"),
        claim("d:2", 90000, kind="liberated"),
        claim("d:3", 25000, kind="held"),
    ]
    [finding] = check_arithmetic(claims, Tolerances())
    assert finding.verdict == "inconsistent"
    assert set(finding.claims) == {"d:1", "d:2", "d:3"}
    assert finding.expected == 10000


def test_remainder_is_not_taken_across_documents() -> None:
    claims = [
        claim("a:1", 100000, kind="peak_held"),
        claim("a:2", 90000, kind="liberated"),
        claim("b:1", 25000, kind="held"),
    ]
    assert check_arithmetic(claims, Tolerances()) == []


def test_more_than_liberated_leaves_at_most_the_difference() -> None:
    claims = [
        claim("d:1", 100000, kind="peak_held"),
        claim("d:2", 90000, kind="liberated", qualifier="more than"),
        claim("d:3", 6000, kind="held"),
    ]
    [finding] = check_arithmetic(claims, Tolerances())
    assert finding.verdict == "consistent"


def test_a_percent_change_from_x_to_y_is_checked_against_the_from_figure() -> None:
    # "lost 14 percent …, shrinking from 90,800 sq km to 78,000 sq km", as a claims file gives it.
    lost = Claim.from_dict({"id": "d:1", "kind": "lost", "percent": 14, "of_total_km2": 90800,
                            "from_km2": 90800, "to_km2": 78000})
    [finding] = check_arithmetic([lost], Tolerances())
    assert finding.verdict == "consistent"
    assert "12,800 / 90,800 = 14.1%, stated 14%" in finding.message


def test_a_percent_change_that_does_not_add_up_is_inconsistent() -> None:
    lost = claim("d:1", kind="lost", percent=40, extra={"from_km2": 90800, "to_km2": 78000})
    [finding] = check_arithmetic([lost], Tolerances())
    assert finding.verdict == "inconsistent"
    assert finding.observed == 12800


def test_a_share_of_a_stated_total_states_the_area_it_implies() -> None:
    # "retaken 90% of Mosul, a city of 180 sq km"
    [finding] = check_arithmetic(
        [claim("d:1", percent=90, of_total_km2=180, kind="liberated")], Tolerances()
    )
    assert finding.verdict == "consistent"
    assert finding.expected == 162
    assert "90% × 180 km² = 162 km²" in finding.message

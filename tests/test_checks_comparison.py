"""Rule comparison: "the size of X", "N times the size of X", "1% of X" vs official areas."""

from __future__ import annotations

import pytest

from contested.checks import Tolerances, check_comparison
from contested.claims.model import Claim, Comparison, Stated
from contested.gazetteer.official_areas import Reference, ReferenceTable
from contested.resolution import ClaimResolver

TABLE = ReferenceTable(
    [
        Reference("Sweden", "country", "SE", 449964.0, "GeoNames"),
        Reference("United Kingdom", "country", "GB", 244820.0, "GeoNames"),
        Reference("Egypt", "country", "EG", 1001450.0, "GeoNames"),
        Reference("Belgium", "country", "BE", 30510.0, "GeoNames"),
        Reference("Virginia", "us_state", "VA", 110787.0, "US Census 2010"),
        Reference("District of Columbia", "us_state", "DC", 177.0, "US Census 2010"),
        Reference("New Jersey", "us_state", "NJ", 22591.0, "US Census 2010"),
    ],
    use_gazetteer=False,
)
SCOPES = ClaimResolver(None, TABLE).scope


def compared(km2: float | None, *references: str, factor: float | None = None,
             qualifier: str | None = None, stated_reference_km2: float | None = None,
             claim_id: str = "d:1", **fields) -> Claim:
    stated = (Stated(km2, "km2", km2),) if km2 is not None else ()
    comparison = Comparison(tuple(references), factor, qualifier, stated_reference_km2)
    return Claim(id=claim_id, stated=stated, comparison=comparison, **fields)


def run(*claims: Claim, tolerances: Tolerances | None = None):
    return check_comparison(list(claims), tolerances or Tolerances(), TABLE.lookup, SCOPES)


def test_size_of_a_much_larger_country_is_inconsistent_and_says_by_how_much() -> None:
    [finding] = run(compared(110000, "Sweden"))
    assert finding.verdict == "inconsistent"
    assert finding.message.startswith(
        "110,000 km² vs Sweden 449,964 km² (GeoNames): Sweden is 4.09× larger"
    )
    assert finding.expected == 449964
    assert finding.ratio == pytest.approx(110000 / 449964)


def test_several_references_give_one_finding_each() -> None:
    findings = run(compared(110000, "Sweden", "Virginia"))
    assert [f.verdict for f in findings] == ["inconsistent", "consistent"]


def test_the_size_of_the_uk_for_a_third_of_it_is_inconsistent() -> None:
    [finding] = run(compared(80000, "the UK"))
    assert finding.verdict == "inconsistent"


def test_roughly_the_size_is_loose_between_one_and_two_tolerances() -> None:
    [finding] = run(compared(24000, "Belgium"))  # 21% under Belgium
    assert finding.verdict == "loose"


def test_times_the_size_with_more_than_is_a_lower_bound() -> None:
    [finding] = run(compared(2195, "Washington, DC", factor=10, qualifier="more than"))
    assert finding.verdict == "consistent"
    assert "2,195 / 177 = 12.4 times" in finding.message
    [too_small] = run(compared(1200, "Washington, DC", factor=10, qualifier="more than"))
    assert too_small.verdict == "inconsistent"


def test_a_fraction_of_a_country() -> None:
    [finding] = run(compared(10000, "Egypt", factor=0.01))
    assert finding.verdict == "consistent"
    assert "1% of Egypt" in finding.message


def test_half_of_the_country_uses_the_claims_scope() -> None:
    [finding] = run(compared(122000, "the country", factor=0.5, scope="United Kingdom"))
    assert finding.verdict == "consistent"
    assert "United Kingdom" in finding.message


def test_a_stated_reference_area_is_checked_against_the_official_one() -> None:
    right, stated_ok = run(compared(2195, "the U.S. capital", factor=12, stated_reference_km2=177))
    assert (right.verdict, stated_ok.verdict) == ("consistent", "consistent")
    _, stated_wrong = run(compared(2195, "the U.S. capital", factor=12, stated_reference_km2=61))
    assert stated_wrong.verdict == "inconsistent"
    assert "61 km² vs official 177 km²" in stated_wrong.message


def test_a_comparison_without_a_figure_is_unverifiable() -> None:
    [finding] = run(compared(None, "New Jersey", kind="liberated", scope="Iraq", period="2016"))
    assert finding.verdict == "unverifiable"
    assert "no area figure" in finding.message


def test_a_comparison_borrows_the_nearest_figure_of_the_same_document_and_kind() -> None:
    comparison = compared(None, "Washington, DC", factor=10, qualifier="more than",
                          kind="held", claim_id="d:1")
    figure = Claim(id="d:3", stated=(Stated(2195, "km2", 2195),), kind="held")
    other_kind = Claim(id="d:2", stated=(Stated(107575, "km2", 107575),), kind="liberated")
    [finding] = run(comparison, other_kind, figure)
    assert finding.verdict == "consistent"
    assert finding.claims == ("d:1", "d:3")


def test_a_figure_of_another_scope_or_document_is_not_borrowed() -> None:
    comparison = compared(None, "New Jersey", kind="liberated", scope="Iraq", claim_id="d:2")
    elsewhere = Claim(id="d:1", stated=(Stated(3900, "km2", 3900),), kind="liberated",
                      scope="Raqqa")
    other_document = Claim(id="e:1", stated=(Stated(22000, "km2", 22000),), kind="liberated",
                           scope="Iraq")
    [finding] = run(elsewhere, comparison, other_document)
    assert finding.verdict == "unverifiable"


def test_an_unknown_reference_is_unverifiable_and_named() -> None:
    [finding] = run(compared(130000, "England"))
    assert finding.verdict == "unverifiable"
    assert "England" in finding.message


def test_comparison_tolerance_can_be_widened() -> None:
    claim = compared(24000, "Belgium")
    [finding] = run(claim, tolerances=Tolerances(comparison=0.25))
    assert finding.verdict == "consistent"


def test_a_stated_reference_area_may_be_the_land_area() -> None:
    table = ReferenceTable(
        [Reference("District of Columbia", "us_state", "DC", 177.0, "US Census 2010", 158.0)],
        use_gazetteer=False,
    )
    claim = compared(5000, "DC", factor=30, stated_reference_km2=158.0)
    _, stated = check_comparison([claim], Tolerances(), table.lookup, SCOPES)
    assert stated.verdict == "consistent"
    assert "land area" in stated.message


def test_a_comparison_finding_names_its_reference_in_fields_not_only_in_prose() -> None:
    [finding] = run(Claim(id="c", stated=(Stated(110_000, "km2", 110_000.0),),
                          comparison=Comparison(("Sweden",))))
    assert (finding.reference, finding.reference_id) == ("Sweden", "country:SE")
    assert finding.to_dict()["reference_id"] == "country:SE"


def test_a_place_with_no_official_area_is_unverifiable_and_not_called_unknown() -> None:
    [finding] = run(compared(500, "Manhattan"))
    assert finding.verdict == "unverifiable"
    assert "no official area for 'Manhattan'" in finding.message
    assert "unknown place" not in finding.message


def test_an_appositive_size_is_checked_against_the_share_just_before_it() -> None:
    share = Claim(id="d:1", kind="held", percent=60.0, of_total_km2=678500.0, start=0, end=40)
    appositive = compared(None, "New Jersey", claim_id="d:2", start=42, end=80)
    [finding] = run(share, appositive)
    assert finding.claims == ("d:2", "d:1")
    assert finding.observed == pytest.approx(407100.0)
    assert finding.verdict == "inconsistent"


def test_a_size_with_no_kind_far_from_any_figure_stays_unverifiable() -> None:
    share = Claim(id="d:1", kind="held", percent=60.0, of_total_km2=678500.0, start=0, end=40)
    distant = compared(None, "New Jersey", claim_id="d:2", start=200, end=240)
    [finding] = run(share, distant)
    assert finding.verdict == "unverifiable"


@pytest.mark.parametrize(("km2", "verdict"), [(18_500, "consistent"), (12_000, "inconsistent")])
def test_a_share_of_the_claims_own_province_uses_its_official_area(gazetteer, km2: float,
                                                                    verdict: str) -> None:
    # "about 70% of Donetsk oblast, or roughly N sq km": the oblast's official 26,517 km².
    claim = compared(km2, "Donetsk", factor=0.7, qualifier="about", kind="held",
                     scope="Donetsk oblast")
    resolver = ClaimResolver(gazetteer)
    [finding] = check_comparison([claim], Tolerances(), TABLE.lookup, resolver.scope)
    assert finding.verdict == verdict
    assert "26,517 km² (official" in finding.message
    assert finding.expected == pytest.approx(0.7 * 26_517)


def test_a_share_of_a_province_other_than_the_scope_is_not_guessed(gazetteer) -> None:
    claim = compared(18_500, "Luhansk", factor=0.7, kind="held", scope="Donetsk oblast")
    [finding] = check_comparison([claim], Tolerances(), TABLE.lookup,
                                 ClaimResolver(gazetteer).scope)
    assert finding.verdict == "unverifiable"


def test_an_appositive_that_describes_the_country_is_checked_against_the_country() -> None:
    # "… 70% of the country, a country about the size of Virginia": the country's size.
    share = Claim(id="d:1", kind="held", percent=70.0, of_total="Atlantis",
                  of_total_km2=110_000.0, start=0, end=40)
    appositive = compared(None, "Virginia", claim_id="d:2", start=42, end=80,
                          quote="a country about the size of Virginia")
    [finding] = run(share, appositive)
    assert finding.observed == 110_000.0
    assert finding.verdict == "consistent"
    assert "the whole of Atlantis" in finding.message

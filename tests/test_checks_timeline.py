"""Rule timeline: liberated area does not shrink; held area does not grow unexplained."""

from __future__ import annotations

from contested.checks import Tolerances, check_timeline
from contested.checks.ledger import build_ledger
from contested.claims.model import Claim, Stated
from contested.gazetteer.official_areas import Reference, ReferenceTable
from contested.resolution import resolve_claims

TABLE = ReferenceTable([Reference("Iraq", "country", "IQ", 437072.0, "GeoNames")],
                       use_gazetteer=False)


def claim(claim_id: str, km2: float, kind: str, date: str, quote: str | None = None,
          qualifier: str | None = None) -> Claim:
    return Claim(id=claim_id, stated=(Stated(km2, "km2", km2),), kind=kind, date=date,
                 scope="Iraq", quote=quote, qualifier=qualifier)


def run(*claims: Claim):
    resolved = resolve_claims(claims, gazetteer=None, areas=TABLE)
    return check_timeline(build_ledger(resolved, published=[]).claims, Tolerances())


def test_growing_liberated_area_is_consistent() -> None:
    findings = run(
        claim("a:1", 30000, "liberated", "2017-01"),
        claim("b:1", 36000, "liberated", "2017-06"),
        claim("c:1", 41000, "liberated", "2017-09"),
    )
    assert [f.verdict for f in findings] == ["consistent", "consistent"]


def test_liberated_area_that_shrinks_is_inconsistent_against_the_largest_earlier() -> None:
    findings = run(
        claim("a:1", 41000, "liberated", "2017-09"),
        claim("a:2", 38000, "liberated", "2017-10"),
        claim("a:3", 30000, "liberated", "2017-12"),
    )
    assert [f.verdict for f in findings] == ["consistent", "inconsistent"]
    assert findings[1].claims == ("a:1", "a:3")


def test_held_area_growing_without_reason_is_inconsistent() -> None:
    [finding] = run(
        claim("a:1", 2195, "held", "2018-07"),
        claim("b:1", 5000, "held", "2018-09"),
    )
    assert finding.verdict == "inconsistent"
    assert "no stated reason" in finding.message


def test_held_area_growing_with_a_stated_reason_is_consistent() -> None:
    [finding] = run(
        claim("a:1", 2195, "held", "2018-07"),
        claim("b:1", 5000, "held", "2018-09", quote="after a counter-offensive it holds 5,000"),
    )
    assert finding.verdict == "consistent"
    assert "counter-offensive" in finding.message


def test_same_day_claims_are_left_to_cross_source() -> None:
    assert run(
        claim("a:1", 41000, "liberated", "2017-09-22"),
        claim("b:1", 30000, "liberated", "2017-09-22"),
    ) == []


def test_a_lower_bound_later_never_shrinks() -> None:
    [finding] = run(
        claim("a:1", 41000, "liberated", "2017-09"),
        claim("b:1", 30000, "liberated", "2017-12", qualifier="more than"),
    )
    assert finding.verdict == "consistent"


def test_gains_of_two_operations_that_shrink_are_loose_two_tallies_inconsistent() -> None:
    [gains] = run(claim("a:1", 1200, "liberated", "2017-08",
                        quote="the army liberated some 1,200 sq km of land"),
                  claim("b:1", 845, "liberated", "2017-09",
                        quote="845 Square Kilometers Liberated From the Militants"))
    assert gains.verdict == "loose"
    assert "gains of different operations" in gains.message
    [tallies] = run(claim("a:1", 1200, "liberated", "2017-08",
                          quote="troops have liberated 1,200 sq km so far"),
                    claim("b:1", 845, "liberated", "2017-09",
                          quote="troops have retaken 845 sq km"))
    assert tallies.verdict == "inconsistent"

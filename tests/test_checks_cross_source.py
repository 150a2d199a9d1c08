"""Rule cross-source: the same quantity from different documents agrees."""

from __future__ import annotations

from contested.checks import Tolerances, check_cross_source
from contested.checks.ledger import build_ledger
from contested.claims.model import Claim, Stated
from contested.gazetteer.official_areas import Reference, ReferenceTable
from contested.resolution import resolve_claims

TABLE = ReferenceTable(
    [
        Reference("Iraq", "country", "IQ", 437072.0, "GeoNames"),
        Reference("Syria", "country", "SY", 185180.0, "GeoNames"),
    ],
    use_gazetteer=False,
)


def claim(claim_id: str, km2: float, kind: str, date: str | None, scope: str | None = None,
          qualifier: str | None = None, unit: str = "km2", value: float | None = None) -> Claim:
    stated = (Stated(km2 if value is None else value, unit, km2),)
    return Claim(id=claim_id, stated=stated, kind=kind, date=date, scope=scope,
                 qualifier=qualifier)


def run(*claims: Claim, tolerances: Tolerances | None = None):
    resolved = resolve_claims(claims, gazetteer=None, areas=TABLE)
    ledger = build_ledger(resolved, published=[])
    return check_cross_source(ledger.claims, tolerances or Tolerances())


def test_seed_like_pair_with_qualifiers_and_units_agrees() -> None:
    [finding] = run(
        claim("a:1", 41000, "liberated", "2017-09", "Iraq", "more than"),
        claim("b:1", 40921.8, "liberated", "2017-09-22", "Iraq", "close to", "sq mi", 15800),
    )
    assert finding.verdict == "consistent"
    assert finding.claims == ("a:1", "b:1")
    assert "0.19% apart" in finding.message


def test_contradicting_sources_are_inconsistent() -> None:
    [finding] = run(
        claim("a:1", 25000, "liberated", "2016-05-01", "Iraq"),
        claim("b:1", 40000, "lost", "2016-05-10", "Iraq"),
    )
    assert finding.verdict == "inconsistent"


def test_claims_of_one_document_are_not_cross_checked() -> None:
    assert run(
        claim("a:1", 25000, "liberated", "2016-05-01", "Iraq"),
        claim("a:2", 40000, "liberated", "2016-05-10", "Iraq"),
    ) == []


def test_dates_outside_the_window_are_not_compared_except_for_the_peak() -> None:
    assert run(
        claim("a:1", 25000, "liberated", "2016-01-01", "Iraq"),
        claim("b:1", 40000, "liberated", "2016-06-01", "Iraq"),
    ) == []
    [peak] = run(
        claim("a:1", 109770, "peak_held", "2018-07"),
        claim("b:1", 110000, "peak_held", "2020-11-15", qualifier="up to"),
    )
    assert peak.verdict == "consistent"


def test_window_can_be_widened() -> None:
    findings = run(
        claim("a:1", 25000, "liberated", "2016-01-01", "Iraq"),
        claim("b:1", 40000, "liberated", "2016-06-01", "Iraq"),
        tolerances=Tolerances(cross_source_days=200),
    )
    assert [f.verdict for f in findings] == ["inconsistent"]


def test_different_kinds_or_countries_are_different_quantities() -> None:
    assert run(
        claim("a:1", 41000, "liberated", "2017-09", "Iraq"),
        claim("b:1", 44000, "liberated", "2017-09", "Syria"),
        claim("c:1", 8000, "held", "2017-09", "Iraq"),
    ) == []


def test_a_part_of_a_wider_scope_must_not_exceed_it() -> None:
    [fits] = run(
        claim("a:1", 41000, "liberated", "2017-09", "Iraq"),
        claim("b:1", 85000, "liberated", "2017-09", "Iraq and Syria"),
    )
    assert fits.verdict == "consistent"
    [exceeds] = run(
        claim("a:1", 95000, "liberated", "2017-09", "Iraq"),
        claim("b:1", 85000, "liberated", "2017-09", "Iraq and Syria"),
    )
    assert exceeds.verdict == "inconsistent"


def test_each_claim_meets_a_bounded_number_of_others() -> None:
    claims = [claim(f"s{n}:1", 41000, "liberated", "2017-09-10", "Iraq") for n in range(50)]
    findings = run(*claims)
    assert len(findings) <= 3 * len(claims)
    assert all(f.verdict == "consistent" for f in findings)


def test_an_undated_claim_that_agrees_is_consistent_one_that_differs_loose() -> None:
    [agrees] = run(
        claim("a:1", 41000, "liberated", None, "Iraq", "more than"),
        claim("b:1", 40921.8, "liberated", "2017-09-22", "Iraq"),
    )
    assert agrees.verdict == "consistent"
    assert "no date" in agrees.message
    [differs] = run(
        claim("a:1", 20000, "liberated", None, "Iraq"),
        claim("b:1", 40921.8, "liberated", "2017-09-22", "Iraq"),
    )
    assert differs.verdict == "loose"


def test_an_unscoped_peak_meets_a_scoped_one_as_a_weak_pair() -> None:
    [finding] = run(
        claim("a:1", 109770, "peak_held", "2018-07"),
        claim("b:1", 110000, "peak_held", "2020-11-15", "Iraq", "up to"),
    )
    assert finding.verdict == "consistent"
    assert "no scope" in finding.message


def test_more_than_is_read_as_at_most_twice_the_figure() -> None:
    # Two reports of one operation: "over 2,000" and "over 20,000" square kilometres.
    [finding] = run(claim("a:1", 2000, "liberated", "2018-06-15", "Syria", "more than"),
                    claim("b:1", 20000, "liberated", "2018-06-15", "Syria", "more than"))
    assert finding.verdict == "inconsistent"
    [close] = run(claim("a:1", 41000, "liberated", "2017-09", "Iraq", "more than"),
                  claim("b:1", 60000, "liberated", "2017-09", "Iraq"))
    assert close.verdict == "consistent"


def test_ground_taken_in_a_part_later_may_exceed_the_wholes_earlier_tally() -> None:
    later = run(claim("a:1", 2000, "liberated", "2018-06-15", "Iraq and Syria"),
                claim("b:1", 5800, "liberated", "2018-06-28", "Iraq"))
    assert later == []
    same_day = run(claim("a:1", 2000, "liberated", "2018-06-15", "Iraq and Syria"),
                   claim("b:1", 5800, "liberated", "2018-06-15", "Iraq"))
    assert [f.verdict for f in same_day] == ["inconsistent"]


def test_a_river_scope_is_not_a_part_of_the_country_it_flows_through(gazetteer) -> None:
    claims = (claim("a:1", 210000, "held", "2015-12", "Tigris"),
              claim("b:1", 78000, "held", "2015-12", "Iraq"))
    resolved = resolve_claims(claims, gazetteer=gazetteer, areas=TABLE)
    assert resolved.scope("Tigris").units[0].level == "feature"
    findings = check_cross_source(build_ledger(resolved, published=[]).claims, Tolerances())
    assert findings == []


def test_shares_lost_in_a_part_and_in_the_whole_may_differ_loose_not_inconsistent() -> None:
    def lost(claim_id: str, percent: float, scope: str) -> Claim:
        return Claim(id=claim_id, kind="lost", percent=percent, of_total="its territory",
                     scope=scope, date="2015-12", actor="Islamic State")

    [nested] = run(lost("a:1", 14, "Iraq and Syria"), lost("b:1", 57, "Iraq"))
    assert nested.verdict == "loose"
    [same] = run(lost("a:1", 14, "Iraq"), lost("b:1", 57, "Iraq"))
    assert same.verdict == "inconsistent"


def test_two_operations_gains_that_differ_are_loose_two_tallies_inconsistent() -> None:
    def taken(claim_id: str, km2: float, quote: str) -> Claim:
        return Claim(id=claim_id, stated=(Stated(km2, "km2", km2),), kind="liberated",
                     date="2017-09", scope="Iraq", quote=quote)

    [gains] = run(taken("a:1", 1200, "the army liberated some 1,200 sq km of land"),
                  taken("b:1", 500, "coalition forces took more than 500 sq km"))
    assert gains.verdict == "loose"
    [tallies] = run(taken("a:1", 1200, "the army has liberated 1,200 sq km so far"),
                    taken("b:1", 500, "troops have retaken 500 sq km in total"))
    assert tallies.verdict == "inconsistent"

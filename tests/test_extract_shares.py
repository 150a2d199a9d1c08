"""Shares of territory (contested.claims.extract.shares): percents, fractions and counts, with
what they are of; and the numbers that only look like shares. Sentences are our own."""

from __future__ import annotations

import pytest

from contested.claims.extract import extract_claims


def _claims(text: str, **kwargs):
    claims = extract_claims(text, gazetteer=None, **kwargs)
    for claim in claims:
        assert text[claim.start:claim.end] == claim.quote
    return claims


def _one(text: str, **kwargs):
    claims = _claims(text, **kwargs)
    assert len(claims) == 1, [(c.quote, c.percent) for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "percent", "qualifier"),
    [
        ("Rebel units now hold 62 per cent of the province, a commander said.", 62, None),
        ("The movement lost almost a quarter of its territory over the winter.", 25, "nearly"),
        ("Two-thirds of the valley is under the control of the militia.", 66.6667, None),
        ("Nine-tenths of the district was retaken by the army.", 90, None),
        ("Militants roam across 1/3 of the country's land, officials believe.", 33.3333, None),
        ("Loyalist troops control 73 pct of the capital.", 73, None),
        ("Insurgents overran more than half of the region's towns and villages.", 50,
         "more than"),
    ],
)
def test_a_share_of_ground_is_a_claim_with_its_percent(text, percent, qualifier) -> None:
    claim = _one(text)
    assert claim.percent == pytest.approx(percent, abs=1e-3)
    assert claim.qualifier == qualifier
    assert claim.km2 is None


def test_a_count_of_units_is_a_share_of_them() -> None:
    claim = _one("Government troops have retaken 38 out of 52 districts in the south.")
    assert claim.percent == pytest.approx(100 * 38 / 52, abs=1e-3)
    assert claim.of_total == "52 districts"
    assert claim.kind == "liberated"
    claim = _one("The rebels hold three of the region's four provinces.")
    assert claim.percent == 75


def test_a_range_of_percents_keeps_both_ends() -> None:
    claim = _one("They have lost between 20 and 25 percent of their land this year.")
    assert (claim.percent, claim.percent_max, claim.kind) == (20, 25, "lost")
    claim = _one("The army holds roughly 60-65% of the city now.")
    assert (claim.percent, claim.percent_max, claim.qualifier) == (60, 65, "about")


def test_a_share_of_a_whole_country_takes_its_official_area() -> None:
    claim = _one("The government controls 70 percent of Iraq, the minister said.")
    assert claim.of_total == "Iraq"
    assert claim.of_total_km2 == pytest.approx(437072, rel=0.01)
    claim = _one("The group held 30 percent of Syrian territory in 2015.")
    assert claim.of_total_km2 == pytest.approx(185180, rel=0.01)
    assert claim.scope == "Syria"
    # Ground the group once held there is not the whole country.
    claim = _one("It has lost 45% of the territory it once held in Iraq.")
    assert (claim.of_total_km2, claim.scope, claim.kind) == (None, "Iraq", "lost")


def test_a_share_going_on_from_the_one_before_takes_its_kind() -> None:
    first, second = _claims("The militia has lost 30% of its ground in the north and 10% in "
                            "the east.")
    assert (first.percent, first.kind) == (30, "lost")
    assert (second.percent, second.kind) == (10, "lost")


def test_shares_of_several_holders_in_one_sentence() -> None:
    claims = _claims("The government holds 70 percent of the country, while the rebels hold "
                     "about 20 percent and the tribes about 10 percent.")
    assert [(c.percent, c.kind) for c in claims] == [(70, "held"), (20, "held"), (10, "held")]
    assert [c.actor for c in claims] == ["government", "rebels", "tribes"]


def test_a_change_of_the_territory_in_percent_is_a_loss() -> None:
    claim = _one("Its self-declared state shrank by 18% over the year, the study found.")
    assert (claim.percent, claim.kind) == (18, "lost")


def test_a_share_and_the_figure_it_restates_are_one_claim() -> None:
    claim = _one("The zone covers an area of 75 sq km, accounting for 9 percent of the "
                 "district.")
    assert (claim.km2, claim.percent) == (75, 9)
    claim = _one("Troops have occupied 12 square kilometres, equivalent to 4 percent of the "
                 "whole area.")
    assert (claim.km2, claim.percent, claim.kind) == (12, 4, "held")


@pytest.mark.parametrize(
    "text",
    [
        "More than half of the residents fled before the assault.",
        "A quarter of all sorties flown last month hit targets near the dam.",
        "The offensive is expected in the second half of the year.",
        "The ministry reported a 30 percent increase in attacks.",
        "The river splits the town in half.",
        "The town's eastern half is still held by the militia.",
        "They tried for a third time to cross the bridge.",
        "Fuel exports fell by 18% after the pipeline was cut.",
        "About 40 percent of them were children.",
    ],
)
def test_numbers_that_only_look_like_shares_make_no_claim(text: str) -> None:
    assert _claims(text) == []


def test_an_area_of_right_after_the_place_is_its_area_after_other_words_the_shares() -> None:
    part = _one("Troops hold 53% of the Strip behind the so-called yellow line, an area of "
                "roughly 190 square kilometres.")
    assert (part.percent, part.km2, part.of_total_km2) == (53.0, 190.0, None)
    place = _one("The militants still hold 25% of Raqqa province, an area of 19,600 sq km.")
    assert (place.percent, place.km2, place.of_total_km2) == (25.0, None, 19600.0)
    whole = _one("The army retook 90 percent of Khartoum, a city of some 1,000 square "
                 "kilometres, in March.")
    assert (whole.percent, whole.of_total_km2) == (90.0, 1000.0)

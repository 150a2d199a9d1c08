"""contested.claims.extract on sentences written in the style of wire copy and briefings (our own
words)."""

from __future__ import annotations

import pytest

from contested.claims.extract import extract_claims, split_sentences
from contested.claims.extract.dates import article_date, claim_time


def _one(text: str, **kwargs):
    claims = extract_claims(text, gazetteer=None, **kwargs)
    assert len(claims) == 1, [c.quote for c in claims]
    claim = claims[0]
    assert text[claim.start:claim.end] == claim.quote
    return claim


def test_sentences_survive_abbreviations_dates_and_curly_quotes() -> None:
    text = (
        "Col. Smith said on Nov. 5 that U.S. forces held 2,195 sq. km. of land. "
        "“It is over.”He left — quickly.\nMaj. Gen. Jones\nagreed."
    )
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == [
        "Col. Smith said on Nov. 5 that U.S. forces held 2,195 sq. km. of land.",
        "“It is over.”",
        "He left — quickly.",
        "Maj. Gen. Jones\nagreed.",
    ]


@pytest.mark.parametrize(
    ("text", "km2", "kind", "qualifier", "scope"),
    [
        ("Militants still hold about 2,000 sq km in Dayr Az Zawr province, officials said.",
         2000, "held", "about", "Dayr Az Zawr province"),
        ("The group controlled about 78,000 sq km in Iraq and Syria at the start of 2017.",
         78000, "held", "about", "Iraq and Syria"),
        ("At its height the caliphate spanned 88,000 sq km across Iraq and Syria.",
         88000, "peak_held", None, "Iraq and Syria"),
        ("The caliphate once spanned 88,000 sq km.", 88000, "peak_held", None, None),
        ("Its territory has been reduced to less than 1 sq km near Baghuz.",
         1, "remaining", "less than", "Baghuz"),
        ("Government troops recaptured nearly 60,000 square kilometres (23,000 sq miles) in Syria.",
         60000, "liberated", "nearly", "Syria"),
        ("Iraqi forces have retaken roughly 4,000 km² around Mosul since October.",
         4000, "liberated", "about", "Mosul"),
        ("The jihadists lost some 1,200 square miles in northern Syria.", 1200 * 2.589988110336,
         "lost", "about", "northern Syria"),
    ],
)
def test_area_claims_in_wire_style(text, km2, kind, qualifier, scope) -> None:
    claim = _one(text)
    assert claim.km2 == pytest.approx(km2, rel=1e-6)
    assert (claim.kind, claim.qualifier, claim.scope) == (kind, qualifier, scope)


def test_a_figure_given_twice_is_one_claim_with_both_stated_values() -> None:
    claim = _one("IS held 68,300 sq km (26,370 sq miles) in January 2015.")
    assert [(s.value, s.unit) for s in claim.stated] == [(68300, "km2"), (26370, "sq mi")]
    # The figure's date, not the publication's.
    assert (claim.ref_date, claim.date) == ("2015-01", None)


def test_percent_of_territory_without_a_figure_is_a_claim() -> None:
    claim = _one("IS lost 14% of its territory in 2015, analysts said.")
    assert (claim.kind, claim.percent, claim.period, claim.km2) == ("lost", 14, "2015", None)
    claim = _one("ISIS has lost 98% of the territory it once held.")
    assert (claim.kind, claim.percent) == ("lost", 98)


def test_comparisons_resolve_to_reference_names() -> None:
    claim = _one("Insurgents took an area roughly the size of Belgium or the U.S. state of "
                 "Maryland.")
    assert claim.comparison.reference == ("Belgium", "Maryland")
    assert claim.comparison.qualifier == "about"
    claim = _one("Rebels held 2,000 sq km, some 12 times the size of the U.S. capital "
                 "(177 sq. km.).")
    assert claim.km2 == 2000
    assert claim.comparison.reference == ("Washington DC",)
    assert claim.comparison.factor == 12
    assert claim.comparison.stated_reference_km2 == 177
    claim = _one("At its peak the group ruled a territory about the size of Britain.")
    assert claim.comparison.reference == ("United Kingdom",)
    assert claim.kind == "peak_held"


def test_a_share_of_a_country_without_a_figure_is_a_percent_claim_of_it() -> None:
    # Real reporting's "95 percent of the country" is a share of territory (percent and what
    # it is of), not a size comparison: there is no figure to compare.
    claim = _one("The militants seized 1% of Egypt's territory.")
    assert (claim.percent, claim.of_total, claim.comparison) == (1, "Egypt's territory", None)
    assert claim.of_total_km2 == pytest.approx(1001450, rel=0.01)  # Egypt's official area
    claim = _one("IS controlled more than half of the country in Syria.")
    assert (claim.percent, claim.qualifier, claim.of_total) == (50, "more than",
                                                                "the country in Syria")


def test_a_share_of_a_country_with_a_figure_is_also_a_size_comparison() -> None:
    claim = _one("Rebels hold some 30,000 sq km near the coast, or 1% of Egypt's territory.")
    assert (claim.km2, claim.percent) == (30000, 1)
    assert (claim.comparison.reference, claim.comparison.factor) == (("Egypt",), 0.01)


def test_percent_and_total_make_two_claims() -> None:
    text = "Allies have freed 98 percent, or about 10,000 sq km, of the 10,200 sq km IS held."
    claims = extract_claims(text, gazetteer=None)
    assert [(c.km2, c.kind, c.percent, c.of_total_km2) for c in claims] == [
        (10000, "liberated", 98, 10200), (10200, "peak_held", None, None),
    ]
    assert all(text[c.start:c.end] == c.quote for c in claims)


def test_two_claims_in_one_sentence_are_split_with_their_own_populations() -> None:
    text = ("He said 3mn people in 30,000sq km have been freed across Iraq and about 1.5mn "
            "people in more than 20,000sq km across Syria are no longer under IS control.")
    first, second = extract_claims(text, gazetteer=None)
    assert (first.km2, first.population, first.scope, first.kind) == (30000, 3e6, "Iraq",
                                                                      "liberated")
    assert (second.km2, second.population, second.scope, second.kind) == (20000, 1.5e6, "Syria",
                                                                          "liberated")
    assert first.end <= second.start


@pytest.mark.parametrize(
    "text",
    [
        "The coalition trained more than 116,000 ISF members.",
        "About 26,000 kilograms of explosives were removed from the city.",
        "The UN runs 300 projects worth more than $200mn.",
        "Aircraft flew 37,800 sorties and 3000 soldiers remain.",
        "Tens of thousands of people fled.",
    ],
)
def test_numbers_that_are_not_areas_make_no_claim(text: str) -> None:
    assert extract_claims(text, gazetteer=None) == []


def test_since_takes_its_year_from_the_article_date() -> None:
    claim = _one("Since operations began on Nov. 5, they have liberated 3,000 sq km.",
                 date="2017-02-15")
    assert claim.since == "2016-11-05"
    assert claim.date == "2017-02-15"


def test_article_date_is_read_from_the_dateline() -> None:
    assert article_date("By A Writer / Published Feb. 15, 2017\nThu, 02/16/2017") == "2017-02-15"
    assert article_date("• 15-11-2020, 13:12\nBaghdad") == "2020-11-15"
    assert article_date("September 22, 2017World News") == "2017-09-22"
    assert claim_time("during the past week", "2017-09-20")["since"] == "2017-09-13"


def test_claim_ids_number_claims_in_the_document() -> None:
    claims = extract_claims("IS holds 10 sq km. It lost 20 sq km.", source="/x/y/a.txt",
                            gazetteer=None)
    assert [c.id for c in claims] == ["a.txt:1", "a.txt:2"]
    assert extract_claims("IS holds 10 sq km.", gazetteer=None)[0].id == "stdin:1"


def test_empty_text_has_no_claims() -> None:
    assert extract_claims("", gazetteer=None) == []
    assert extract_claims("   \n ", gazetteer=None) == []


def test_places_are_found_with_offsets_and_common_words_are_not(gazetteer) -> None:
    from contested.claims.extract import find_places

    text = "In Bab, west of Raqqa, a hit on the Ana road; Hit and Tal Afar in Iraq."
    mentions = find_places(text, gazetteer)
    names = [m.text for m in mentions]
    assert "Raqqa" in names and "Tal Afar" in names and "Iraq" in names and "Hit" in names
    assert all(text[m.start:m.end] == m.text for m in mentions)
    assert not any(m.text == "hit" for m in mentions)
    bab = next(m for m in mentions if m.text == "Bab")
    assert bab.place is not None and bab.place.country == "SY"


def test_place_spellings_with_and_without_a_final_h_are_found_in_text(gazetteer) -> None:
    from contested.claims.extract import find_places

    text = "Hawija fell; Hawijah, Huwayjah and Al Ḩawījah are one town, as Hasakeh is Hasaka."
    mentions = find_places(text, gazetteer)
    towns = {m.text: m.place.id for m in mentions if m.place is not None}
    assert {"Hawija", "Hawijah", "Huwayjah", "Al Ḩawījah", "Hasakeh", "Hasaka"} <= set(towns)
    assert len({towns[name] for name in ("Hawija", "Hawijah", "Huwayjah", "Al Ḩawījah")}) == 1
    assert towns["Hasakeh"] == towns["Hasaka"]


@pytest.mark.parametrize("name", ["Sarah", "Hannah", "Mullah", "Hafsah", "Jannah", "Laila", "Ali",
                                  "Salman"])
def test_given_names_and_words_that_fold_onto_a_village_are_not_places(gazetteer, name) -> None:
    from contested.claims.extract import find_places

    text = f"Reporters met {name} Haddad in Mosul, Iraq, on Tuesday."
    names = [m.text for m in find_places(text, gazetteer)]
    assert names == ["Mosul", "Iraq"]


def test_a_given_name_that_is_also_a_focus_country_town_is_still_a_place(gazetteer) -> None:
    from contested.claims.extract import find_places

    # "Anna" is also 'Anah (Anbar, 27,000 people): the rule keeps towns of the focus countries.
    mentions = find_places("Troops reached Anna and Rawa in Anbar.", gazetteer)
    anah = next(m for m in mentions if m.text == "Anna")
    assert anah.place is not None and anah.place.country == "IQ"


def test_a_country_named_like_a_given_name_is_still_a_place(gazetteer) -> None:
    from contested.claims.extract import find_places

    names = [m.text for m in find_places("Aid came through Jordan and Virginia.", gazetteer)]
    assert names == ["Jordan", "Virginia"]


def test_the_place_matcher_caches_stay_bounded_and_answers_do_not_change(
    gazetteer, monkeypatch
) -> None:
    from contested.claims.extract import find_places, place_matcher

    text = ("Troops moved from Mosul to Kirkuk, then to Tikrit, Ramadi, Fallujah and Baiji, "
            "and on to Raqqa, Deir ez-Zor and Hawija.")
    unbounded = [(m.text, m.place.id if m.place else None) for m in find_places(text, gazetteer)]
    monkeypatch.setattr(place_matcher, "_MAX_PLACES", 2)
    monkeypatch.setattr(place_matcher, "_MAX_RESOLVED", 2)
    matcher = place_matcher.Matcher(gazetteer)
    monkeypatch.setattr("contested.claims.extract.places.matcher_for", lambda _g: matcher)
    for _ in range(2):
        bounded = [(m.text, m.place.id if m.place else None)
                   for m in find_places(text, gazetteer)]
        assert bounded == unbounded
        assert len(matcher._by_id) <= 2 and len(matcher._resolved) <= 2
    assert len(unbounded) >= 8


def test_a_glued_assimilated_article_after_a_first_word_is_read_as_the_article(
    gazetteer,
) -> None:
    from contested.claims.extract import find_places

    mentions = find_places("Army units advanced south of Deir Ezzor on Monday.", gazetteer)
    deir = next(m for m in mentions if m.text == "Deir Ezzor")
    assert deir.place is not None and deir.place.country == "SY"
    # Never on a name's first token: "Essen" is not "Sen".
    essen = find_places("Police in Essen said nothing.", gazetteer)
    assert [m.place.country for m in essen if m.place] == ["DE"]


def test_the_one_place_of_a_name_far_from_the_text_is_resolved_with_the_texts_places(
    gazetteer,
) -> None:
    from contested.claims.extract import find_places

    text = "Troops from Deir ez-Zor and Palmyra pushed into the Badiya."
    badiya = next(m for m in find_places(text, gazetteer) if m.text == "Badiya")
    assert badiya.place is not None and badiya.place.country == "SY"

"""contested.claims.extract, round 2: kinds, speakers, month-year datelines, claim places vs
comparison
references, document-context places, the place matcher's batching (sentences are our own)."""

from __future__ import annotations

import pytest

from contested.claims.extract import SpeakerIndex, extract_claims, find_places
from contested.claims.extract.dates import article_date, claim_time


def _kind(text: str) -> str | None:
    claims = extract_claims(text, gazetteer=None)
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0].kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("About 88,000 sq km was under IS rule at its height.", "peak_held"),
        ("At its peak in 2015, IS held about 90,800 sq km.", "peak_held"),
        ("The group once controlled 100,000 sq km.", "peak_held"),
        ("At the height of its power, IS controlled 90,000 square kilometres.", "peak_held"),
        ("The self-declared caliphate covered 88,000 sq km.", "peak_held"),
        ("The self-declared caliphate now covers just 5,000 sq km.", "held"),
        ("Its territory has been reduced to 50 sq km.", "remaining"),
        ("Iraqi troops recaptured 1,200 sq km.", "liberated"),
        ("Kurdish forces wrested back 800 sq km from IS.", "liberated"),
        ("ISIS seized 40,000 sq km in 2014.", "held"),
        ("IS militants took 50,000 sq km in June 2014.", "held"),
        ("Iraqi forces seized 2,000 sq km from the militants.", "liberated"),
    ],
)
def test_kind_cues(text: str, kind: str) -> None:
    assert _kind(text) == kind


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We retook 300 sq km,” said U.S. Army Col. Kevin Marsh, a coalition spokesman.",
         "Col. Kevin Marsh"),
        ("British Army Maj. Gen. Alan Price said the allies cleared 1,000 sq km.",
         "Maj. Gen. Alan Price"),
        ("The group holds 900 sq km, according to CENTCOM.", "CENTCOM"),
        ("Lt. Col. Dana Reed, a spokesperson for CENTCOM, told reporters IS holds 90 sq km.",
         "Lt. Col. Dana Reed"),
        ("A spokesperson for CENTCOM, told reporters IS holds 90 sq km.", "CENTCOM"),
        ("U.S. Central Command (CENTCOM) said IS holds 90 sq km.", "CENTCOM"),
        ("IS holds 90 sq km, officials said.", None),
    ],
)
def test_speaker_in_the_claim_sentence(text: str, speaker: str | None) -> None:
    claims = extract_claims(text, gazetteer=None)
    assert [c.speaker for c in claims] == [speaker]


def test_pronouns_and_surnames_resolve_to_the_person_named_before() -> None:
    text = (
        "Colonel Kevin Marsh briefed reporters in Baghdad.\n"
        "Marsh noted the coalition flew 40 sorties.\n"
        "He said Iraqi forces have liberated 2,500 sq km since May.\n"
        "The militants hold 300 sq km, the colonel added."
    )
    claims = extract_claims(text, gazetteer=None)
    assert [c.speaker for c in claims] == ["Col. Kevin Marsh", "Col. Kevin Marsh"]
    index = SpeakerIndex(text)
    noted = index.attributions(text.index("Marsh noted"), text.index("He said"))
    assert [a.speaker for a in noted] == ["Col. Kevin Marsh"]


def test_a_nearby_attribution_gives_the_speaker() -> None:
    text = ("The coalition has freed 98 percent of the land, according to CENTCOM. That means "
            "the group still holds 1,500 sq km.")
    claims = extract_claims(text, gazetteer=None)
    assert claims[-1].km2 == 1500
    assert claims[-1].speaker == "CENTCOM"


def test_month_year_dateline_near_the_top() -> None:
    assert article_date("Gulf Times\nSept 2017\nThe coalition said …") == "2017-09"
    assert article_date("Posted on: Published March 2016 by staff") == "2016-03"
    # A month-year inside a sentence dates an event, not the article.
    assert article_date("In January 2015 the group held 90,000 sq km.") is None
    assert article_date("Iraqi forces retook Ramadi.\nNo date here.") is None
    # "since Nov. 5" against a month-precise article date: the latest Nov. 5 before it.
    assert claim_time("since Nov. 5", "2017-09")["since"] == "2016-11-05"
    claim = extract_claims("Reuters\nSept 2017\nIS holds 40 sq km near Raqqa.",
                           gazetteer=None)[0]
    assert claim.date == "2017-09"


def test_comparison_references_are_not_claim_places(gazetteer) -> None:
    text = ("In 2016, Iraqi forces retook an area the size of New Jersey from ISIS.\n"
            "The militants held 110,000 sq km, the size of Sweden or the US state of Virginia, "
            "in Iraq.")
    document_places = {m.text for m in find_places(text, gazetteer)}
    assert {"New Jersey", "Sweden", "Virginia"} <= document_places
    claims = extract_claims(text, gazetteer=gazetteer)
    assert len(claims) == 2
    for claim in claims:
        assert [p.country for p in claim.places] == ["IQ"], claim.quote
        assert not {p.name for p in claim.places} & {"New Jersey", "Sweden", "Virginia"}


def test_a_claim_without_places_takes_the_lead_countries_and_says_its_scope_is_implied(
        gazetteer) -> None:
    text = ("Militants still hold pockets of territory along the Iraqi-Syrian border, the "
            "coalition says.\n"
            "Officials gave new figures on Monday.\n"
            "The allies have freed about 100,000 sq km, of the 105,000 sq km the group held.")
    claims = extract_claims(text, gazetteer=gazetteer)
    assert [c.km2 for c in claims] == [100000, 105000]
    for claim in claims:
        # The text states none: the scope is implied from the document, and says so.
        assert claim.scope == "Iraq and Syria"
        assert claim.scope_note.startswith("implied from the places the document names")
        assert [p.country for p in claim.places] == ["IQ", "SY"]
        assert claim.extra["places_from"] == "lead"
        assert claim.to_dict()["places_from"] == "lead"


def test_a_claim_without_places_takes_its_paragraph_country(gazetteer) -> None:
    text = ("Iraqi troops pushed into Mosul and Tal Afar in Iraq this week. Since then they "
            "have cleared 700 sq km, commanders said.")
    claim = extract_claims(text, gazetteer=gazetteer)[0]
    assert [p.country for p in claim.places][:1] == ["IQ"]


def test_each_claim_of_a_sentence_keeps_its_own_places(gazetteer) -> None:
    text = ("He said 3mn people in 30,000 sq km have been freed across Iraq and about 1mn "
            "people in 20,000 sq km across Syria are no longer under IS control.")
    first, second = extract_claims(text, gazetteer=gazetteer)
    assert [p.country for p in first.places] == ["IQ"]
    assert [p.country for p in second.places] == ["SY"]


def test_a_name_is_resolved_once_per_text_and_alike_everywhere(gazetteer) -> None:
    text = "Raqqa fell. " * 3 + "Fighting near Raqqa and Tabqa in Syria went on."
    mentions = [m for m in find_places(text, gazetteer) if m.text == "Raqqa"]
    assert len(mentions) == 4
    assert len({m.place.id for m in mentions}) == 1
    # Lower-case words never start a name; a run of them is skipped whole.
    assert find_places("the hit on the bath house was reading", gazetteer) == []


def test_a_tilde_before_a_restated_figure_keeps_it_one_claim() -> None:
    # Wire copy writes "about" as "~" against the number: one claim stated in two units.
    [claim] = extract_claims("Rebels captured more than 1,800 square kilometres "
                             "(~695 square miles) of territory from ISIL.", gazetteer=None)
    assert [s.unit for s in claim.stated] == ["km2", "sq mi"]
    assert claim.kind == "liberated" and claim.qualifier == "more than"


def test_an_item_of_a_list_is_a_sentence_of_its_own() -> None:
    # In hard-wrapped copy a line break is a space, but not before an item of a list.
    text = ("The campaign in the desert went on for four months in all, and it ended\n"
            "with a victory for the rebels and for the army on the two fronts it had\n"
            "  • Rebels capture more than 1,800 square kilometres of territory from ISIL\n"
            "  • The army captures 300 square kilometres of territory from ISIL in Suwayda\n"
            "and both sides said that they would press on to the east in the spring\n")
    first, second = extract_claims(text, gazetteer=None)
    assert "Suwayda" not in (first.quote or "")
    assert second.scope == "Suwayda"


def test_a_place_word_inside_an_operation_name_is_not_the_scope(gazetteer) -> None:
    [claim] = extract_claims("The army liberated 845 square kilometers of the Syrian "
                             "territory within the Euphrates Shield operation.",
                             gazetteer=gazetteer)
    assert claim.scope == "Syria"


def test_a_second_area_joined_by_and_takes_the_verb_of_the_first() -> None:
    [iraq, syria] = extract_claims("IS had lost 5,790 sq miles of territory in Iraq, and "
                                   "770 sq miles in Syria.", gazetteer=None)
    assert iraq.kind == syria.kind == "lost"


def test_two_gains_do_not_lend_each_other_a_province(gazetteer) -> None:
    # A gain with no place of its own takes a country, never another gain's governorate.
    text = ("Syrian Desert campaign, Syria\n\n"
            "Rebels capture 1,800 square kilometres of territory from ISIL.\n\n"
            "The army captures 300 square kilometres from ISIL in Suwayda Governorate.\n")
    first, _ = extract_claims(text, gazetteer=gazetteer)
    assert first.scope != "Suwayda governorate"

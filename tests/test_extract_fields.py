"""The fields of a claim as real reporting states them: kind, actor, ref_date apart from the
publication date, since/period, changes split into linked parts, unit_note, scope and
scope_note. Sentences are our own."""

from __future__ import annotations

import pytest

from contested.claims.extract import extract_claims


def _claims(text: str, **kwargs):
    kwargs.setdefault("gazetteer", None)
    claims = extract_claims(text, **kwargs)
    for claim in claims:
        assert text[claim.start:claim.end] == claim.quote
    return claims


def _one(text: str, **kwargs):
    claims = _claims(text, **kwargs)
    assert len(claims) == 1, [(c.quote, c.km2, c.percent) for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The militants have lost control of up to 2,000 square miles this year.", "lost"),
        ("The army has regained control of 900 sq km east of the river.", "liberated"),
        ("Tribal fighters returned about 300 square kilometres to state control.", "liberated"),
        ("The occupying army has occupied 15 sq km along the fence.", "held"),
        ("An area of 20 sq km has been occupied by the army since March.", "held"),
        ("The paramilitary force seized 4,000 sq km in the west.", "held"),
        ("Government troops seized 4,000 sq km from the militants.", "liberated"),
        ("National army units captured 800 sq km near the lake.", "liberated"),
        ("Nearly 1,000 sq km remains under the control of the rebels.", "held"),
        ("The last holdouts were squeezed into less than 10 sq km by the river.", "remaining"),
        ("About 2,500 sq km of the plain remains contested.", None),
    ],
)
def test_kind_is_read_from_the_verb_that_governs_the_figure(text: str, kind) -> None:
    assert _one(text).kind == kind


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("ISIL has lost 40 percent of its territory in the country.", "Islamic State"),
        ("The Islamic State group still controls 3,000 sq km.", "Islamic State"),
        ("Backed by coalition jets, Kurdish fighters hold 120 sq km.", "Kurdish fighters"),
        ("About 60% of the north is controlled by the rebels.", "rebels"),
        # Ground liberated was the ground of the side it was taken from, when the text says.
        ("Iraqi forces retook 500 sq km from Islamic State militants.", "Islamic State"),
        ("ISIS held the town; later Iraqi forces retook 500 sq km from the group.",
         "Islamic State"),
        ("Backed by coalition jets, Kurdish fighters cleared 120 sq km.", None),
    ],
)
def test_actor_is_whose_ground_the_figure_is(text: str, actor) -> None:
    assert _one(text).actor == actor


def test_the_date_a_figure_refers_to_is_apart_from_the_publication_date() -> None:
    claim = _one("The group held 5,000 sq km in March 2016.", date="2017-02-01")
    assert (claim.date, claim.ref_date, claim.as_of) == ("2017-02-01", "2016-03", "2016-03")
    claim = _one("In 2016 the enclave shrank to 3,000 sq km by the end of the year.")
    assert claim.ref_date == "2016-12"
    claim = _one("Forces have retaken 700 sq km since the start of the year.", date="2018-06-10")
    assert (claim.since, claim.ref_date, claim.date) == ("2018-01", None, "2018-06-10")
    claim = _one("They held about a third of the country in 2014.")
    assert (claim.ref_date, claim.period) == ("2014", None)  # a year dates a state
    claim = _one("They lost 12 percent of their ground in 2015.")
    assert (claim.ref_date, claim.period) == (None, "2015")  # and is a change's period


def test_a_change_is_split_into_its_linked_parts() -> None:
    lost, held = _claims("The enclave shrank by 1,500 sq km to 8,500 sq km over the summer.")
    assert (lost.km2, lost.kind, held.km2, held.kind) == (1500, "lost", 8500, "held")
    assert (lost.linked, held.linked) == ((held.id,), (lost.id,))
    share, before, after = _claims("It lost 20 percent of its land in 2016, shrinking from "
                                   "10,000 sq km to 8,000 sq km.")
    assert (before.kind, after.kind) == ("held", "held")
    assert set(share.linked) == {before.id, after.id}
    assert share.id in before.linked and share.id in after.linked
    assert share.of_total_km2 == 10000


def test_irregular_figures_are_read_and_say_how() -> None:
    claim = _one("Loyalist units took 300 kilometres of territory in the offensive.")
    assert (claim.km2, claim.value, claim.unit) == (300, 300, "km2")
    assert "'kilometres'" in claim.unit_note and "km²" in claim.unit_note
    claim = _one("The army freed over 3,0000km2 of desert.")
    assert claim.km2 == 30000
    assert "3,0000" in claim.unit_note
    assert _claims("The column drove 48 kilometres south of the city.") == []
    claim = _one("Estimates put the loss at somewhere between 900 to 1,100 square miles.")
    assert (claim.stated[0].value, claim.stated[0].value_max) == (900, 1100)


def test_a_scope_implied_from_the_document_says_so() -> None:
    text = ("The militants hold 2,000 sq km across Syria, the monitor said.\n\n"
            "Back in the capital, officials said they held about 1,500 sq km a month ago.")
    stated, implied = _claims(text)
    assert (stated.scope, stated.scope_note) == ("Syria", None)
    assert implied.scope == "Syria"
    assert implied.scope_note.startswith("implied from the document's other figures")


def test_a_demonym_of_a_sponsor_is_not_the_scope() -> None:
    claim = _one("The Gulf-funded, Saudi-backed government controls 60 per cent of the "
                 "country's Yemeni territory.")
    assert claim.scope == "Yemen"


def test_a_dateline_a_byline_a_caption_or_a_news_agency_is_not_the_scope(gazetteer) -> None:
    text = ("ERBIL, Iraq (AFP) — Troops have cleared 450 sq km in Syria's Raqqa province.\n\n"
            "By Jane Holloway\n\n"
            "Photo: Fighters near Mosul, 2017\n\n"
            "State news agency SANA said the army freed 40 sq km of land.")
    first, second = _claims(text, gazetteer=gazetteer)
    assert first.scope.startswith("Raqqa")
    assert "Erbil" not in (first.scope or "")
    assert second.scope is None or "Sana" not in second.scope
    assert all(p.name not in ("Erbil", "Sanaa", "Mosul") for c in (first, second)
               for p in c.places)


def test_a_named_actor_is_not_a_place(gazetteer) -> None:
    claim = _claims("The Taliban hold 30 percent of the country's districts.",
                    gazetteer=gazetteer)[0]
    assert claim.actor == "Taliban"
    assert claim.scope is None or "Taliban" not in claim.scope


@pytest.mark.parametrize("apostrophe", ["’", "'"])
def test_a_possessive_is_not_part_of_the_scope_name(apostrophe: str) -> None:
    claim = _one(f"The militia now holds three of Kordofan{apostrophe}s five states.")
    assert claim.scope == "Kordofan"


def test_a_fraction_word_in_a_title_case_headline_is_a_share_not_a_place(gazetteer) -> None:
    claim = _one("Rebels Lost Almost a Quarter of Their Territory in 2019, Monitor Says",
                 gazetteer=gazetteer)
    assert claim.percent == 25
    assert all("Quarter" not in place.name for place in claim.places)


def test_a_country_that_takes_ground_is_the_actor_not_where_the_ground_is(gazetteer) -> None:
    text = ("Fighting in eastern Ukraine went on through May.\n"
            "Since January, Russia has seized 812 square kilometres, officials said.\n")
    claim = _one(text, gazetteer=gazetteer)
    assert claim.scope == "Ukraine"


def test_a_country_that_retakes_ground_is_where_the_ground_is(gazetteer) -> None:
    claim = _one("Since January, Ukraine has liberated 512 square kilometres, officials said.",
                 gazetteer=gazetteer)
    assert claim.scope == "Ukraine"


def test_an_oblast_named_with_its_word_is_the_oblast_and_the_share_is_of_it(gazetteer) -> None:
    claim = _one("Russia controls about 70% of Donetsk oblast, or roughly 18,500 square "
                 "kilometres.", gazetteer=gazetteer)
    assert claim.scope == "Donetsk oblast"
    assert [place.kind for place in claim.places] == ["region"]
    assert claim.comparison is not None and claim.comparison.factor == 0.7

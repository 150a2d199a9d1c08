"""Contested regions that war reporting names: curated rows, their names and their units."""

from __future__ import annotations

import pytest

from contested.gazetteer import Gazetteer

NAGORNO_KARABAKH = "supplement:nagorno-karabakh"
DONBAS = "supplement:donbas"
SYRIAN_DESERT = "supplement:syrian-desert"
DONETSK_CITY = "geonames:709717"
DONETSK_OBLAST = "admin1:UKR-327"
LUHANSK_OBLAST = "admin1:UKR-329"


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Nagorno-Karabakh", NAGORNO_KARABAKH),
        ("Nagorny Karabakh", NAGORNO_KARABAKH),
        ("Karabakh", NAGORNO_KARABAKH),  # not Karabük, Turkey
        ("Artsakh", NAGORNO_KARABAKH),
        ("Darfur", "supplement:darfur"),
        ("Kordofan", "supplement:kordofan"),
        ("Golan Heights", "supplement:golan-heights"),
        ("Golan", "supplement:golan-heights"),  # not Golān, a village in Iran
        ("South Ossetia", "supplement:south-ossetia"),
        ("Tskhinvali Region", "supplement:south-ossetia"),  # the region, not its capital
        ("Sinai", "supplement:sinai-peninsula"),
        ("Shebaa Farms", "supplement:shebaa-farms"),
        ("Azawad", "supplement:azawad"),
        ("Donbas", DONBAS),  # not the city of Donetsk
        ("Donbass", DONBAS),
        ("Ituri", "supplement:ituri"),  # not a quarter of Jerusalem
        ("Rojava", "supplement:rojava"),
        ("Badiya Al-Sham", SYRIAN_DESERT),
    ],
)
def test_a_contested_region_named_by_news_resolves_to_the_region_not_a_town_of_a_similar_name(
        gazetteer: Gazetteer, query: str, place_id: str) -> None:
    place = gazetteer.resolve(query)
    assert place.id == place_id
    assert place.score >= 0.9


@pytest.mark.parametrize(
    ("query", "place_id"),
    [("Donetsk", DONETSK_CITY), ("Tskhinvali", "geonames:611403"),
     ("Bunia", "geonames:217695"), ("Donetsk oblast", DONETSK_OBLAST)],
)
def test_a_city_named_like_its_region_keeps_its_own_name(
        gazetteer: Gazetteer, query: str, place_id: str) -> None:
    assert gazetteer.resolve(query).id == place_id


@pytest.mark.parametrize(
    ("query", "place_id"),
    [("Donetsk People's Republic", DONETSK_OBLAST),
     ("Luhansk People's Republic", LUHANSK_OBLAST),
     ("Karen State", "admin1:MMR-3266"),
     ("Ogaden", "admin1:ETH-3134")],
)
def test_the_name_of_a_self_proclaimed_entity_or_historical_region_is_its_admin1_unit(
        gazetteer: Gazetteer, query: str, place_id: str) -> None:
    assert gazetteer.resolve(query).id == place_id


def test_a_region_of_several_units_lies_in_none_of_them(gazetteer: Gazetteer) -> None:
    # Its point is a representative one: Darfur is not inside the state its centre is in,
    # and the Syrian Desert's point, just inside Iraq, does not make it part of Anbar.
    for name in ("Darfur", "Donbas", "Syrian Desert"):
        place = gazetteer.resolve(name)
        assert place.admin1_id is None
        assert place.lat is not None and place.precision == "representative"
    assert gazetteer.resolve("Syrian Desert").country == "SY"


def test_a_region_with_no_published_point_resolves_to_its_unit(gazetteer: Gazetteer) -> None:
    pankisi = gazetteer.resolve("Pankisi Gorge")
    assert pankisi.country == "GE"
    assert pankisi.precision == "admin1"
    assert pankisi.admin1 == "Kakheti"


def test_a_curated_province_stands_at_its_capital_as_a_representative_point(
        gazetteer: Gazetteer) -> None:
    # Ituri (a province since 2015) lies in Natural Earth's older Orientale province.
    ituri = gazetteer.resolve("Ituri province")
    assert ituri.id == "supplement:ituri"
    assert ituri.precision == "representative"
    assert ituri.admin1 == "Orientale"


@pytest.mark.parametrize("name", ["Artsakh", "Karabakh", "Badiya Al-Sham"])
def test_a_curated_regions_other_name_is_accepted_in_a_text_about_elsewhere(gazetteer,
                                                                           name: str) -> None:
    # A curated row's other names are sourced names of it, not look-alikes of another word.
    place = gazetteer.resolve(name, context=("Mosul",))
    assert place.id.startswith("supplement:")

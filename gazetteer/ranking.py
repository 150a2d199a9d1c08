"""Ranking the candidates of one query: what a news reader most likely means.

The score adds to the match quality: the kind hint, the country hint, ``near`` distance, the
context (other places of the same text: same country, same admin-1), population (a stand-in
for admin units and seats) and the pack's focus countries. Last, the spelling as written: the
exact key folds -a/-ah/-eh together, so among the exact hits within :data:`SPELLING_BONUS` of
the best, those with a name spelled as the query gain that little, less than any hint or
context signal (:mod:`gazetteer.written`).

Two rules change the order itself: an unlocated winner yields to a located place of its own
admin-1 unit spelled alike (a curated row and the GeoNames point of one town), and a foreign
admin-1 unit met by one of its alternate names yields to no answer when the country hint or
the context points elsewhere ("Kurdistan" in a text about Iraq is not Iran's Kordestan).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection
from dataclasses import dataclass, field

from contested.gazetteer.candidates import Hit
from contested.gazetteer.fold import fold
from contested.gazetteer.kinds import ADMIN1, POPULATED, kinds_for_hint
from contested.gazetteer.spelling import FORM_SKELETON, QUALITY, ratio
from contested.gazetteer.store import PlaceRow, Store
from contested.gazetteer.written import names_as_written, written_key, written_of

# Ranking weights (added to the match quality).
KIND_MATCH, KIND_MISMATCH = 0.25, -0.15
COUNTRY_MATCH, COUNTRY_MISMATCH = 0.2, -0.3
FOCUS_BONUS = 0.04
REGION_BONUS = 0.03  # the transliterated region around the focus (Iraq's and Syria's)
POPULATION_WEIGHT = 0.15  # × log10(population) / 7
POPULATION_CAP = 1_000_000
NEAR_WEIGHT, NEAR_SCALE_KM = 0.2, 150.0
CONTEXT_COUNTRY, CONTEXT_ADMIN1 = 0.06, 0.06
PRIMARY_NAME_BONUS = 0.02  # met by its own name, not an obscure alternate one
SPELLING_BONUS = 0.03
NAMESAKE_PENALTY = 0.1  # an admin unit named like a sizeable city inside it: the city wins
UNLOCATED_PENALTY = 0.02
# Candidates ranked in full per query: a short, common key can meet hundreds of places.
MAX_RANKED = 60

# Population stand-ins where the data has none (admin units, curated supplement rows), and
# floors for administrative seats (GeoNames gives many district seats population 0).
ADMIN_POPULATION = 250_000
DISTRICT_POPULATION = 20_000
SEAT_POPULATION = {"PPLC": 1_000_000, "PPLA": 50_000, "PPLA2": 10_000, "PPLA3": 2_000}
SUPPLEMENT_POPULATION = 20_000
UNKNOWN_TOWN_POPULATION = 5_000
NAMESAKE_MIN_POPULATION = 10_000
NAMESAKE_QUALITY_GAP = 0.1  # the city's name must match the query about as well
NAMESAKE_MAX_KM = 100.0  # ... and the city lie in the unit or this close to its label point


@dataclass(slots=True)
class Context:
    """What the other places of a text say: their countries and admin-1 units."""

    countries: set[str] = field(default_factory=set)
    admin1_ids: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Hints:
    """The caller's hints for one query, checked (see :mod:`gazetteer.query`)."""

    country: str | None = None
    near: tuple[float, float] | None = None
    context: Context = field(default_factory=Context)


def is_admin_unit(place: PlaceRow) -> bool:
    return place.id.startswith(("admin1:", "usstate:")) or place.kind in ADMIN1


def is_curated_region(place: PlaceRow) -> bool:
    """A region of the curated supplement (Darfur, Donbas, Kurdistan Region): an area the size
    of an admin-1 unit or larger, ranked like one."""
    return place.id.startswith("supplement:") and place.kind == "region"


def stands_for_units(place: PlaceRow) -> bool:
    """Admin-1 units and curated regions: their stand-in population is a share of their
    country's (see :func:`population`)."""
    return place.id.startswith("admin1:") or is_curated_region(place)


def population(place: PlaceRow, unit_share: float = 0.0) -> int:
    """The population, or a stand-in for units and curated regions (``unit_share``: the
    country's population over its number of admin-1 units), seats and curated rows."""
    seat = SEAT_POPULATION.get(place.feature_code or "", 0)
    if place.population or seat:
        return max(place.population, seat)
    if place.feature_code == "ADM2":
        return DISTRICT_POPULATION
    if place.id.startswith(("admin1:", "usstate:")) or is_curated_region(place):
        return int(unit_share) or ADMIN_POPULATION
    if place.id.startswith("supplement:"):
        return SUPPLEMENT_POPULATION
    # GeoNames lists many towns of Iraq and Syria with population 0 (Hawija, Tal Afar): a
    # populated place of cities500 has people, so it stands for a small town.
    return UNKNOWN_TOWN_POPULATION if place.kind in POPULATED else 1


def size_prior(place: PlaceRow, unit_share: float = 0.0) -> float:
    """log10 of the (stand-in) population / 7, capped at a million people: past that, size
    no longer says which place a text means (a country is not likelier than a city)."""
    people = population(place, unit_share)
    return math.log10(min(max(people, 1), POPULATION_CAP)) / 7.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Haversine is plenty for ranking (the geodesy rules govern areas, not this).
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


class Ranker:
    """Scores and orders hits (priors cached per place)."""

    def __init__(self, store: Store, focus: Collection[str] = (),
                 region: Collection[str] = ()) -> None:
        self.store = store
        self.focus = frozenset(focus)
        self.region = frozenset(region)
        self._priors: dict[int, float] = {}
        self._written: dict[int, frozenset[str]] = {}

    def rank(self, hits: list[Hit], hints: Hints) -> list[Hit]:
        """The hits best first, each with ``score`` and ``reported`` set."""
        if len(hits) > MAX_RANKED:
            hits = self._shortlist(hits, hints.country)
        self.store.load_places(hit.pid for hit in hits)
        places = {hit.pid: self.store.place(hit.pid) for hit in hits}
        namesakes = _namesake_units(hits, places)
        kinds = kinds_for_hint(hits[0].hint)  # one hint per query
        for hit in hits:
            self._score(hit, places[hit.pid], kinds, namesakes, hints)
        if len(hits) > 1:
            for hit in self._spelled_as_written(hits, places):
                hit.score += SPELLING_BONUS
        ranked = sorted(hits, key=lambda h: (-h.score, places[h.pid].id))
        return prefer_located(ranked, places)

    def _score(self, hit: Hit, place: PlaceRow, kinds: frozenset[str] | None,
               namesakes: set[int], hints: Hints) -> None:
        score = hit.quality + self.prior(place)
        misfit = 0.0
        if kinds is not None:
            fits = place.kind in kinds
            score += KIND_MATCH if fits else KIND_MISMATCH
            misfit += 0.0 if fits else KIND_MISMATCH
        elif hit.pid in namesakes:
            score -= NAMESAKE_PENALTY
        if hints.country is not None:
            fits = place.country == hints.country
            score += COUNTRY_MATCH if fits else COUNTRY_MISMATCH
            misfit += 0.0 if fits else COUNTRY_MISMATCH
        if hints.near is not None and place.lat is not None and place.lon is not None:
            distance = distance_km(hints.near[0], hints.near[1], place.lat, place.lon)
            score += NEAR_WEIGHT * math.exp(-distance / NEAR_SCALE_KM)
        if place.country in hints.context.countries:
            score += CONTEXT_COUNTRY
        if place.admin1_id in hints.context.admin1_ids:
            score += CONTEXT_ADMIN1
        # Met by a name like its own, not by an obscure alternate one ("Sloviansk" is an
        # alternate name of Slovyansk and, oddly, of Nikopol).
        score += PRIMARY_NAME_BONUS * (1.0 if hit.matched == place.name else
                                       ratio(fold(hit.matched), fold(place.name)))
        hit.score = score
        hit.reported = max(0.0, min(1.0, hit.quality + misfit))

    def prior(self, place: PlaceRow) -> float:
        """The query-independent part of a place's ranking score (cached per place)."""
        prior = self._priors.get(place.pid)
        if prior is None:
            share = self.store.unit_share(place.country) if stands_for_units(place) else 0.0
            prior = POPULATION_WEIGHT * size_prior(place, share)
            if place.country in self.focus:
                prior += FOCUS_BONUS
            if place.country in self.region:
                prior += REGION_BONUS
            if place.lat is None:
                prior -= UNLOCATED_PENALTY
            if len(self._priors) > 200_000:
                self._priors.clear()
            self._priors[place.pid] = prior
        return prior

    def _shortlist(self, hits: list[Hit], country: str | None) -> list[Hit]:
        """The MAX_RANKED likeliest hits by match quality, hinted country and size."""
        self.store.load_places(hit.pid for hit in hits)

        def likelihood(hit: Hit) -> float:
            place = self.store.place(hit.pid)
            bonus = COUNTRY_MATCH if country is not None and place.country == country else 0.0
            return hit.quality + bonus + self.prior(place)

        return heapq.nlargest(MAX_RANKED, hits, key=likelihood)

    def _spelled_as_written(self, hits: list[Hit], places: dict[int, PlaceRow]) -> list[Hit]:
        """The exact hits that earn the spelling bonus (hits already scored without it).

        Only keys with a token in the -a/-ah/-eh class carry a written form: elsewhere every
        exact hit is spelled as the query, folded alike. Only exact hits within the bonus of
        the best score are looked at, and it goes to those with a name spelled as the query
        when some of them have none.
        """
        best = max(hit.score for hit in hits)
        close = [hit for hit in hits
                 if hit.origin is not None and hit.score >= best - SPELLING_BONUS]
        if len(close) < 2:
            return []
        carriers = []
        for hit in close:
            written = written_of(*hit.origin)
            if written is None or written_key(hit.matched) == written or (
                    written in self._names_as_written(places[hit.pid])):
                carriers.append(hit)
        return carriers if len(carriers) < len(close) else []

    def _names_as_written(self, place: PlaceRow) -> frozenset[str]:
        found = self._written.get(place.pid)
        if found is None:
            found = names_as_written((place.name, *self.store.alt_names(place.pid)))
            if len(self._written) > 50_000:
                self._written.clear()
            self._written[place.pid] = found
        return found

    def foreign_unit_misread(self, ranked: list[Hit], hints: Hints) -> list[Hit]:
        """Drop foreign admin-1 units met by an alternate name when the text points elsewhere.

        "Kurdistan" is an alternate name of Iran's Kordestan province; in a text about Iraq it
        means the Kurdistan Region: no answer beats Iran.
        """
        expected = {hints.country} if hints.country else hints.context.countries
        if not expected:
            return ranked

        def misread(hit: Hit) -> bool:
            place = self.store.place(hit.pid)
            return (place.id.startswith("admin1:") and place.country not in expected
                    and hit.matched != place.name and hit.hint is None)

        if not misread(ranked[0]):
            return ranked
        return [hit for hit in ranked if not misread(hit)]


def prefer_located(ranked: list[Hit], places: dict[int, PlaceRow]) -> list[Hit]:
    """An unlocated winner yields to a well-matched, located place of its own admin-1 unit.

    A curated row without coordinates (supplement "Rayhana") and a GeoNames place spelled alike
    in the same governorate ("Ar Rayhanah") are one place: answer with the published point.
    """
    best = places[ranked[0].pid]
    if best.lat is not None or not best.admin1_id:
        return ranked
    for index, hit in enumerate(ranked[1:], start=1):
        place = places[hit.pid]
        if (place.lat is not None and place.admin1_id == best.admin1_id
                and place.kind in POPULATED and hit.quality >= QUALITY[FORM_SKELETON]):
            # Same place: it keeps the name match of the curated row.
            hit.reported = max(hit.reported, ranked[0].reported)
            return [hit, *ranked[:index], *ranked[index + 1:]]
    return ranked


def _namesake_units(hits: list[Hit], places: dict[int, PlaceRow]) -> set[int]:
    """The admin units (pids) named like a sizeable town in them or next to them that the query
    meets about as well: "Raqqa" is the city, not the governorate; "Kiev" the city, not the
    oblast; "Hawija" the town, not the district. A city elsewhere ("Karbala", known as
    "Nainawa") does not make "Ninawa" a city. A curated region is named for itself: "Donbas"
    is the region, though GeoNames lists it among the names of Donetsk."""
    units = [hit for hit in hits
             if is_admin_unit(places[hit.pid]) and not is_curated_region(places[hit.pid])]
    towns = [hit for hit in hits if places[hit.pid].kind in POPULATED and (
        places[hit.pid].population >= NAMESAKE_MIN_POPULATION
        or (places[hit.pid].feature_code or "") in SEAT_POPULATION)]
    if not units or not towns:
        return set()
    return {unit.pid for unit in units
            if any(town.quality >= unit.quality - NAMESAKE_QUALITY_GAP
                   and _near(places[town.pid], places[unit.pid]) for town in towns)}


def _near(town: PlaceRow, unit: PlaceRow) -> bool:
    if town.admin1_id and town.admin1_id == unit.admin1_id:
        return True
    if None in (town.lat, town.lon, unit.lat, unit.lon):
        return False
    return distance_km(town.lat, town.lon, unit.lat, unit.lon) <= NAMESAKE_MAX_KM

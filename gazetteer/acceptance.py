"""Whether to answer at all, and what the answer's score means.

A score is a measured probability: the share of answers of the same *class* that were right
on the development lists (``tests/data/variants.csv``, ``heldout_spellings.csv``,
``negatives.csv``; ``scripts/calibrate_gazetteer.py`` writes ``gazetteer/data/calibration.json``).
The class of an answer is how its name met (exact, skeleton, fuzzy), whether the runner-up is
close, and whether the caller's country hint or the text's other places agree with it.

Refused outright, whatever the score (the answer would be a guess at a far-away place):

- a place outside the hinted country or the text's countries that the query does not name
  exactly by its own name ("Amaq" in a text about Raqqa is not Amman);

- a place outside the hinted country that is not a country, an admin unit or a city of
  :data:`FOREIGN_MIN_POPULATION` people ("Alqosh" with ``--country IQ`` is never a village in
  Iran);
- a small place (not notable: :func:`gazetteer.names.is_notable`) outside every country of the
  text's other places ("Wagner" in a text about Bakhmut is not a village in Brazil);
- a small place met only by a skeleton or fuzzy spelling, with no hint or context for it;
- an answer whose calibrated score is below :data:`MIN_SCORE`.

A refused query raises :class:`~contested.core.exceptions.UnknownPlace` with the refused place
among the suggestions, so the caller can still ask for it by a better name or hint.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from contested.core.exceptions import DataError
from contested.gazetteer.candidates import Hit
from contested.gazetteer.fold import fold
from contested.gazetteer.ranking import Hints, is_admin_unit, population
from contested.gazetteer.spelling import OWN_NAME_LIKENESS, ratio
from contested.gazetteer.store import PlaceRow

CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"
FOREIGN_MIN_POPULATION = 100_000
NOTABLE_POPULATION = 15_000
MIN_SCORE = 0.5
CLOSE_MARGIN = 0.05  # a runner-up this close (ranking score) makes the answer "contested"


@dataclass(frozen=True, slots=True)
class Region:
    """The pack's region: its focus countries, and the countries whose names reach the news
    through transliteration (matched loosely); ``home`` is both."""

    focus: frozenset[str] = frozenset()
    transliterated: frozenset[str] = frozenset()

    @property
    def home(self) -> frozenset[str]:
        return self.focus | self.transliterated


@dataclass(frozen=True, slots=True)
class Verdict:
    """The calibrated score of an answer, or why it is refused."""

    score: float
    refused: str | None = None


def answer_class(ranked: list[Hit], place: PlaceRow, hints: Hints,
                 home: frozenset[str]) -> str:
    """"<match>/<margin>/<support>/<reach>/<name>": e.g. "exact/clear/agrees/known/own".

    ``reach`` is "known" for a place of the pack's region (``home``: its focus and
    transliterated countries) or a significant place anywhere, "remote" for a small place
    elsewhere; ``name`` is "own" when the name met is (a spelling of) the place's own name,
    "other" for another of its names ("Hamas" is a Lithuanian name of Hamm).
    """
    best = ranked[0]
    match = "fuzzy" if best.fuzzy else "exact" if best.exact else "skeleton"
    runner_up = ranked[1].score if len(ranked) > 1 else None
    margin = "close" if runner_up is not None and best.score - runner_up < CLOSE_MARGIN \
        else "clear"
    reach = "known" if place.country in home or significant(place) else "remote"
    name = "own" if ratio(fold(best.matched), fold(place.name)) >= OWN_NAME_LIKENESS \
        else "other"
    return f"{match}/{margin}/{_support(place, hints)}/{reach}/{name}"


def _support(place: PlaceRow, hints: Hints) -> str:
    if hints.country is not None:
        return "agrees" if place.country == hints.country else "disagrees"
    if hints.context.countries:
        return "agrees" if place.country in hints.context.countries else "disagrees"
    return "none"


def significant(place: PlaceRow) -> bool:
    """Countries, admin units, districts, curated rows and towns of 15,000+ people."""
    if place.kind == "country" or is_admin_unit(place) or place.id.startswith("supplement:"):
        return True
    return place.population >= NOTABLE_POPULATION


def notable(place: PlaceRow, focus: frozenset[str]) -> bool:
    """Significant places, and every place of the focus countries."""
    return place.country in focus or significant(place)


# A pooled class needs this many answers to lend its share to the classes under it.
MIN_POOLED = 5


def pooled_classes(answer: str) -> list[str]:
    """The pooled classes an answer class backs off to, nearest first ("*": any)."""
    match, _, support, reach, name = answer.split("/")
    return [f"{match}/*/{support}/{reach}/{name}", f"{match}/*/{support}/{reach}/*",
            f"*/*/{support}/{reach}/{name}", f"*/*/{support}/{reach}/*", f"*/*/{support}/*/*"]


class Calibration:
    """Answer class → share of such answers that were right (measured); a class never seen
    takes the share of its nearest pooled class (:func:`pooled_classes`)."""

    def __init__(self, table: dict[str, float], pooled: dict[str, float],
                 overall: float) -> None:
        self.table = table
        self.pooled = pooled
        self.overall = overall

    @classmethod
    def load(cls, path: Path = CALIBRATION_FILE) -> Calibration:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls({k: float(v["score"]) for k, v in data["classes"].items()},
                       {k: float(v["score"]) for k, v in data["pooled"].items()},
                       float(data["overall"]))
        except FileNotFoundError as error:
            raise DataError(f"{path} is missing; rebuild it with "
                            "scripts/calibrate_gazetteer.py or reinstall contested") from error
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise DataError(f"{path} cannot be read ({error}); reinstall contested") from error

    def score(self, answer: str) -> float:
        """The measured share right of an answer class ("exact/clear/none/known/own")."""
        found = self.table.get(answer)
        if found is not None:
            return found
        return next((self.pooled[key] for key in pooled_classes(answer) if key in self.pooled),
                    self.overall)


def judge(ranked: list[Hit], places: dict[int, PlaceRow], hints: Hints,
          calibration: Calibration | None, region: Region) -> Verdict:
    """Refuse the best hit, or give its calibrated score (see the module doc).

    Without a calibration (while measuring one) the score is the match quality less hint
    misfits, and only the refusal rules apply.
    """
    best = ranked[0]
    place = places[best.pid]
    klass = answer_class(ranked, place, hints, region.home)
    refused = (_refusal(best, place, hints, region) or _bigger_namesake(ranked, places)
               or _misread_elsewhere(klass, place))
    if calibration is None:
        return Verdict(best.reported, refused)
    score = calibration.score(klass)
    if refused is None and score < MIN_SCORE:
        refused = f"a score of {score:.2f} is below {MIN_SCORE}"
    return Verdict(score=score, refused=refused)


def _refusal(best: Hit, place: PlaceRow, hints: Hints, region: Region) -> str | None:
    if hints.country is not None and place.country != hints.country:
        big = place.kind == "country" or is_admin_unit(place) or \
            population(place) >= FOREIGN_MIN_POPULATION
        return None if big else f"it is in {place.country}, not {hints.country}"
    if (hints.context.countries and place.country not in hints.context.countries
            and not significant(place)):
        return f"it is a small place in {place.country}, far from the text's other places"
    if not best.exact and not significant(place):
        # Loose spellings are for the transliterated region ("Huwayjah"); elsewhere a small
        # place met by a near-miss is another word ("battalion" is not Batal'noye).
        unhinted = hints.country is None and not hints.context.countries
        if unhinted and (not notable(place, region.focus)
                         or place.country not in region.transliterated):
            return "only a small place is spelled like it"
        if hints.context.admin1_ids and place.admin1_id not in hints.context.admin1_ids \
                and any(unit.split("-")[0] == (place.admin1_id or "").split("-")[0]
                        for unit in hints.context.admin1_ids):
            return "a small place spelled like it lies far from the text's other places"
    return None


def _misread_elsewhere(klass: str, place: PlaceRow) -> str | None:
    """Outside the hinted country or the text's countries, only a place named by its own
    name is meant ("Mosul" in a text about Syria); a spelling that merely resembles one of
    its names is another word ("Amaq" is not Amman, "Hamas" not Hamm)."""
    match, _, support, _, name = klass.split("/")
    # A curated row's other names are sourced names of it ("Artsakh"), not look-alikes.
    curated = place.id.startswith("supplement:")
    if support == "disagrees" and (match != "exact" or (name != "own" and not curated)):
        return f"only a place in {place.country} is spelled like it"
    return None


def _bigger_namesake(ranked: list[Hit], places: dict[int, PlaceRow]) -> str | None:
    """A village met by one of its alternate names, when the name is the very name of a
    significant place elsewhere ("Azov" is a town in Russia before it is an alternate name
    of Pryazovske): the query most likely means that place, which the hints rule out."""
    best = ranked[0]
    place = places[best.pid]
    if significant(place) or ratio(fold(best.matched), fold(place.name)) >= OWN_NAME_LIKENESS:
        return None
    for hit in ranked[1:]:
        other = places[hit.pid]
        if (hit.exact and hit.matched == other.name and other.country != place.country
                and significant(other) and not is_admin_unit(other)):
            return f"{hit.matched} is first of all a place in {other.country}"
    return None

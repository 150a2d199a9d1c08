"""Whether to answer at all, and what the answer's score means.

A score is a measured probability: the share of answers of the same *class* that were right
on the development lists (``tests/data/variants.csv``, ``heldout_spellings.csv``,
``negatives.csv``; ``scripts/calibrate_gazetteer.py`` writes ``gazetteer/data/calibration.json``).
The class of an answer is how its name met (exact, skeleton, fuzzy), whether the runner-up is
close, and whether the caller's country hint or the text's other places agree with it.

Refused outright, whatever the score (the answer would be a guess at a far-away place):

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
from contested.gazetteer.ranking import Hints, is_admin_unit, population
from contested.gazetteer.store import PlaceRow

CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"
FOREIGN_MIN_POPULATION = 100_000
NOTABLE_POPULATION = 15_000
MIN_SCORE = 0.3
CLOSE_MARGIN = 0.05  # a runner-up this close (ranking score) makes the answer "contested"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The calibrated score of an answer, or why it is refused."""

    score: float
    refused: str | None = None


def answer_class(ranked: list[Hit], place: PlaceRow, hints: Hints) -> str:
    """"<match>/<margin>/<support>": e.g. "exact/clear/agrees" (see the module doc)."""
    best = ranked[0]
    match = "fuzzy" if best.fuzzy else "exact" if best.exact else "skeleton"
    runner_up = ranked[1].score if len(ranked) > 1 else None
    margin = "close" if runner_up is not None and best.score - runner_up < CLOSE_MARGIN \
        else "clear"
    return f"{match}/{margin}/{_support(place, hints)}"


def _support(place: PlaceRow, hints: Hints) -> str:
    if hints.country is not None:
        return "agrees" if place.country == hints.country else "disagrees"
    if hints.context.countries:
        return "agrees" if place.country in hints.context.countries else "disagrees"
    return "none"


def notable(place: PlaceRow, focus: frozenset[str]) -> bool:
    """Countries, admin units, districts, curated rows, focus countries, sizeable towns."""
    if place.kind == "country" or is_admin_unit(place) or place.id.startswith("supplement:"):
        return True
    return place.country in focus or population(place) >= NOTABLE_POPULATION


class Calibration:
    """Answer class → share of such answers that were right (measured)."""

    def __init__(self, table: dict[str, float], fallback: dict[str, float]) -> None:
        self.table = table
        self.fallback = fallback

    @classmethod
    def load(cls, path: Path = CALIBRATION_FILE) -> Calibration:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls({k: float(v["right"]) for k, v in data["classes"].items()},
                       {k: float(v) for k, v in data["by_match"].items()})
        except FileNotFoundError as error:
            raise DataError(f"{path} is missing; rebuild it with "
                            "scripts/calibrate_gazetteer.py or reinstall contested") from error
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise DataError(f"{path} cannot be read ({error}); reinstall contested") from error

    def score(self, answer: str) -> float:
        found = self.table.get(answer)
        if found is None:
            found = self.fallback.get(answer.split("/", 1)[0], 0.5)
        return found


def judge(ranked: list[Hit], place: PlaceRow, hints: Hints, calibration: Calibration,
          focus: frozenset[str]) -> Verdict:
    """Refuse the best hit, or give its calibrated score (see the module doc)."""
    best = ranked[0]
    score = calibration.score(answer_class(ranked, place, hints)) if calibration else \
        best.reported
    refused = _refusal(best, place, hints, focus)
    if refused is None and score < MIN_SCORE:
        refused = f"a score of {score:.2f} is below {MIN_SCORE}"
    return Verdict(score=score, refused=refused)


def _refusal(best: Hit, place: PlaceRow, hints: Hints, focus: frozenset[str]) -> str | None:
    if hints.country is not None and place.country != hints.country:
        big = place.kind == "country" or is_admin_unit(place) or \
            population(place) >= FOREIGN_MIN_POPULATION
        return None if big else f"it is in {place.country}, not {hints.country}"
    is_notable = notable(place, focus)
    if (hints.context.countries and place.country not in hints.context.countries
            and not is_notable):
        return f"it is a small place in {place.country}, far from the text's other places"
    if not best.exact and not is_notable and hints.country is None \
            and not hints.context.countries:
        return "only a small place is spelled like it"
    return None

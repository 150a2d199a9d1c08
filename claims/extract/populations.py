"""Population figures near an area figure: "4mn people in more than 41,000sq km"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.claims.numbers import (
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    NumberRegex,
    parse_number,
)
from contested.core.exceptions import InputError

__all__ = ["PopulationMatch", "find_populations"]

_MIN_POPULATION = 100  # "two people" is not a population figure of a territory

_PEOPLE = (
    r"(?:people|persons|civilians|residents|inhabitants|iraqis|syrians|citizens|individuals|"
    r"souls|population)"
)
_PEOPLE_HINT_RE = re.compile(_PEOPLE, re.IGNORECASE)
_POPULATION_RE = NumberRegex(
    rf"(?:(?P<qual>{QUALIFIER_PATTERN})\s+)?(?P<num>{NUMBER_PATTERN}|tens\s+of\s+thousands|"
    rf"hundreds\s+of\s+thousands|millions|thousands)\s+(?:of\s+)?{_PEOPLE}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PopulationMatch:
    start: int
    end: int
    population: int | None  # None for "tens of thousands of people"


def find_populations(sentence: str) -> list[PopulationMatch]:
    found: list[PopulationMatch] = []
    if not _PEOPLE_HINT_RE.search(sentence):
        return found
    for match in _POPULATION_RE.for_text(sentence).finditer(sentence):
        try:
            population: int | None = int(round(parse_number(match["num"])))
        except InputError:  # "tens of thousands" is a population with no number
            population = None
        if population is not None and population < _MIN_POPULATION:
            continue
        found.append(PopulationMatch(match.start(), match.end(), population))
    return found



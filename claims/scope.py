"""What a claim's scope names, and how two scopes relate (same place, one inside the other).

A scope is text ("Iraq", "Iraq and Syria", "Dayr Az Zawr province", "western Anbar"). The
resolution stage (:mod:`contested.resolution`) turns each part into a unit: a country, an
admin-1 unit, a place, or, when nothing resolves, the folded text itself, which only equals
the same text. Directional words ("western") narrow a place without changing which unit it
lies in, so they are dropped for resolution. This module holds the values and the pure text
rules; it resolves nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from contested.gazetteer.official_areas import (
    fold_reference_name,
)

_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b)\s*")
_NARROWING = re.compile(
    r"^(?:(?:the|across|in|of|parts?\s+of|most\s+of|all\s+of|much\s+of)\s+)*"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|upper|lower)\s+)?"
)
_UNIT_WORDS = re.compile(r"\s+(?:province|governorate|region|district|city|country)$")
# "the territory of Syria", "Iraqi land": the country itself, as a scope.
_LAND_OF = re.compile(r"^(?:(?:the|its|their|all)\s+)?(?:territor(?:y|ies)|lands?|soil|areas?|"
                      r"ground|(?:the\s+)?(?:arab\s+)?republic)\s+(?:of|in)\s+(?:the\s+)?")
_DEMONYM_LAND = re.compile(r"^(?:the\s+)?(?P<demonym>[a-z]+)\s+(?:territor(?:y|ies)|lands?|"
                           r"soil|ground)$")


def bare_admin1_id(value: str) -> str:
    """"admin1:IRQ-3471" (a gazetteer place id) and "IRQ-3471" (the boundaries column) alike."""
    return value.removeprefix("admin1:")


# Places a scope may name that are not areas inside one country ("the Tigris valley").
FEATURE_KINDS = frozenset({"river", "range", "mountain", "valley"})


@dataclass(frozen=True, slots=True)
class ScopeUnit:
    """One resolved part of a scope. ``level`` is country, admin1, place, feature (a river,
    range or valley: it may cross borders, so no country holds it whole), unit (a user's
    boundary) or text."""

    id: str
    name: str
    level: str
    country: str | None = None
    admin1_id: str | None = None

    def contains(self, other: ScopeUnit) -> bool:
        """Same unit, or ``other`` lies inside this one."""
        if self.id == other.id:
            return True
        if self.level == "country":
            return (other.level not in ("country", "feature")
                    and other.country == self.country is not None)
        if self.level == "admin1":
            return (
                other.level == "place"
                and other.admin1_id is not None
                and bare_admin1_id(other.admin1_id) == bare_admin1_id(self.id)
            )
        return False


@dataclass(frozen=True, slots=True)
class Scope:
    """A resolved scope. ``ids`` (its units) and ``bucket_keys`` (the countries, or the text
    of a part: keys two overlapping scopes always share) are computed once: the checks ask
    for them in their inner loops."""

    text: str
    units: tuple[ScopeUnit, ...]
    ids: frozenset[str] = field(init=False, repr=False, compare=False)
    bucket_keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ids = frozenset(unit.id for unit in self.units)
        object.__setattr__(self, "ids", ids)
        object.__setattr__(self, "bucket_keys",
                           tuple(sorted({unit.country or unit.id for unit in self.units})))
        object.__setattr__(self, "key", "+".join(sorted(ids)))

    def within(self, other: Scope) -> bool:
        """Every part of this scope lies in (or is) a part of ``other``."""
        return all(any(outer.contains(inner) for outer in other.units) for inner in self.units)


def relation(a: Scope | None, b: Scope | None) -> str | None:
    """"same", "a_in_b", "b_in_a", or None (disjoint or unknown). No scope equals no scope."""
    if a is None or b is None:
        return "same" if a is None and b is None else None
    if a is b or a.key == b.key:
        return "same"
    return _relation_of_units(a.units, b.units)


@lru_cache(maxsize=4096)
def _relation_of_units(a: tuple[ScopeUnit, ...], b: tuple[ScopeUnit, ...]) -> str | None:
    # A run has few distinct scopes and asks about the same pairs very often.
    if all(any(outer.contains(inner) for outer in b) for inner in a):
        return "a_in_b"
    if all(any(outer.contains(inner) for outer in a) for inner in b):
        return "b_in_a"
    return None


# A resolved scope for a scope text (what the checks are given: ResolvedClaims.scope).
ScopeLookup = Callable[[str | None], "Scope | None"]


def scope_parts(text: str) -> list[tuple[str, str]]:
    """The parts of a scope text, each as (part as written, bare folded form for lookups):
    "Iraq and Syria" → [("Iraq", "iraq"), ("Syria", "syria")]; "western Anbar" → bare "anbar".
    """
    parts = [p for p in _SPLIT.split(text.strip()) if p]
    out = []
    for part in parts:
        folded = fold_reference_name(part)
        bare = _NARROWING.sub("", folded, count=1).strip() or folded
        out.append((part, _country_of_land(bare)))
    return out


def _country_of_land(bare: str) -> str:
    """"territory of syria" → "syria"; "iraqi land" → "iraq" (folded)."""
    from contested.claims.extract.demonyms import DEMONYMS

    bare = _LAND_OF.sub("", bare, count=1).strip() or bare
    match = _DEMONYM_LAND.match(bare)
    if match:  # "iraqi land" → iraq; "iraq territory" (from "Iraq's territory") → iraq
        return DEMONYMS.get(match["demonym"], match["demonym"]).lower()
    return bare


def without_unit_word(text: str) -> str:
    """"Iraq-Syria border region" → "iraq-syria border" (lower case); "" when nothing is left."""
    return _UNIT_WORDS.sub("", text.strip().lower()).strip()


def text_unit(part: str, bare: str) -> ScopeUnit:
    """The unit of a part nothing resolves: it equals only the same text."""
    return ScopeUnit(f"text:{bare}", part, "text")

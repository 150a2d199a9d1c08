"""What a claim's scope names, and how two scopes relate (same place, one inside the other).

A scope is text ("Iraq", "Iraq and Syria", "Dayr Az Zawr province", "western Anbar"). Each
part resolves to a unit: a country (official-area table, then the gazetteer), an admin-1 unit
or a place (gazetteer), or, when nothing resolves, the folded text itself, which only equals
the same text. Directional words ("western") narrow a place without changing which unit it
lies in, so they are dropped for resolution. Results are cached per scope text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from contested.gazetteer.official_areas import (
    ReferenceTable,
    default_references,
    fold_reference_name,
)

_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b)\s*")
_NARROWING = re.compile(
    r"^(?:(?:the|across|in|of|parts?\s+of|most\s+of|all\s+of|much\s+of)\s+)*"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|upper|lower)\s+)?"
)
_UNIT_WORDS = re.compile(r"\s+(?:province|governorate|region|district|city|country)$")
MIN_GAZETTEER_SCORE = 0.8


def bare_admin1_id(value: str) -> str:
    """"admin1:IRQ-3471" (a gazetteer place id) and "IRQ-3471" (the boundaries column) alike."""
    return value.removeprefix("admin1:")


@dataclass(frozen=True, slots=True)
class ScopeUnit:
    """One resolved part of a scope. ``level`` is country, admin1, place or text."""

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
            return other.level != "country" and other.country == self.country is not None
        if self.level == "admin1":
            return (
                other.level == "place"
                and other.admin1_id is not None
                and bare_admin1_id(other.admin1_id) == bare_admin1_id(self.id)
            )
        return False


@dataclass(frozen=True, slots=True)
class Scope:
    text: str
    units: tuple[ScopeUnit, ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(unit.id for unit in self.units)

    @property
    def bucket_keys(self) -> tuple[str, ...]:
        """Keys two overlapping scopes always share: the countries, or the text of a part."""
        return tuple(sorted({unit.country or unit.id for unit in self.units}))

    def within(self, other: Scope) -> bool:
        """Every part of this scope lies in (or is) a part of ``other``."""
        return all(any(outer.contains(inner) for outer in other.units) for inner in self.units)


def relation(a: Scope | None, b: Scope | None) -> str | None:
    """"same", "a_in_b", "b_in_a", or None (disjoint or unknown). No scope equals no scope."""
    if a is None or b is None:
        return "same" if a is None and b is None else None
    if a.ids == b.ids:
        return "same"
    if a.within(b):
        return "a_in_b"
    if b.within(a):
        return "b_in_a"
    return None


Resolver = Callable[[str], Scope | None]


class ScopeResolver:
    """Resolves scope text via the official-area table and (optionally) the gazetteer."""

    def __init__(self, references: ReferenceTable | None = None, gazetteer: object = None,
                 *, use_gazetteer: bool = True) -> None:
        self._references = references
        self._gazetteer = gazetteer
        self._use_gazetteer = use_gazetteer
        self._cache: dict[str, Scope | None] = {}

    def __call__(self, text: str | None) -> Scope | None:
        if not text or not text.strip():
            return None
        if text not in self._cache:
            parts = [p for p in _SPLIT.split(text.strip()) if p]
            units = tuple(dict.fromkeys(self._unit(part) for part in parts))
            self._cache[text] = Scope(text=text, units=units)
        return self._cache[text]

    def unknown_parts(self, text: str | None) -> list[str]:
        """The parts of a scope that name nothing known: no country, admin unit or place,
        not even without a trailing unit word ("Iraq-Syria border region" → "Iraq-Syria
        border"). What the unknown-place policy reports (:func:`geo.attach.require_resolved`);
        the checks still compare such a part as text."""
        scope = self(text)
        if scope is None:
            return []
        unknown = []
        for unit in scope.units:
            if unit.level != "text":
                continue
            without_unit_word = _UNIT_WORDS.sub("", unit.name.strip().lower()).strip()
            if not without_unit_word or without_unit_word == unit.name.strip().lower() or (
                self._from_gazetteer(without_unit_word, without_unit_word) is None
            ):
                unknown.append(unit.name)
        return unknown

    def _table(self) -> ReferenceTable | None:
        if self._references is None:
            try:
                self._references = default_references()
            except Exception:  # noqa: BLE001 - no table: scopes stay text
                return None
        return self._references

    def _unit(self, part: str) -> ScopeUnit:
        folded = fold_reference_name(part)
        bare = _NARROWING.sub("", folded, count=1).strip() or folded
        table = self._table()
        if table is not None:
            for candidate in (bare, _UNIT_WORDS.sub("", bare)):
                key = table.exact_key(candidate)
                if key is not None:
                    reference = table.get(key)
                    if reference is not None and reference.kind == "country":
                        return ScopeUnit(key, reference.name, "country", reference.code)
                    if reference is not None:
                        return ScopeUnit(key, reference.name, "admin1", "US")
        place_unit = self._from_gazetteer(part, bare)
        if place_unit is not None:
            return place_unit
        return ScopeUnit(f"text:{bare}", part, "text")

    def _gazetteer_instance(self) -> object | None:
        if self._gazetteer is None and self._use_gazetteer:
            try:
                from contested.gazetteer import default_gazetteer

                self._gazetteer = default_gazetteer()
            except Exception:  # noqa: BLE001 - gazetteer not built/installed: text scopes
                self._use_gazetteer = False
        return self._gazetteer

    def _from_gazetteer(self, part: str, bare: str) -> ScopeUnit | None:
        gazetteer = self._gazetteer_instance()
        if gazetteer is None:
            return None
        for query in dict.fromkeys((part, bare)):
            try:
                place = gazetteer.resolve(query)  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - UnknownPlace: try the bare form, then text
                continue
            if getattr(place, "score", 1.0) < MIN_GAZETTEER_SCORE:
                continue
            if place.kind == "country":
                return ScopeUnit(place.id, place.name, "country", place.country)
            if place.id.startswith("admin1:") or place.kind in ("governorate", "province"):
                return ScopeUnit(place.id, place.name, "admin1", place.country, place.id)
            return ScopeUnit(place.id, place.name, "place", place.country, place.admin1_id)
        return None


@lru_cache(maxsize=1)
def default_scope_resolver() -> ScopeResolver:
    return ScopeResolver()

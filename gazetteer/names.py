"""The lookup keys of one place: every name and alternate name, folded, with derived aliases.

For each usable name (:func:`usable_name`): its exact key and phonetic skeleton keys; a name
written "A (B)" gives both parts; a generic word that only says what the place is ("Muhafazat
Ninawa", "Qadaa al-Haweeja", "Hawija District") is dropped to give an alias key of the bare
name. An admin-1 unit also carries its capital's names as aliases ("Kirkuk province" is the
unit Natural Earth calls At-Ta'mim), and a district's names are all aliases: a bare name means
its seat town, "X District" the district.

Whether a place is *notable* decides two things: whether its keys join the fuzzy-match pools,
and whether the extractor looks for its names in running text. Villages of the whole world
are neither (many English words are a village somewhere); they are still found by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from contested.gazetteer.fold import fold, is_arabic, loose, skeletons
from contested.gazetteer.kinds import INDEX_STRIPPABLE_HINTS, POPULATED, strip_generic
from contested.gazetteer.spelling import (
    FORM_ALIAS,
    FORM_ALIAS_SKELETON,
    FORM_EXACT,
    FORM_SKELETON,
    FORM_STRICT_ALIAS_SKELETON,
    FORM_STRICT_SKELETON,
    OWN_NAME_LIKENESS,
    ratio,
)

# How a place's names get skeleton keys: none (exact keys only), strict, or full.
NO_SKELETONS, STRICT_SKELETONS, SKELETONS = 0, 1, 2

# Airport/ISO codes GeoNames lists as alternate names ("BGW", "OSM", "IRQ"): not place names
# anyone writes in prose, and they collide with words.
_CODE_RE = re.compile(r"^[A-Z]{2,3}$")
_PAREN_RE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")

# A populated place this large anywhere in the world is notable (fuzzy pools, running text).
NOTABLE_POPULATION = 15_000
_UNIT_PREFIXES = ("admin1:", "country:", "usstate:", "supplement:")

NameKey = tuple[str, int, str, str]  # (key, form, source name, aux)


def split_parenthesis(name: str) -> list[str]:
    """"Homs (Hims)", "Makhmour Mountains (Qarachogh)": both parts are names of the place."""
    match = _PAREN_RE.match(name)
    if match:
        return [match.group("outer"), match.group("inner")]
    return [name]


def usable_name(name: object, place_id: str) -> bool:
    """A non-empty name that is not an airport/ISO code (curated supplement names may be)."""
    if not isinstance(name, str) or not name.strip():
        return False
    return not (_CODE_RE.match(name) and not place_id.startswith("supplement:"))


def is_significant(place: dict[str, Any]) -> bool:
    """Admin units, countries, curated features, districts and towns of 15,000+ people."""
    if place["id"].startswith(_UNIT_PREFIXES) or place.get("feature_code") == "ADM2":
        return True
    return int(place.get("population") or 0) >= NOTABLE_POPULATION


def is_notable(place: dict[str, Any], focus: frozenset[str]) -> bool:
    """Significant places, and every place of the focus countries."""
    return place.get("country") in focus or is_significant(place)


def skeleton_mode(place: dict[str, Any], focus: frozenset[str],
                  transliterated: frozenset[str]) -> int:
    """Loose skeletons where names reach the news through transliteration from Arabic,
    Persian, Kurdish or Turkish (every place) or from Cyrillic (the focus countries' towns);
    strict ones for other notable places; none for villages far away."""
    country = place.get("country")
    if country in transliterated or place["id"].startswith("supplement:"):
        return SKELETONS
    if country in focus and is_significant(place):
        return SKELETONS
    return STRICT_SKELETONS if is_notable(place, focus) else NO_SKELETONS


class Capitals:
    """admin1_id → names of its capital (PPLA, else its most populous populated place), seen
    one place at a time."""

    def __init__(self) -> None:
        self._best: dict[str, tuple[tuple[int, int], list[str]]] = {}

    def see(self, place: dict[str, Any]) -> None:
        admin1_id = place.get("admin1_id")
        if not admin1_id or place.get("kind") not in POPULATED:
            return
        rank = (1 if place.get("feature_code") in ("PPLA", "PPLC") else 0,
                int(place.get("population") or 0))
        if admin1_id not in self._best or rank > self._best[admin1_id][0]:
            self._best[admin1_id] = (rank, [place["name"], *place.get("alt_names", ())])

    def names(self, admin1_id: str | None) -> list[str]:
        found = self._best.get(admin1_id or "")
        return found[1] if found else []


def place_keys(place: dict[str, Any], aliases: list[str],
               skeleton_mode: int = SKELETONS) -> Iterator[NameKey]:
    """Every key of a place, the best form per key (an exact name beats an alias of it).

    ``skeleton_mode``: :data:`SKELETONS` for the pack's region, :data:`STRICT_SKELETONS`
    for notable places elsewhere (closer spellings needed, :mod:`gazetteer.spelling`),
    :data:`NO_SKELETONS` for villages far from the pack (met by exact keys only: a
    transliteration that misses all their names would be a guess anyway).
    """
    seen: set[tuple[str, int]] = set()
    for key, form, name, aux in _all_keys(place, aliases, skeleton_mode):
        if (key, form) in seen or (form == FORM_ALIAS and (key, FORM_EXACT) in seen) or (
                form == FORM_ALIAS_SKELETON and (key, FORM_SKELETON) in seen) or (
                form == FORM_STRICT_ALIAS_SKELETON and (key, FORM_STRICT_SKELETON) in seen):
            continue
        seen.add((key, form))
        yield key, form, name, aux


def _all_keys(place: dict[str, Any], aliases: list[str],
              skeleton_mode: int) -> Iterator[NameKey]:
    place_id = place["id"]
    all_alias = place.get("feature_code") == "ADM2"  # a district: see the module doc
    named = [(n, all_alias) for n in [place["name"], *place.get("alt_names", ())]]
    named += [(n, True) for n in aliases]
    seen: set[tuple[str, bool]] = set()  # names that fold alike give the same keys
    own = fold(place["name"])
    for raw_name, is_alias in named:
        if not usable_name(raw_name, place_id):
            continue
        for name in split_parenthesis(raw_name):
            folded = fold(name)
            if not folded or (folded, is_alias) in seen:
                continue
            seen.add((folded, is_alias))
            mode = skeleton_mode
            if mode == STRICT_SKELETONS and ratio(folded, own) < OWN_NAME_LIKENESS:
                mode = NO_SKELETONS  # far away, a name in another language: exact only
            yield from _name_keys(name, folded, is_alias, mode)


def _name_keys(name: str, folded: str, is_alias: bool, skeleton_mode: int,
               ) -> Iterator[NameKey]:
    strict = skeleton_mode == STRICT_SKELETONS
    alias_skeleton = FORM_STRICT_ALIAS_SKELETON if strict else FORM_ALIAS_SKELETON
    variants = [(folded, FORM_ALIAS if is_alias else FORM_EXACT,
                 alias_skeleton if is_alias else
                 FORM_STRICT_SKELETON if strict else FORM_SKELETON)]
    hint, bare = strip_generic(folded)
    if hint in INDEX_STRIPPABLE_HINTS and bare and bare != folded:
        # "Muhafazat Ninawa" → "ninawa"; "Qadaa al-Haweeja" → "haweeja" (an alias).
        variants.append((bare, FORM_ALIAS, alias_skeleton))
    for key, form, skeleton_form in variants:
        # Skeletons only for Latin or Arabic script (others never meet a query's). A folded
        # key has the skeletons of the names it folds from (fold is idempotent).
        wanted = skeleton_mode != NO_SKELETONS and (key.isascii() or is_arabic(key))
        keys = skeletons(key) if wanted else ()
        yield key, form, name, keys[0] if keys else ""
        for skeleton_key in keys:
            yield skeleton_key, skeleton_form, name, loose(key)

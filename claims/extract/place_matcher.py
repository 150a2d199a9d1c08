"""The gazetteer as the place finder sees it: which text keys name places, and their answers.

One :class:`Matcher` per gazetteer (``matcher_for``) looks text keys up in batches
(``Gazetteer.text_ids``), fetches places by id and resolves names with their context, and
caches all of it within bounds: a worker of ``contested corpus`` keeps one for hundreds of
thousands of articles.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from contested.core.exceptions import InputError, UnknownPlace
from contested.gazetteer.fold import fold_token
from contested.gazetteer.kinds import POPULATED
from contested.gazetteer.place import Place

# English words that are also (small) places somewhere in the pack, and words of news prose.
# Both lists are compared with folded keys, so they are folded like them ("rawa" → "rawah").
_STOPWORDS = frozenset(map(fold_token,
    """a an the of in on at by to for and or but not no yes is are was were be been being has
    have had do does did will would can could may might must shall should it its he she they we
    you i me him her them us our their his this that these those there here who what when where
    why how all any some many most more less few one two three four five six seven eight nine ten
    said says say told tell added noted new old big small great good bad high low long short
    west east north south western eastern northern southern central centre center
    march may june july august april most well
    mine mines man many post press camp city town village province state country region area
    district border river valley lake mount mountain mountains hill hills island sea gulf bay
    park road street station base bridge dam airport port market center centre square
    army force forces police group party front union council house office home news daily
    world time times day days week weeks month months year years people government security
    coalition operation operations spokesman spokesperson general colonel major captain
    president minister defense defence department military command central iraqi syrian
    kurdish turkish arab arabs islamic islam muslim sunni shia shiite christian
    isis isil daesh is sdf isf ypg pkk fsa nato un us uk eu cia dod oir cjtf centcom
    red white black green blue golden victory liberty independence freedom peace
    sun moon star stars rose lily faith grace joy love life
    rural federal local national international global regional
    monday tuesday wednesday thursday friday saturday sunday january february october
    november december september
    photo video related story comments sign follow twitter facebook
    mr mrs ms dr col gen capt maj lt sgt jones smith brown war peace nov dec jan feb mar apr
    jun jul aug sep sept oct alwan""".split()
))
# Given names and words of news prose that fold onto the name of a place in the pack, and are
# far likelier to be the name or the word in a news text: a one-token mention of them is not a
# place. Since the fold merges -a/-ah/-eh, "Sarah", "Hannah" and "Jannah" meet villages spelled
# "Sara", "Ḩannā" and "Janna". Measured (the maintainer's check, no test): ~330 given names
# common in English-language news (English, Arabic, Hebrew, Persian, Turkish) and ~300 words
# (English, and the Arabic loanwords of Middle East news) were put capitalised into a sentence
# and run through find_places; a word that came out as a place is listed here when the places
# of its key are villages or towns under 5,000 people, or carry it as an alternate name only
# ("Ali" is an alternate name of Ağrı, "Hamid" of Isparta, "Laila" of the Saudi town Laylá).
# Left out, as the main name of a country, state, unit or town of 5,000+ people: Jordan,
# Virginia, China, Haifa, Ariel, Zara, Hani, Layla, Salt, Salat, Cat, Mecca, Medina.
_NAME_WORDS = frozenset(map(fold_token,
    """adam ahmad alan ali andrea avi elif hafsa hafsah hamid hamza hana hanna hannah jafar
    janna jannah laila lailah linda mina mullah omar rami rashid rima rina salman samir
    sara sarah shirin suha sultan yael
    anna dana diana qasim rania sadr
    allah burqa fall iron karma khalifa opera ramadan salah sigma sir soda""".split()
))
# ... unless the key names a town or city of the pack's focus countries this big: "Anna" is
# also 'Anah (27,000, Anbar), "Rania" Ranya (Sulaymaniyah), "Sadr" Sadr City, "Dana" Ad Dana.
_NAME_WORD_MIN_POPULATION = 10_000
# Bounds of the matcher's caches. A worker of `contested corpus` reads hundreds of thousands
# of articles: unbounded, the places it had fetched by id (each with its alternative names)
# grew its memory with the archive's vocabulary.
_MAX_KEYS = 200_000
_MAX_RESOLVED = 50_000
_MAX_PLACES = 20_000


class Matcher:
    """The text keys of one gazetteer (looked up on demand, cached) and resolved names."""

    def __init__(self, gazetteer: Any) -> None:
        self.gazetteer = gazetteer
        self._lock = threading.Lock()
        self._ids: dict[str, tuple[str, ...] | None] = {}
        self._resolved: dict[tuple[object, ...], Place | None] = {}
        self._by_id: dict[str, Place | None] = {}
        self._admin1_by_ids: dict[tuple[str, ...], frozenset[str]] = {}
        pack = getattr(gazetteer, "pack", None)
        self._focus = frozenset((pack.get("focus") if isinstance(pack, dict) else None) or ())
        self._lookup = getattr(gazetteer, "text_ids", None) or _keys_lookup(gazetteer)

    def ids(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The place ids of each key that names a place in running text (others left out)."""
        wanted = [key for key in dict.fromkeys(keys) if key not in self._ids]
        if wanted:
            found = self._lookup([key for key in wanted if _usable_key(key)])
            answers = {}
            for key in wanted:
                ids = found.get(key)
                if ids and key in _NAME_WORDS and not self.names_a_focus_town(ids):
                    ids = None
                answers[key] = tuple(ids) if ids else None
            self._remember(self._ids, answers, _MAX_KEYS)
        return {key: ids for key in keys if (ids := self._ids.get(key))}

    def names_a_focus_town(self, ids: Iterable[str]) -> bool:
        """Whether one of these places is a town of the focus countries (see _NAME_WORDS)."""
        for place_id in ids:
            place = self.place_by_id(place_id)
            if (place is not None and place.country in self._focus and place.kind in POPULATED
                    and (place.population or 0) >= _NAME_WORD_MIN_POPULATION):
                return True
        return False

    def place_by_id(self, place_id: str) -> Place | None:
        place = self._by_id.get(place_id, _MISSING)
        if place is _MISSING:
            try:
                place = self.gazetteer.get(place_id)
            except UnknownPlace:  # an id the index no longer has is no place
                place = None
            self._remember(self._by_id, {place_id: place}, _MAX_PLACES)
        return place  # type: ignore[return-value]

    def resolve(
        self, query: str, key: str, ids: tuple[str, ...], kind: str | None,
        context: tuple[Place, ...],
    ) -> Place | None:
        """``query`` resolved with ``context`` places, cached by (folded key, kind, context
        countries, context admin-1 units that hold one of the key's places).

        The resolver reads only countries and admin-1 units from a context, and an admin-1
        unit helps only a candidate inside it: the context is cut down to exactly what the
        cache key holds, so an answer never depends on which article asked first.
        """
        countries = frozenset(p.country for p in context if p.country)
        own_admin1 = self.admin1_ids(ids)
        admin1_ids = frozenset(
            p.admin1_id for p in context if p.admin1_id and p.admin1_id in own_admin1
        )
        cache_key = (key, kind, countries, admin1_ids)
        place = self._resolved.get(cache_key, _MISSING)
        if place is not _MISSING:
            # One answer per key, but the spelling is this mention's ("ALEPPO" in a dateline,
            # "Aleppo" later): else a place's query would depend on which text asked first.
            if place is None or place.query == query:  # type: ignore[union-attr]
                return place  # type: ignore[return-value]
            return replace(place, query=query)  # type: ignore[type-var]
        reduced = self.reduced_context(context, admin1_ids)
        try:
            place = self.gazetteer.resolve(query, kind=kind, context=reduced)
        except (UnknownPlace, InputError):  # a mention left unresolved
            place = None if kind is None else self.resolve(query, key, ids, None, context)
        self._remember(self._resolved, {cache_key: place}, _MAX_RESOLVED)
        return place

    def admin1_ids(self, ids: tuple[str, ...]) -> frozenset[str]:
        """Admin-1 units of these places (the candidates of one key)."""
        found = self._admin1_by_ids.get(ids)
        if found is None:
            places = (self.place_by_id(place_id) for place_id in ids[:50])
            found = frozenset(
                unit for p in places if p is not None
                for unit in (p.admin1_id, p.id if p.id.startswith("admin1:") else None) if unit
            )
            self._remember(self._admin1_by_ids, {ids: found}, _MAX_RESOLVED)
        return found

    def _remember(self, cache: dict, answers: dict, limit: int) -> None:
        """Cache answers; a cache they would overfill starts afresh, so a worker that reads an
        archive of any size holds at most ``limit`` of them (the names that recur come back
        at once)."""
        with self._lock:
            if len(cache) + len(answers) > limit:
                cache.clear()
            cache.update(answers)

    def reduced_context(
        self, context: tuple[Place, ...], admin1_ids: frozenset[str]
    ) -> tuple[Place, ...]:
        """The places in ``admin1_ids`` and each other country as its country place."""
        reduced: dict[str, Place] = {}
        for place in context:
            if place.admin1_id in admin1_ids:
                reduced[place.id] = place
            elif place.country and f"country:{place.country}" not in reduced:
                country = self.place_by_id(f"country:{place.country}")
                if country is None or country.admin1_id is not None:
                    # The resolver caches on context ids: a stand-in needs an id of its own.
                    country = replace(place, admin1_id=None, id=f"country:{place.country}")
                reduced[f"country:{place.country}"] = country
        return tuple(reduced.values())


def _keys_lookup(gazetteer: Any):  # noqa: ANN202 - a lookup function
    """For a gazetteer without an index of text keys (a test double): all its keys, once."""
    table: dict[str, list[str]] = {}
    for key, place_id in gazetteer.keys():
        table.setdefault(key, []).append(place_id)

    def lookup(keys: list[str]) -> dict[str, tuple[str, ...]]:
        return {key: tuple(table[key]) for key in keys if key in table}

    return lookup


_MISSING = object()


def _usable_key(key: str) -> bool:
    if not key or key in _STOPWORDS:
        return False
    letters = key.replace(" ", "")
    if len(letters) < 3 or letters.isdigit() or any(ch.isdigit() for ch in letters):
        return False
    return True


_matchers: weakref.WeakKeyDictionary[Any, Matcher] = weakref.WeakKeyDictionary()
_matchers_lock = threading.Lock()


def matcher_for(gazetteer: Any) -> Matcher:
    with _matchers_lock:
        matcher = _matchers.get(gazetteer)
        if matcher is None:
            matcher = Matcher(gazetteer)
            _matchers[gazetteer] = matcher
        return matcher

"""Toponyms in running text: capitalised runs of tokens, their windows looked up in the index.

A name starts with a capitalised (or non-Latin) token and goes on over capitalised tokens and
short connectors; the tokens of each such run are folded with the gazetteer's
:func:`gazetteer.fold.fold_token`, and every window of up to :data:`MAX_KEY_TOKENS` tokens is
looked up among the gazetteer's text keys (``Gazetteer.text_ids``: the exact keys of the places
worth finding in text, built with the index once per data version: nothing is loaded or built
when a process starts). Matches are taken leftmost-longest on token boundaries.

Common words are not places: a Latin-script name must be capitalised in the source, short
names (≤ 4 letters) on every token, and a stoplist of English words ("hit", "ana", "will",
"mobile") is never matched. Given names and words that are also some small place's name
("Sarah", "Hannah", "Mullah", "Jannah") are not places either, unless the name is that of a
town of the pack's focus countries (see :data:`_NAME_WORDS`). Ambiguous names are resolved by
the gazetteer with the other places of the text as context; answers are cached by (name,
countries of the context).
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from contested.core.exceptions import InputError, UnknownPlace
from contested.gazetteer.fold import fold_token, is_arabic
from contested.gazetteer.kinds import POPULATED
from contested.gazetteer.place import Place

__all__ = ["PlaceMention", "find_places", "place_suffix"]

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
# Real towns that are also English words: matched only capitalised and not opening a sentence.
_SOFT_STOPWORDS = frozenset(
    map(fold_token, "hit ana bath mobile reading nice split hope urban rawa bab".split())
)
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
_MIN_CAPITALISED_LEN = 4  # names up to this many letters must be capitalised on every token
# Windows of a run looked up: place names of more tokens are rare in news ("United Kingdom of
# Great Britain and Northern Ireland" is seven).
MAX_KEY_TOKENS = 7

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘ʼʿʾ`][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text: ``text[start:end]`` and the place it resolves to."""

    start: int
    end: int
    text: str
    place: Place | None
    key: str = ""  # the folded name that matched
    suffix: str | None = None  # "province", "governorate", "city" written right after it

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "place": None if self.place is None else self.place.to_dict(),
        }


class _Matcher:
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
            with self._lock:
                if len(self._ids) > 200_000:
                    self._ids.clear()
                self._ids.update(answers)
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
            with self._lock:
                self._by_id[place_id] = place
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
        with self._lock:
            if len(self._resolved) > 50000:
                self._resolved.clear()
            self._resolved[cache_key] = place
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
            with self._lock:
                self._admin1_by_ids[ids] = found
        return found

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


_matchers: weakref.WeakKeyDictionary[Any, _Matcher] = weakref.WeakKeyDictionary()
_matchers_lock = threading.Lock()


def _matcher(gazetteer: Any) -> _Matcher:
    with _matchers_lock:
        matcher = _matchers.get(gazetteer)
        if matcher is None:
            matcher = _Matcher(gazetteer)
            _matchers[gazetteer] = matcher
        return matcher


@lru_cache(maxsize=200000)
def _fold_cached(token: str) -> str:
    return fold_token(token)


_APOSTROPHE_CLASS = "['’‘ʼʿʾ`]"
# A name starts with a capitalised (or non-Latin) token and goes on over capitalised tokens and
# short connectors ("Gulf of Aden", "Dayr az Zawr"): a lower-case word of 4+ letters or a number
# ends it (see _capitalised; keys hold no digits). The regex finds these runs in C, so only
# their tokens are folded, not every word of the article.
# The first character class is deliberately simple (upper-case ASCII or any non-ASCII): sre
# scans for it several times faster than for a Unicode category; the rest is checked after.
_RUN_RE = re.compile(
    rf"[A-Z\u00c0-\uffff][^\W_]*(?:{_APOSTROPHE_CLASS}[^\W_]+)*"
    rf"(?:[\W_]+(?:[^\W\d_a-z][^\W_]*|[a-z][^\W_]{{0,2}}(?![^\W_]))"
    rf"(?:{_APOSTROPHE_CLASS}[^\W_]+)*)*"
)
_POSSESSIVE_RE = re.compile(r"(?<=[^\W_]{3})['’]s$")


# 20,000 runs hold about 30 MB. 100,000 held about 140 MB in each corpus worker once a few
# hundred thousand articles had passed (scripts/bench_corpus.py), for no measurable speed:
# 8,000 articles took 14.5 s at either size.
@lru_cache(maxsize=20000)
def _run_table(run: str) -> tuple[str, tuple[tuple[int, int, str], ...], dict[int, int]]:
    """A run's folded tokens ("tok tok "), its tokens (start, end, raw; offsets in the run)
    and piece offset → token index. Cached: runs recur ("ISIS", "Iraqi forces", "He")."""
    tokens: list[tuple[int, int, str]] = []
    parts: list[str] = []
    token_at: dict[int, int] = {}
    position = 0
    for match in _TOKEN_RE.finditer(run):
        raw = match.group()
        possessive = _POSSESSIVE_RE.search(raw)
        if possessive is not None:
            raw = raw[:possessive.start()]  # "Syria's Deir ez-Zor": the name is "Syria"
        folded = _fold_cached(raw)
        if not folded or " " in folded:
            continue  # an article ("al", "the"): transparent, as in the gazetteer's keys
        token_at[position] = len(tokens)
        tokens.append((match.start(), match.start() + len(raw), raw))
        parts.append(folded + " ")
        position += len(folded) + 1
    return "".join(parts), tuple(tokens), token_at


_Run = tuple[int, tuple[str, tuple[tuple[int, int, str], ...], dict[int, int]]]


def _scan(text: str) -> list[_Run]:
    """The runs that may hold names: (text offset, run table)."""
    runs: list[_Run] = []
    for run in _RUN_RE.finditer(text):
        start = run.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_") and (
            inside := _TOKEN_RE.match(text, start)
        ):
            start = inside.end()  # "iPhone": the run starts inside a lower-case token
        table = _run_table(text[start:run.end()])
        if table[1]:
            runs.append((start, table))
    return runs


_Candidate = tuple[int, int, int, list[str], str, tuple[str, ...]]


def _candidates(runs: list[_Run], matcher: _Matcher) -> list[_Candidate]:
    """(start, end, token count - 1, raw tokens, key, ids) of every window of every run that
    is a text key; offsets into the text."""
    windows: dict[str, list[tuple[int, int, int]]] = {}
    for index, (_, (piece, _, _)) in enumerate(runs):
        folded = piece.split(" ")[:-1]
        for first in range(len(folded)):
            for last in range(first, min(len(folded), first + MAX_KEY_TOKENS)):
                windows.setdefault(" ".join(folded[first:last + 1]), []).append(
                    (index, first, last))
    found = matcher.ids(windows)
    candidates: list[_Candidate] = []
    for key, ids in found.items():
        for index, first, last in windows[key]:
            run_start, (_, run_tokens, _) = runs[index]
            candidates.append((
                run_start + run_tokens[first][0], run_start + run_tokens[last][1], last - first,
                [token[2] for token in run_tokens[first:last + 1]], key, ids,
            ))
    return candidates


def _capitalised(raw_tokens: list[str], key: str) -> bool:
    if any(is_arabic(token) for token in raw_tokens):
        return True
    content = [t for t in raw_tokens if _fold_cached(t)]
    if not content or not content[0][:1].isupper():
        return False
    if len(key.replace(" ", "")) <= _MIN_CAPITALISED_LEN:
        return all(t[:1].isupper() for t in content)
    # Every long token but short connectors ("of", "ez") is capitalised: "Tal Afar", not "tal".
    return all(t[:1].isupper() or len(t) <= 3 for t in content)


_SUFFIX_RE = re.compile(
    r"[\s\u00a0]+(province|governorate|governate|district|city|town|region|mountains?)\b",
    re.IGNORECASE,
)


def place_suffix(text: str, end: int) -> str | None:
    """"province", "city", … written right after a name ending at ``end``, lower-cased."""
    suffix = _SUFFIX_RE.match(text, end)
    return suffix.group(1).lower() if suffix else None


_PREFIX_RE = re.compile(
    r"\b(?:the\s+)?(province|governorate|city|town|district)\s+of\s+$", re.IGNORECASE
)
_KIND_HINTS = {
    "province": "governorate", "governorate": "governorate", "governate": "governorate",
    "city": "city", "town": "town", "district": "district",
}


def find_places(text: str, gazetteer: Any) -> list[PlaceMention]:
    """Every toponym in ``text`` with offsets, resolved with the other places as context.

    Each distinct name (folded key, kind hint) is resolved once per call: first the names
    with one candidate and the context-free best guess of the others give the text's context
    (countries, admin-1 units); then each ambiguous name is resolved against the context of the
    other names.
    """
    if gazetteer is None or not text:
        return []
    matcher = _matcher(gazetteer)
    chosen = _choose(text, _candidates(_scan(text), matcher))
    if not chosen:
        return []
    spans = [_with_hint(text, *name) for name in chosen]
    places = _resolve_names(matcher, text, spans)
    return [
        PlaceMention(start=start, end=end, text=text[start:end],
                     place=places[(key, _KIND_HINTS.get(hint) if hint else None)],
                     key=key, suffix=hint)
        for start, end, key, ids, hint in spans
    ]


def _choose(text: str, candidates: list[_Candidate]) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Leftmost-longest, non-overlapping candidates written as names."""
    candidates.sort(key=lambda c: (c[0], -c[2]))
    chosen: list[tuple[int, int, str, tuple[str, ...]]] = []
    next_free = 0
    for start, end, _, raw, key, ids in candidates:
        if start < next_free or not _capitalised(raw, key):
            continue
        if key in _SOFT_STOPWORDS and _SENTENCE_START_RE.search(text, max(0, start - 4), start):
            continue
        chosen.append((start, end, key, ids))
        next_free = end
    return chosen


def _with_hint(text: str, start: int, end: int, key: str, ids: tuple[str, ...]
               ) -> tuple[int, int, str, tuple[str, ...], str | None]:
    """The name with a written article taken in ("al-Bab", "Al Anbar") and the kind word
    written with it ("Anbar province", "the city of Mosul")."""
    article = _ARTICLE_BEFORE_RE.search(text, max(0, start - 4), start)
    if article:
        start = article.start()
    suffix = _SUFFIX_RE.match(text, end)
    prefix = _PREFIX_RE.search(text, max(0, start - 30), start)
    hint = (suffix and suffix.group(1).lower()) or (prefix and prefix.group(1).lower())
    return start, end, key, ids, hint


def _resolve_names(
    matcher: _Matcher, text: str, spans: list[tuple[int, int, str, tuple[str, ...], str | None]],
) -> dict[tuple[str, str | None], Place | None]:
    """One place per distinct (folded key, kind hint) of the text (see find_places)."""
    names: dict[tuple[str, str | None], tuple[str, tuple[str, ...]]] = {}
    for start, end, key, ids, hint in spans:
        kind = _KIND_HINTS.get(hint) if hint else None
        if (key, kind) not in names:
            surface = text[start:end]
            names[(key, kind)] = (f"{surface} {hint}" if kind == "governorate" else surface, ids)
    guesses: dict[tuple[str, str | None], Place | None] = {}
    for (key, kind), (query, ids) in names.items():
        place = matcher.place_by_id(ids[0]) if len(ids) == 1 and kind is None else None
        guesses[(key, kind)] = place or matcher.resolve(query, key, ids, kind, ())
    resolved = dict(guesses)
    for (key, kind), (query, ids) in names.items():
        if len(ids) == 1 and kind is None and resolved[(key, kind)] is not None:
            continue
        context = tuple({
            place.id: place for other, place in guesses.items()
            if place is not None and other[0] != key
        }.values())
        if context:
            resolved[(key, kind)] = matcher.resolve(query, key, ids, kind, context)
    return resolved


_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:\"“”]\s*|\n\s*)$")
_ARTICLE_BEFORE_RE = re.compile(r"\b(?:(?:[Aa]l|[Ee]l)[-\s\u00a0]|(?:[Aa][dnrstz]|[Aa]sh)-)$")

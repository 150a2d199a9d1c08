"""Toponyms in running text, found with one multi-pattern pass over folded tokens.

The matcher is an Aho-Corasick automaton (pyahocorasick) over the gazetteer's exact keys
(``Gazetteer.keys()``: names folded token by token, joined with spaces), built once per
gazetteer and cached. Text tokens are folded with the same :func:`gazetteer.fold.fold_token`,
joined with spaces, and matched leftmost-longest on token boundaries.

Common words are not places: a Latin-script name must be capitalised in the source, short
names (≤ 4 letters) on every token, and a stoplist of English words ("hit", "ana", "will",
"mobile") is never matched. Ambiguous names are resolved by the gazetteer with the other places
of the text as context; answers are cached by (name, countries of the context).
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gazetteer.fold import fold_token, is_arabic
from gazetteer.place import Place

__all__ = ["PlaceMention", "find_places"]

# English words that are also (small) places somewhere in the pack, and words of news prose.
_STOPWORDS = frozenset(
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
)
# Real towns that are also English words: matched only capitalised and not opening a sentence.
_SOFT_STOPWORDS = frozenset("hit ana bath mobile reading nice split hope urban rawa bab".split())
_MIN_CAPITALISED_LEN = 4  # names up to this many letters must be capitalised on every token

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
    """The automaton for one gazetteer, and a cache of resolved names."""

    def __init__(self, gazetteer: Any) -> None:
        import ahocorasick

        ids_by_key: dict[str, list[str]] = {}
        for key, place_id in gazetteer.keys():
            if not _usable_key(key):
                continue
            ids_by_key.setdefault(key, []).append(place_id)
        automaton = ahocorasick.Automaton()
        for key, ids in ids_by_key.items():
            automaton.add_word(f" {key} ", (key, tuple(ids)))
        automaton.make_automaton()
        self.automaton = automaton
        self.gazetteer = gazetteer
        self._lock = threading.Lock()
        self._resolved: dict[tuple[str, str | None, frozenset[str]], Place | None] = {}
        self._by_id: dict[str, Place | None] = {}

    def place_by_id(self, place_id: str) -> Place | None:
        if place_id not in self._by_id:
            try:
                self._by_id[place_id] = self.gazetteer.get(place_id)
            except Exception:  # noqa: BLE001 - an id the index no longer has is no place
                self._by_id[place_id] = None
        return self._by_id[place_id]

    def resolve(
        self, surface: str, key: str, ids: tuple[str, ...], kind: str | None,
        context_names: tuple[str, ...], context_countries: frozenset[str],
    ) -> Place | None:
        if len(ids) == 1 and kind is None:
            place = self.place_by_id(ids[0])
            if place is not None:
                return place
        cache_key = (key, kind, context_countries)
        with self._lock:
            if cache_key in self._resolved:
                return self._resolved[cache_key]
        try:
            place = self.gazetteer.resolve(surface, kind=kind, context=context_names)
        except Exception:  # noqa: BLE001 - UnknownPlace/InputError: a mention left unresolved
            place = None
            if kind is not None:
                return self.resolve(surface, key, ids, None, context_names, context_countries)
        with self._lock:
            if len(self._resolved) > 50000:
                self._resolved.clear()
            self._resolved[cache_key] = place
        return place


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


def _tokens(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    fold_one = _fold_cached
    for match in _TOKEN_RE.finditer(text):
        raw = match.group()
        folded = fold_one(raw)
        if folded and " " not in folded:
            out.append((match.start(), match.end(), raw, folded))
    return out


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
_PREFIX_RE = re.compile(
    r"\b(?:the\s+)?(province|governorate|city|town|district)\s+of\s+$", re.IGNORECASE
)
_KIND_HINTS = {
    "province": "governorate", "governorate": "governorate", "governate": "governorate",
    "city": "city", "town": "town", "district": "district",
}


def find_places(text: str, gazetteer: Any) -> list[PlaceMention]:
    """Every toponym in ``text`` with offsets, resolved with the other places as context."""
    if gazetteer is None or not text:
        return []
    matcher = _matcher(gazetteer)
    tokens = _tokens(text)
    if not tokens:
        return []
    haystack_parts = [" "]
    token_at: dict[int, int] = {}  # haystack offset of a token's first char → token index
    position = 1
    for index, (_, _, _, folded) in enumerate(tokens):
        token_at[position] = index
        haystack_parts.append(folded + " ")
        position += len(folded) + 1
    haystack = "".join(haystack_parts)
    candidates: list[tuple[int, int, str, tuple[str, ...]]] = []
    for end_index, (key, ids) in matcher.automaton.iter(haystack):
        start_offset = end_index - len(key)  # iter() gives the last char: " key " ends there
        first = token_at.get(start_offset)
        if first is None:
            continue
        last = first + key.count(" ")
        candidates.append((first, last, key, ids))
    # Leftmost-longest, non-overlapping.
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen: list[tuple[int, int, str, tuple[str, ...]]] = []
    next_free = 0
    for first, last, key, ids in candidates:
        if first < next_free:
            continue
        raw = [tokens[i][2] for i in range(first, last + 1)]
        if not _capitalised(raw, key):
            continue
        if key in _SOFT_STOPWORDS and re.search(
            r"(?:^|[.!?:\"“”]\s*|\n\s*)$", text[max(0, tokens[first][0] - 4):tokens[first][0]]
        ):
            continue
        chosen.append((first, last, key, ids))
        next_free = last + 1
    if not chosen:
        return []
    spans = []
    for first, last, key, ids in chosen:
        start = tokens[first][0]
        end = tokens[last][1]
        # Take in a written article ("al-Bab", "Al Anbar") so the mention reads as a name.
        article = re.search(r"\b(?:(?:[Aa]l|[Ee]l)[-\s\u00a0]|(?:[Aa][dnrstz]|[Aa]sh)-)$",
                            text[max(0, start - 4):start])
        if article:
            start = start - (len(text[max(0, start - 4):start]) - article.start())
        suffix = _SUFFIX_RE.match(text, end)
        prefix = _PREFIX_RE.search(text, max(0, start - 30), start)
        hint = (suffix and suffix.group(1).lower()) or (prefix and prefix.group(1).lower())
        spans.append((start, end, key, ids, hint))
    context_names = tuple(dict.fromkeys(text[s:e] for s, e, *_ in spans))
    unambiguous = [
        matcher.place_by_id(ids[0]) for _, _, _, ids, _ in spans if len(ids) == 1
    ]
    context_countries = frozenset(p.country for p in unambiguous if p is not None and p.country)
    mentions = []
    for start, end, key, ids, hint in spans:
        surface = text[start:end]
        kind = _KIND_HINTS.get(hint) if hint else None
        others = tuple(name for name in context_names if name != surface)[:12]
        query = f"{surface} {hint}" if kind == "governorate" else surface
        place = matcher.resolve(query, key, ids, kind, others, context_countries)
        mentions.append(
            PlaceMention(start=start, end=end, text=surface, place=place, key=key, suffix=hint)
        )
    return mentions

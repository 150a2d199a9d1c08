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
town of the pack's focus countries (see :mod:`place_matcher`, which also resolves ambiguous
names with the other places of the text as context and caches the answers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from contested.claims.extract.place_matcher import Matcher, matcher_for
from contested.core.lazy import LazyRegex
from contested.gazetteer.fold import fold_token, is_arabic
from contested.gazetteer.place import Place

__all__ = ["PlaceMention", "find_places", "place_suffix"]

# Real towns that are also English words: matched only capitalised and not opening a sentence.
_SOFT_STOPWORDS = frozenset(
    map(fold_token, "hit ana bath mobile reading nice split hope urban rawa bab".split())
)
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
# It is written as what it leaves out ([A-Z\u00c0-\uffff] is the same set): sre's compiler
# walks a range character by character, 4 ms for the 65,000 up to U+FFFF.
_RUN_RE = re.compile(
    rf"[^\x00-@\[-\xbf\U00010000-\U0010ffff][^\W_]*(?:{_APOSTROPHE_CLASS}[^\W_]+)*"
    rf"(?:[\W_]+(?:[^\W\d_a-z][^\W_]*|[a-z][^\W_]{{0,2}}(?![^\W_]))"
    rf"(?:{_APOSTROPHE_CLASS}[^\W_]+)*)*"
)
_POSSESSIVE_RE = re.compile(r"(?<=[^\W_]{3})['’]s$")
# An Arabic article assimilated and glued to the noun after a first word: "Deir Ezzor" is
# Deir ez-Zor, "Ras Ennaqoura" Ras en-Naqoura. The index folds "ez-Zor" to "zor"; a window
# is also looked up with such tokens unglued (never its first token: "Essen", "Addis").
_GLUED_ARTICLE_RE = re.compile(r"^[ae]([dnrstz])(?=\1[a-z]{2})")


# 20,000 runs hold about 30 MB. 100,000 held about 140 MB in each corpus worker once a few
# hundred thousand articles had passed (scripts/bench_corpus.py), for no measurable speed:
# 8,000 articles took 14.5 s at either size.
_RunTable = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, int, str], ...]]


@lru_cache(maxsize=20000)
def _run_table(run: str) -> _RunTable:
    """A run's folded tokens, the same with a glued article dropped from each token after the
    first (see _GLUED_ARTICLE_RE), and its tokens (start, end, raw; offsets in the run).
    Cached: runs recur ("ISIS", "Iraqi forces", "He")."""
    tokens: list[tuple[int, int, str]] = []
    parts: list[str] = []
    for match in _TOKEN_RE.finditer(run):
        raw = match.group()
        possessive = _POSSESSIVE_RE.search(raw)
        if possessive is not None:
            raw = raw[:possessive.start()]  # "Syria's Deir ez-Zor": the name is "Syria"
        folded = _fold_cached(raw)
        if not folded or " " in folded:
            continue  # an article ("al", "the"): transparent, as in the gazetteer's keys
        tokens.append((match.start(), match.start() + len(raw), raw))
        parts.append(folded)
    folded_parts = tuple(parts)
    unglued = folded_parts[:1] + tuple(_GLUED_ARTICLE_RE.sub("", part) for part in parts[1:])
    # The same tuple when nothing is unglued: _candidates then skips the variants.
    return folded_parts, folded_parts if unglued == folded_parts else unglued, tuple(tokens)


_Run = tuple[int, _RunTable]


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
        if table[2]:
            runs.append((start, table))
    return runs


_Candidate = tuple[int, int, int, list[str], str, tuple[str, ...]]


def _candidates(runs: list[_Run], matcher: Matcher) -> list[_Candidate]:
    """(start, end, token count - 1, raw tokens, key, ids) of every window of every run that
    is a text key; offsets into the text."""
    windows: dict[str, list[tuple[int, int, int]]] = {}
    for index, (_, (folded, unglued, _)) in enumerate(runs):
        for first in range(len(folded)):
            for last in range(first, min(len(folded), first + MAX_KEY_TOKENS)):
                key = " ".join(folded[first:last + 1])
                windows.setdefault(key, []).append((index, first, last))
                if unglued is not folded and (variant := " ".join(
                        [folded[first], *unglued[first + 1:last + 1]])) != key:
                    windows.setdefault(variant, []).append((index, first, last))
    found = matcher.ids(windows)
    candidates: list[_Candidate] = []
    for key, ids in found.items():
        for index, first, last in windows[key]:
            run_start, (_, _, run_tokens) = runs[index]
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
    r"[\s\u00a0]+(province|governorate|governate|oblast|district|raion|rayon|city|town|region|"
    r"mountains?)\b",
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
    "oblast": "region", "city": "city", "town": "town", "district": "district",
    "raion": "district", "rayon": "district",
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
    matcher = matcher_for(gazetteer)
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
    matcher: Matcher, text: str, spans: list[tuple[int, int, str, tuple[str, ...], str | None]],
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
        context = tuple({
            place.id: place for other, place in guesses.items()
            if place is not None and other[0] != key
        }.values())
        guess = resolved[(key, kind)]
        if len(ids) == 1 and kind is None and guess is not None and (
                not context or guess.country in {place.country for place in context}):
            continue  # the one place of its name, in a country the text is about
        if context:
            resolved[(key, kind)] = matcher.resolve(query, key, ids, kind, context)
    return resolved


_SENTENCE_START_RE = LazyRegex(r"(?:^|[.!?:\"“”]\s*|\n\s*)$")
_ARTICLE_BEFORE_RE = re.compile(r"\b(?:(?:[Aa]l|[Ee]l)[-\s\u00a0]|(?:[Aa][dnrstz]|[Aa]sh)-)$")

"""Resolve a place name to a :class:`~gazetteer.place.Place`: lookup, acceptance, ranking.

Lookup, in order of match quality: the exact folded key (:func:`gazetteer.fold.fold`), then the
phonetic skeleton keys (:func:`gazetteer.fold.query_skeletons`), and only when both find
nothing, fuzzy matching (rapidfuzz) over the folded keys of the same script, first consonant
class and similar length. Each query is also tried without its generic words ("Kirkuk
province" → "Kirkuk", a kind hint), without a directional part ("western Anbar" → "Anbar",
kept as ``qualifier``) and, for "A (B)", as A and as B ("Homs (Hims)"); the whole name wins
when it matches as well ("Sadr City", "West Bank").

Acceptance: a name that is not a place must raise :class:`UnknownPlace`, not return the least
bad candidate. A skeleton hit (same consonants) counts only when the spellings are close as well
(rapidfuzz ratio of the :func:`~gazetteer.fold.loose` keys; shorter skeletons need closer
spellings: two consonants carry little evidence). A fuzzy hit needs a ratio of ≥ 85 on the
folded key (≥ 75 when the consonant skeletons agree), the same first consonant class and a
similar length. Acronyms ("ISF", "SDF") match exact keys only. The score says how the name met:
1.0 exact, 0.95 an alias, 0.8–0.95 a skeleton hit, at most 0.75 a fuzzy one (less any hint
misfit), so a fuzzy answer never scores like an exact one.

Two names joined by a conjunction ("Iraq and Syria", "Kirkuk and Diyala", "العراق وسوريا") are
two places: when the whole name is not a place, :class:`UnknownPlace` is raised with each part as
a suggestion, so the caller resolves them one by one (answering one of the two would hide the
other; answering a third place spelled a little like both is worse).

Ranking adds to the match quality: kind hint, country hint, ``near`` distance, context (other
places of the same text: same country, same admin-1), population and the pack's focus countries.
Last, the spelling as written: the exact key folds -a/-ah/-eh together, so "Tireh" and "Tirah"
meet the same places; among the exact hits within :data:`SPELLING_BONUS` of the best, those with a
name spelled as the query (:func:`written_key`: only case, diacritics, apostrophes and articles
off) gain that little, less than any hint or context signal.
A foreign admin-1 unit met by one of its alternate names yields to no answer when the country
hint or the context points elsewhere: "Kurdistan" in a text about Iraq is the Kurdistan Region
(not a unit in the data), not Iran's Kordestan province.

Everything is in memory (:func:`gazetteer.index.load_store`): a resolution touches no SQL.
"""

from __future__ import annotations

import heapq
import math
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Indel

from contested.core.exceptions import DataError, InputError, UnknownPlace
from contested.gazetteer.fold import (
    FINAL_AH_MIN_STEM,
    fold,
    fold_token,
    is_arabic,
    loose,
    query_skeletons,
    romanize,
    skeletons,
    split_qualifier,
    tokens,
)
from contested.gazetteer.index import (
    FORM_ALIAS,
    FORM_ALIAS_SKELETON,
    FORM_EXACT,
    FORM_SKELETON,
    PlaceRow,
    Store,
    connect,
    load_store,
    row_to_place,
)
from contested.gazetteer.kinds import ADMIN1, HINT_KINDS, POPULATED, kinds_for_hint, strip_generic
from contested.gazetteer.place import Alternative, Place

MAX_NAME_LENGTH = 200
MAX_ALTERNATIVES = 5

# Match quality by how the key met (fuzzy: scaled by the rapidfuzz score).
QUALITY = {FORM_EXACT: 1.0, FORM_ALIAS: 0.95, FORM_SKELETON: 0.8, FORM_ALIAS_SKELETON: 0.76}
EXACT_FORMS = (FORM_EXACT, FORM_ALIAS)
SKELETON_FORMS = (FORM_SKELETON, FORM_ALIAS_SKELETON)
# Changing the acceptance rules changes what the index precomputes: bump
# gazetteer.index.SCHEMA_VERSION.
# Skeleton hits are graded by how close the spelling is (ratio of the loose keys) and need a
# minimum closeness that grows as the skeleton shrinks (index: consonants in the skeleton).
SKELETON_SIMILARITY_WEIGHT = 0.15
MIN_SKELETON_SIMILARITY = {1: 0.9, 2: 0.82, 3: 0.81}
MIN_SKELETON_SIMILARITY_LONG = 0.7
ARABIC_MIN_SKELETON_SIMILARITY = 0.6
# Arabic query, Latin name: the skeleton must be long enough to mean something; the spellings
# are graded through a crude romanisation (short vowels are not written, so it counts less).
CROSS_SCRIPT_BASE, CROSS_SCRIPT_WEIGHT = 0.3, 0.6
CROSS_SCRIPT_MIN_SKELETON = 3
# ... a shorter skeleton only with a romanisation this close ("الهول" / "Hol", "عانة" / "Ana"),
# and any skeleton only with some likeness ("دابق" is not "Diyarbakır": same consonants d-b-k).
CROSS_SCRIPT_MIN_RATIO_SHORT = 0.85
CROSS_SCRIPT_MIN_RATIO = 0.5
# Fuzzy acceptance (rapidfuzz ratio on folded keys, 0–100).
FUZZY_QUALITY = 0.75
FUZZY_MIN_RATIO = 85.0
FUZZY_MIN_RATIO_SKELETON_AGREES = 75.0  # ... with the same consonants in another order
FUZZY_MIN_SKELETON_AGREES = 3  # consonants, for that
FUZZY_MIN_LENGTH_RATIO = 0.75
FUZZY_MIN_LENGTH = 4
FUZZY_SHORTLIST = 12
FUZZY_MAX_POOL = 12_000  # keys scored per fuzzy query: bounds its time
SUGGESTION_CUTOFF = 55.0
# Candidates ranked in full per query: a short, common key can meet hundreds of places.
MAX_RANKED = 60

# A variant of the query pays a little, so the whole name wins ties ("West Bank").
STRIPPED_PENALTY = 0.02
QUALIFIER_PENALTY = 0.03

# Ranking weights (added to the match quality).
KIND_MATCH, KIND_MISMATCH = 0.25, -0.15
COUNTRY_MATCH, COUNTRY_MISMATCH = 0.2, -0.3
FOCUS_BONUS = 0.04
PACK_BONUS = 0.03  # world countries and US states are in the index for comparisons only
POPULATION_WEIGHT = 0.08  # × log10(population) / 7
NEAR_WEIGHT, NEAR_SCALE_KM = 0.2, 150.0
CONTEXT_COUNTRY, CONTEXT_ADMIN1 = 0.06, 0.06
PRIMARY_NAME_BONUS = 0.02  # met by its own name, not an obscure alternate one
# Among exact hits, one with a name spelled as the query is (before the -a/-ah/-eh class is
# folded: "Tirah" is not "Tireh"). Below the context, country and kind signals: it only breaks
# what would otherwise be a tie between places the folding merged.
SPELLING_BONUS = 0.03
NAMESAKE_PENALTY = 0.1  # an admin unit named like a sizeable city inside it: the city wins
UNLOCATED_PENALTY = 0.02

# Population stand-ins where the data has none (admin units, curated supplement rows), and
# floors for administrative seats (GeoNames gives many district seats population 0).
ADMIN_POPULATION = 500_000
SEAT_POPULATION = {"PPLC": 1_000_000, "PPLA": 50_000, "PPLA2": 10_000, "PPLA3": 2_000}
SUPPLEMENT_POPULATION = 20_000
NAMESAKE_MIN_POPULATION = 10_000
NAMESAKE_QUALITY_GAP = 0.06  # the city's name must match the query about as well

_CONTROL_OK = "\t\n\r"
_ISO2_RE = re.compile(r"^[A-Za-z]{2}$")
_HAS_VOWEL_RE = re.compile("[aeiouy]")
_ACRONYM_RE = re.compile(r"^[A-Z]{2,5}s?$")
_PAREN_RE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
_CONJUNCTION_RE = re.compile(r"\s+(?:and|&|or|und|et|y)\s+|\s*[&+]\s*", re.IGNORECASE)
_ARABIC_AND_RE = re.compile(r"\s+و(?=\S{3,})")
# A folded key with a token ending in the -a/-ah/-eh class: spellings may have merged there.
_MERGED_ENDING_RE = re.compile(rf"[a-z]{{{FINAL_AH_MIN_STEM}}}ah(?: |$)")


@dataclass(slots=True)
class _Hit:
    """A candidate place for one query, before ranking."""

    pid: int
    quality: float
    matched: str  # the stored name that matched
    qualifier: str | None = None
    hint: str | None = None
    score: float = 0.0  # ranking score (match quality + hints + priors)
    reported: float = 0.0  # the 0–1 score an answer carries: match quality less hint misfits
    exact: bool = False  # met by an exact or alias key (not a skeleton or fuzzy one)
    # Exact hits: (the variant's spelling, the query text it comes from), for _written_of.
    origin: tuple[str, str] | None = None


@dataclass(slots=True)
class _Context:
    countries: set[str] = field(default_factory=set)
    admin1_ids: set[str] = field(default_factory=set)


def clean_name(name: object, field_name: str = "name") -> str:
    """Validate a query: a non-empty string of printable text, at most 200 characters."""
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, not {type(name).__name__}",
                         field=field_name)
    if not name.isprintable():  # fast path: most names are printable
        for char in name:
            if unicodedata.category(char) == "Cc" and char not in _CONTROL_OK:
                raise InputError(
                    f"place name {_preview(name)} contains the control character "
                    f"U+{ord(char):04X}",
                    field=field_name, hint="remove it and retry",
                )
    text = " ".join(name.split())
    if not text:
        raise InputError("empty place name", field=field_name,
                         hint="give a name such as 'Mosul' or 'الموصل'")
    if len(text) > MAX_NAME_LENGTH:
        raise InputError(
            f"place name {_preview(text)} is {len(text)} characters long; "
            f"a place name has at most {MAX_NAME_LENGTH}",
            field=field_name, hint="pass the place name, not the text around it",
        )
    return text


def _preview(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Haversine is plenty for ranking (the geodesy rules govern areas, not this).
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _ratio(a: str, b: str) -> float:
    """rapidfuzz ``fuzz.ratio`` / 100 (normalised Indel similarity)."""
    return Indel.normalized_similarity(a, b)


@lru_cache(maxsize=65536)
def _written_tokens(name: str) -> tuple[tuple[str, str], ...]:
    """(folded, written) per token of a name that does not fold away (articles do).

    The written form is the token as :func:`gazetteer.fold.tokens` gives it (case, diacritics
    and apostrophes gone) with no transliteration class folded: "Tireh" stays "tireh" where
    its folded key is "tirah". Arabic script folds nothing more than that, so it is its key.
    """
    pairs = []
    for token in tokens(name):
        folded = fold_token(token)
        if folded:
            written = folded if is_arabic(token) else token
            pairs.append((folded, written))
    return tuple(pairs)


def written_key(name: str) -> str:
    """A name as written, lightly folded: case, diacritics, apostrophes and articles off only.

    ``written_key("Aţ Ţīrah") == "tirah"``, ``written_key("Tireh") == "tireh"``; both have the
    exact key ``"tirah"``. The resolver uses it to break ties among exact hits.
    """
    return " ".join(written for _, written in _written_tokens(name))


def _written_variant(source: str, folded_variant: str) -> str:
    """The written key of the tokens of ``source`` that make up ``folded_variant``.

    A variant of a query may be its folded key less some generic words ("Tireh district" →
    "tirah"): its written form is that of the same tokens in the query as typed.
    """
    wanted = folded_variant.split(" ")
    kept: list[str] = []
    for folded, written in _written_tokens(source):
        if len(kept) < len(wanted) and folded == wanted[len(kept)]:
            kept.append(written)
    return " ".join(kept) if len(kept) == len(wanted) else folded_variant


def _min_skeleton_similarity(skeleton_key: str) -> float:
    return MIN_SKELETON_SIMILARITY.get(len(skeleton_key), MIN_SKELETON_SIMILARITY_LONG)


def spelling_hits(folded: str, names: dict[str, tuple[tuple[int, int, str, str], ...]],
                  ) -> tuple[tuple[int, float, str], ...]:
    """(pid, match quality, matched name) of every place a folded spelling meets.

    Exact and alias keys, then skeleton keys whose spelling is close enough (module doc). A
    pure function of the folded spelling: the index precomputes it for every exact key
    (:func:`gazetteer.index.load_store`), so changing the rules here means bumping
    ``gazetteer.index.SCHEMA_VERSION``.
    """
    best: dict[int, tuple[float, str]] = {}
    for pid, form, matched, _ in names.get(folded, ()):
        if form == FORM_EXACT or form == FORM_ALIAS:
            quality = QUALITY[form]
            if pid not in best or best[pid][0] < quality:
                best[pid] = (quality, matched)
    query_arabic = is_arabic(folded)
    if query_arabic or folded.isascii():  # Hebrew, Cyrillic, ...: exact keys only
        query_loose = folded if query_arabic else loose(folded)
        query_roman = romanize(folded) if query_arabic else query_loose
        # "Krrrk": no vowel, no transliteration of anything.
        if query_arabic or _HAS_VOWEL_RE.search(query_loose):
            similarities: dict[str, float] = {}
            for skeleton_key in query_skeletons(folded):
                rows = names.get(skeleton_key)
                if not rows:
                    continue
                needed = _min_skeleton_similarity(skeleton_key)
                for pid, form, matched, matched_loose in rows:
                    if form != FORM_SKELETON and form != FORM_ALIAS_SKELETON:
                        continue
                    known = best.get(pid)
                    if known is not None and known[0] >= QUALITY[form] + (
                            SKELETON_SIMILARITY_WEIGHT):
                        continue  # already met at least as well (its exact name, usually)
                    similarity = similarities.get(matched_loose)
                    if similarity is None:
                        similarity = _skeleton_similarity(
                            query_loose, query_roman, query_arabic, matched_loose,
                            skeleton_key, needed)
                        similarities[matched_loose] = similarity
                    if similarity < 0:
                        continue
                    quality = QUALITY[form] + SKELETON_SIMILARITY_WEIGHT * similarity
                    if known is None or known[0] < quality:
                        best[pid] = (quality, matched)
    return tuple((pid, quality, matched) for pid, (quality, matched) in best.items())


def _skeleton_similarity(query_loose: str, query_roman: str, query_arabic: bool,
                         matched_loose: str, skeleton_key: str, needed: float) -> float:
    """How close a skeleton hit's spelling is to the query's (-1: not accepted)."""
    matched_latin = matched_loose.isascii()
    if query_arabic:
        if matched_latin:
            ratio = _ratio(query_roman, matched_loose)
            if ratio < (CROSS_SCRIPT_MIN_RATIO if len(skeleton_key) >= CROSS_SCRIPT_MIN_SKELETON
                        else CROSS_SCRIPT_MIN_RATIO_SHORT):
                return -1.0
            return CROSS_SCRIPT_BASE + CROSS_SCRIPT_WEIGHT * ratio
        # Arabic against Arabic: a short skeleton needs a close spelling, as in Latin ("عانة"
        # is not "آلان", whose article-stripped key is "ان").
        similarity = _ratio(query_loose, matched_loose)
        return similarity if similarity >= max(ARABIC_MIN_SKELETON_SIMILARITY, needed) else -1.0
    if not matched_latin:
        return -1.0  # a Latin query meets a place's Latin names, never its Arabic ones
    similarity = _ratio(query_loose, matched_loose)
    return similarity if similarity >= needed else -1.0


class Resolver:
    """Name lookup and ranking over one built index (see :class:`gazetteer.Gazetteer`)."""

    def __init__(self, path: Path, focus: Sequence[str] = (),
                 countries: Sequence[str] = ()) -> None:
        self.path = path
        self.focus = frozenset(focus)
        self.pack_countries = frozenset(countries)
        self._lock = threading.Lock()
        self._connection = connect(path)
        try:
            self._store: Store = load_store(self._connection)
        except (sqlite3.DatabaseError, ValueError, EOFError, TypeError, KeyError) as error:
            self._connection.close()
            raise DataError(
                f"the gazetteer index {path} cannot be read ({error}); "
                "rebuild it with `contested gazetteer build --force`",
            ) from error
        self._names = self._store.names
        self._place_cache: dict[int, PlaceRow] = {}
        self._ids = {row[1]: row[0] for row in self._store.places if row is not None}
        self._admin_points = {
            row[1]: (row[3], row[4]) for row in self._store.places
            if row is not None and row[1].startswith(("admin1:", "country:"))
        }
        self._result_cache: dict[tuple, Place] = {}
        self._priors: dict[int, float] = {}
        self._spelling_cache: dict[str, tuple[tuple[int, float, str], ...]] = {}
        self._written_names: dict[int, frozenset[str]] = {}

    # --- storage -------------------------------------------------------------------------

    def lookup_key(self, key: str) -> tuple[tuple[int, int, str, str], ...]:
        """(pid, form, matched name, aux) rows stored under a key."""
        return self._names.get(key, ())

    def place(self, pid: int) -> PlaceRow:
        row = self._place_cache.get(pid)
        if row is None:
            try:
                values = self._store.places[pid]
            except IndexError:
                values = None
            if values is None:
                raise DataError(f"the gazetteer index {self.path} has no place {pid}")
            try:
                with self._lock:
                    found = self._connection.execute(
                        "SELECT alt_names FROM places WHERE pid = ?", (pid,)).fetchone()
            except sqlite3.DatabaseError as error:
                raise DataError(f"the gazetteer index {self.path} cannot be read ({error})",
                                ) from error
            row = row_to_place((*values, found[0] if found else "[]"))
            self._place_cache[pid] = row
        return row

    def pid_of(self, place_id: str) -> int | None:
        return self._ids.get(place_id)

    def keys(self, form: str = "exact") -> Iterator[tuple[str, str]]:
        forms = EXACT_FORMS if form == "exact" else SKELETON_FORMS
        places = self._store.places
        pairs = {
            (key, places[pid][1])
            for key, rows in self._names.items()
            for pid, row_form, _, _ in rows
            if row_form in forms
        }
        yield from sorted(pairs)

    def _admin_point(self, admin1_id: str | None,
                     country: str | None) -> tuple[float | None, float | None, str]:
        if admin1_id:
            lat, lon = self._admin_points.get(f"admin1:{admin1_id}", (None, None))
            if lat is not None:
                return lat, lon, "admin1"
        if country:
            lat, lon = self._admin_points.get(f"country:{country}", (None, None))
            if lat is not None:
                return lat, lon, "country"
        return None, None, "country"

    # --- candidates ----------------------------------------------------------------------

    def _key_hits(self, text: str, exact_only: bool = False) -> dict[int, _Hit]:
        """Exact and (accepted) skeleton hits for one spelling."""
        folded = fold(text)
        if not folded:
            return {}
        hits: dict[int, _Hit] = {}
        for pid, form, matched, _ in self._names.get(folded, ()):
            if form == FORM_EXACT or form == FORM_ALIAS:
                quality = QUALITY[form]
                known = hits.get(pid)
                if known is None or known.quality < quality:
                    hits[pid] = _Hit(pid, quality, matched, exact=True)
        if exact_only:
            return hits
        if hits:
            # An exact key: what else it meets was precomputed with the index.
            found = self._store.hits.get(folded, ())
        else:
            found = self._spelling_cache.get(folded)
            if found is None:
                found = spelling_hits(folded, self._names)
                if len(self._spelling_cache) > 20_000:
                    self._spelling_cache.clear()
                self._spelling_cache[folded] = found
        for pid, quality, matched in found:
            hits[pid] = _Hit(pid, quality, matched)
        return hits

    def _fuzzy_hits(self, folded: str, limit: int = 8) -> dict[int, _Hit]:
        """Accepted fuzzy hits for a folded query (see the module doc for the rules)."""
        from rapidfuzz import fuzz, process

        hits: dict[int, _Hit] = {}
        query_keys = skeletons(folded)
        if len(folded.replace(" ", "")) < FUZZY_MIN_LENGTH or not query_keys:
            return hits
        query_skeleton = query_keys[0]
        pool = self._fuzzy_pool(folded, query_skeleton[:1], spread_share=0.25)
        if not pool:
            return hits
        shortlist = process.extract(
            folded, pool, scorer=fuzz.ratio, limit=FUZZY_SHORTLIST,
            score_cutoff=FUZZY_MIN_RATIO_SKELETON_AGREES, processor=None,
        )
        accepted = 0
        for key, score, _ in shortlist:
            shorter, longer = sorted((len(folded), len(key)))
            if shorter / longer < FUZZY_MIN_LENGTH_RATIO:
                continue
            rows = self._names.get(key, ())
            if score < FUZZY_MIN_RATIO:
                # A transposition typo ("Tirkit") keeps the consonants in another order.
                key_skeleton = next((aux for _, form, _, aux in rows if form in EXACT_FORMS),
                                    "")
                if (len(query_skeleton) < FUZZY_MIN_SKELETON_AGREES
                        or sorted(query_skeleton) != sorted(key_skeleton)):
                    continue
            accepted += 1
            for pid, form, matched, _ in rows:
                if form not in EXACT_FORMS:
                    continue
                quality = FUZZY_QUALITY * score / 100.0 * (1.0 if form == FORM_EXACT else 0.97)
                hit = hits.get(pid)
                if hit is None or hit.quality < quality:
                    hits[pid] = _Hit(pid, quality, matched)
            if accepted >= limit:
                break
        return hits

    def _fuzzy_pool(self, folded: str, first_class: str, spread_share: float) -> list[str]:
        """Keys of the query's script and first consonant class ("*": any), similar length."""
        script = "arabic" if is_arabic(folded) else "latin"
        by_length = self._store.pools.get(f"{script}:{first_class}", {})
        spread = max(2, int(len(folded) * spread_share))
        pool: list[str] = []
        # Nearest lengths first, so that the cap keeps the likeliest keys.
        for offset in range(spread + 1):
            for length in {len(folded) - offset, len(folded) + offset}:
                pool.extend(by_length.get(length, ()))
            if len(pool) >= FUZZY_MAX_POOL:
                return pool[:FUZZY_MAX_POOL]
        return pool

    def _variants(self, text: str, kind: str | None, penalty: float = 0.0,
                  ) -> list[tuple[str, str | None, str | None, float, str]]:
        """(spelling, qualifier, kind hint, penalty, the text it comes from) to try for a query."""
        variants = [(text, None, kind, penalty, text)]
        hint, bare = strip_generic(fold(text), typos=True)
        if hint is not None and bare:
            variants.append((bare, None, kind or hint, penalty + STRIPPED_PENALTY, text))
            if hint == "mountain":
                # Ranges are stored as "X Mountains" (and "Jabal X"); news also writes "X
                # Mountain", "Mount X" or "X hills": the relief form of the bare name.
                variants.append((f"{bare} mountains", None, kind or hint,
                                 penalty + STRIPPED_PENALTY, text))
        qualifier, base = split_qualifier(text)
        if qualifier is not None and base:
            base_hint, base_bare = strip_generic(fold(base), typos=True)
            variants.append((base, qualifier, kind, penalty + QUALIFIER_PENALTY, base))
            if base_hint is not None and base_bare:
                variants.append((base_bare, qualifier, kind or base_hint,
                                 penalty + QUALIFIER_PENALTY + STRIPPED_PENALTY, base))
        if penalty == 0.0:
            # "Homs (Hims)", "Hasaka (Al Haksa)": both parts name the place.
            match = _PAREN_RE.match(text)
            if match:
                for part in (match.group("outer"), match.group("inner")):
                    variants += self._variants(part.strip(), kind, STRIPPED_PENALTY)
        return variants

    def _script_parts(self, text: str) -> list[str]:
        # "Mosul الموصل": try each script's part on its own as well.
        arabic = " ".join(w for w in text.split() if is_arabic(w))
        other = " ".join(w for w in text.split() if not is_arabic(w))
        return [part for part in (arabic, other) if part and part != text]

    def candidates(self, text: str, kind: str | None = None) -> list[_Hit]:
        hits: dict[int, _Hit] = {}
        variants = self._variants(text, kind)
        # An acronym ("ISF", "SDF", "YPG") is not a transliteration: exact keys only.
        acronym = _ACRONYM_RE.match(text) is not None
        for spelling, qualifier, hint, penalty, source in variants:
            origin = (spelling, source)
            for pid, hit in self._key_hits(spelling, exact_only=acronym).items():
                quality = hit.quality - penalty
                known = hits.get(pid)
                if known is None or known.quality < quality:
                    hits[pid] = _Hit(pid, quality, hit.matched, qualifier, hint, exact=hit.exact,
                                     origin=origin if hit.exact else None)
        if not hits:
            for part in self._script_parts(text):
                for spelling, qualifier, hint, penalty, source in self._variants(part, kind):
                    origin = (spelling, source)
                    for pid, hit in self._key_hits(spelling).items():
                        quality = hit.quality - penalty - STRIPPED_PENALTY
                        known = hits.get(pid)
                        if known is None or known.quality < quality:
                            hits[pid] = _Hit(pid, quality, hit.matched, qualifier, hint,
                                             exact=hit.exact,
                                             origin=origin if hit.exact else None)
        if not hits and not acronym and not self._joined_names(text):
            # Fuzzy on the barest spelling (qualifier and generic words off).
            spelling, qualifier, hint, penalty, _ = min(
                variants, key=lambda v: len(fold(v[0])) or MAX_NAME_LENGTH)
            folded = fold(spelling)
            if folded:
                for pid, hit in self._fuzzy_hits(folded).items():
                    hits[pid] = _Hit(pid, hit.quality - penalty, hit.matched, qualifier, hint)
        # A generic word is a hint about the query, whichever spelling found the candidate
        # ("Sadr City": the whole name and the bare "Sadr" both prefer a city).
        query_hint = kind or next((h for _, _, h, _, _ in variants if h), None)
        for hit in hits.values():
            hit.hint = query_hint
        return list(hits.values())

    @staticmethod
    def _conjunction_parts(text: str) -> list[str]:
        """The names joined in "A and B" / "A & B" / "أ وب" (``[]`` when there is no join)."""
        parts = [p.strip() for p in _CONJUNCTION_RE.split(text)]
        if len(parts) < 2 and is_arabic(text):
            parts = [p.strip() for p in _ARABIC_AND_RE.split(text)]
        parts = [p for p in parts if p]
        return parts if len(parts) >= 2 else []

    def _joined_names(self, text: str) -> list[str]:
        """For "Iraq and Syria": the parts, when every part is a place on its own."""
        parts = self._conjunction_parts(text)
        if not parts:
            return []
        for part in parts:
            if not any(self._key_hits(spelling)
                       for spelling, *_ in self._variants(part, None)):
                return []
        return parts

    # --- ranking -------------------------------------------------------------------------

    def _rank(self, hits: list[_Hit], country: str | None, near: tuple[float, float] | None,
              context: _Context) -> list[_Hit]:
        if len(hits) > MAX_RANKED:
            hits = self._shortlist(hits, country)
        places = {hit.pid: self.place(hit.pid) for hit in hits}
        # Populated places by admin-1 unit, for the namesake rule (only admin units need it).
        namesake_cities: dict[str, float] = {}
        if len(hits) > 1 and any(places[hit.pid].kind in ADMIN1 for hit in hits):
            for hit in hits:
                place = places[hit.pid]
                if (place.kind in POPULATED and place.admin1_id
                        and place.population >= NAMESAKE_MIN_POPULATION):
                    namesake_cities[place.admin1_id] = max(
                        namesake_cities.get(place.admin1_id, 0.0), hit.quality
                    )
        kinds = kinds_for_hint(hits[0].hint)  # one hint per query
        for hit in hits:
            place = places[hit.pid]
            score = hit.quality + self._prior(place)
            misfit = 0.0
            if kinds is not None:
                if place.kind in kinds:
                    score += KIND_MATCH
                else:
                    score += KIND_MISMATCH
                    misfit += KIND_MISMATCH
            elif namesake_cities and place.kind in ADMIN1 and namesake_cities.get(
                place.admin1_id or "", -1.0
            ) >= hit.quality - NAMESAKE_QUALITY_GAP:
                score -= NAMESAKE_PENALTY
            if country is not None:
                if place.country == country:
                    score += COUNTRY_MATCH
                else:
                    score += COUNTRY_MISMATCH
                    misfit += COUNTRY_MISMATCH
            if near is not None and place.lat is not None and place.lon is not None:
                distance = _distance_km(near[0], near[1], place.lat, place.lon)
                score += NEAR_WEIGHT * math.exp(-distance / NEAR_SCALE_KM)
            if context.countries and place.country in context.countries:
                score += CONTEXT_COUNTRY
            if context.admin1_ids and place.admin1_id in context.admin1_ids:
                score += CONTEXT_ADMIN1
            if hit.matched == place.name:
                score += PRIMARY_NAME_BONUS
            hit.score = score
            quality = hit.quality + misfit
            hit.reported = quality if 0.0 <= quality <= 1.0 else _clamp(quality)
        if len(hits) == 1:
            return hits
        for hit in self._spelled_as_written(hits, places):
            hit.score += SPELLING_BONUS
        ranked = sorted(hits, key=lambda h: (-h.score, places[h.pid].id))
        return _prefer_located(ranked, places)

    def _spelled_as_written(self, hits: list[_Hit], places: dict[int, PlaceRow]) -> list[_Hit]:
        """The exact hits that earn the spelling bonus (hits already scored without it).

        Only keys with a token in the -a/-ah/-eh class carry a written form (see
        :func:`_written_of`): elsewhere every exact hit is spelled as the query, folded alike.
        The bonus decides close calls, so only exact hits within it of the best score are
        looked at (a place's names are read in full only then), and it goes to those with a
        name spelled as the query when some of them have none.
        """
        best = max(hit.score for hit in hits)
        close = [hit for hit in hits
                 if hit.origin is not None and hit.score >= best - SPELLING_BONUS]
        if len(close) < 2:
            return []
        carriers = []
        for hit in close:
            written = _written_of(*hit.origin)  # type: ignore[misc]
            if written is None:  # no merged spellings: its names are spelled as its key
                carriers.append(hit)
            elif written_key(hit.matched) == written or written in self._names_as_written(
                    places[hit.pid]):
                carriers.append(hit)
        return carriers if len(carriers) < len(close) else []

    def _names_as_written(self, place: PlaceRow) -> frozenset[str]:
        """The :func:`written_key` of every name of a place (cached per place)."""
        found = self._written_names.get(place.pid)
        if found is None:
            keys = set()
            for name in (place.name, *place.alt_names):
                if not isinstance(name, str):
                    continue
                match = _PAREN_RE.match(name)
                parts = (match.group("outer"), match.group("inner")) if match else (name,)
                keys.update(written_key(part) for part in parts)
            found = frozenset(keys)
            if len(self._written_names) > 50_000:
                self._written_names.clear()
            self._written_names[place.pid] = found
        return found

    def _prior(self, place: PlaceRow) -> float:
        """The query-independent part of a place's ranking score (cached per place)."""
        prior = self._priors.get(place.pid)
        if prior is None:
            prior = POPULATION_WEIGHT * _log_population(place)
            if place.country in self.focus:
                prior += FOCUS_BONUS
            if place.country in self.pack_countries:
                prior += PACK_BONUS
            if place.lat is None:
                prior -= UNLOCATED_PENALTY
            self._priors[place.pid] = prior
        return prior

    def _shortlist(self, hits: list[_Hit], country: str | None) -> list[_Hit]:
        """The MAX_RANKED likeliest hits by match quality, hinted country and size."""
        def prior(hit: _Hit) -> float:
            place = self.place(hit.pid)
            bonus = COUNTRY_MATCH if country is not None and place.country == country else 0.0
            if place.country in self.focus:
                bonus += FOCUS_BONUS
            return hit.quality + bonus + POPULATION_WEIGHT * _log_population(place)

        return heapq.nlargest(MAX_RANKED, hits, key=prior)

    def _context(self, context: Iterable[object]) -> _Context:
        result = _Context()
        for item in context:
            if isinstance(item, Place):
                place: Place | None = item
            elif isinstance(item, str) and item.strip():
                try:
                    place = self.resolve(item, context=())
                except (UnknownPlace, InputError):
                    place = None
            else:
                place = None
            if place is None:
                continue
            if place.country:
                result.countries.add(place.country)
            if place.admin1_id:
                result.admin1_ids.add(place.admin1_id)
        return result

    def _foreign_unit_misread(self, ranked: list[_Hit], country: str | None,
                              context: _Context) -> list[_Hit]:
        """Drop foreign admin-1 units met by an alternate name when the text points elsewhere.

        "Kurdistan" is an alternate name of Iran's Kordestan province; in a text about Iraq it
        means the Kurdistan Region, which is not a unit of the data: no answer beats Iran.
        """
        expected = {country} if country else context.countries
        if not expected:
            return ranked

        def misread(hit: _Hit) -> bool:
            place = self.place(hit.pid)
            return (place.id.startswith("admin1:") and place.country not in expected
                    and hit.matched != place.name and hit.hint is None)

        if not misread(ranked[0]):
            return ranked
        return [hit for hit in ranked if not misread(hit)]

    # --- answers -------------------------------------------------------------------------

    def resolve(
        self,
        name: str,
        country: str | None = None,
        kind: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[object] = (),
    ) -> Place:
        text = clean_name(name)
        country = clean_country(country)
        kind = clean_kind(kind)
        near = clean_near(near)
        context = tuple(context or ())
        cache_key = (text, country, kind, near,
                     tuple(_context_key(c) for c in context) if context else ())
        cached = self._result_cache.get(cache_key)
        if cached is not None:
            return cached if cached.query == name else _with_query(cached, name)
        hits = self.candidates(text, kind)
        if not hits:
            joined = self._joined_names(text)
            if joined:
                raise UnknownPlace(name, joined)
            raise UnknownPlace(name, self.suggestions(text))
        place_context = self._context(context) if context else _Context()
        ranked = self._rank(hits, country, near, place_context)
        kept = self._foreign_unit_misread(ranked, country, place_context)
        if not kept:
            best = self.place(ranked[0].pid)
            raise UnknownPlace(name, [f"{best.name} ({best.country})"])
        place = self._to_place(name, kept)
        if len(self._result_cache) > 50_000:
            self._result_cache.clear()
        self._result_cache[cache_key] = place
        return place

    def clear_cache(self) -> None:
        """Forget cached answers (benchmarks measure first-time resolutions with this)."""
        self._result_cache.clear()

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process

        _, base = split_qualifier(text)
        _, bare = strip_generic(fold(base))
        if not bare:
            return []
        keys = skeletons(bare)
        pool = self._fuzzy_pool(bare, keys[0][:1] if keys else "*", spread_share=0.4)
        matches = process.extract(bare, pool, scorer=fuzz.ratio, limit=limit * 3,
                                  score_cutoff=SUGGESTION_CUTOFF, processor=None)
        if not matches:
            pool = self._fuzzy_pool(bare, "*", spread_share=0.0)
            matches = process.extract(bare, pool, scorer=fuzz.ratio, limit=limit * 3,
                                      score_cutoff=SUGGESTION_CUTOFF, processor=None)
        names: list[str] = []
        for key, _, _ in matches:
            rows = [row for row in self._names.get(key, ()) if row[1] in EXACT_FORMS]
            if not rows:
                continue
            place = max((self.place(row[0]) for row in rows), key=_log_population)
            label = place.name if place.country is None else f"{place.name} ({place.country})"
            if label not in names:
                names.append(label)
        return names[:limit]

    def get(self, place_id: str) -> Place:
        pid = self.pid_of(place_id)
        if pid is None:
            raise UnknownPlace(place_id)
        return self._to_place(place_id, [_Hit(pid, 1.0, self.place(pid).name, score=1.0,
                                                  reported=1.0)])

    def _to_place(self, query: str, ranked: list[_Hit]) -> Place:
        best = ranked[0]
        row = self.place(best.pid)
        lat, lon, precision = row.lat, row.lon, _precision(row)
        if lat is None or lon is None:
            lat, lon, precision = self._admin_point(row.admin1_id, row.country)
        alternatives = []
        for hit in ranked[1:1 + MAX_ALTERNATIVES]:
            alt = self.place(hit.pid)
            alt_lat, alt_lon = alt.lat, alt.lon
            if alt_lat is None:
                alt_lat, alt_lon, _ = self._admin_point(alt.admin1_id, alt.country)
            alternatives.append(Alternative(
                name=alt.name, lat=alt_lat, lon=alt_lon, country=alt.country, kind=alt.kind,
                score=hit.reported, id=alt.id,
            ))
        return Place(
            query=query, name=row.name, lat=lat, lon=lon, country=row.country, admin1=row.admin1,
            kind=row.kind, id=row.id, score=best.reported, precision=precision,
            alternatives=tuple(alternatives), admin1_id=row.admin1_id, qualifier=best.qualifier,
            population=row.population, alt_names=row.alt_names,
        )


def _written_of(spelling: str, source: str) -> str | None:
    """The written key of a query variant whose folded key may have merged spellings, or None."""
    folded = fold(spelling)
    if not _MERGED_ENDING_RE.search(folded):
        return None
    return _written_variant(source, folded)


def _precision(row: PlaceRow) -> str:
    """How exactly a located row is located: a country's or admin unit's point is a label."""
    if row.kind == "country" or row.id.startswith("country:"):
        return "country"
    if row.id.startswith(("admin1:", "usstate:")):
        return "admin1"
    return "point"


def _prefer_located(ranked: list[_Hit], places: dict[int, PlaceRow]) -> list[_Hit]:
    """An unlocated winner yields to a well-matched, located place of its own admin-1 unit.

    A curated row without coordinates (supplement "Rayhana") and a GeoNames place spelled alike
    in the same governorate ("Ar Rayhanah") are one place: answer with the published point.
    """
    best = places[ranked[0].pid]
    if best.lat is not None or not best.admin1_id:
        return ranked
    for index, hit in enumerate(ranked[1:], start=1):
        place = places[hit.pid]
        if (place.lat is not None and place.admin1_id == best.admin1_id
                and place.kind in POPULATED and hit.quality >= QUALITY[FORM_SKELETON]):
            # Same place: it keeps the name match of the curated row.
            hit.reported = max(hit.reported, ranked[0].reported)
            return [hit, *ranked[:index], *ranked[index + 1:]]
    return ranked


def _population(place: PlaceRow) -> int:
    seat = SEAT_POPULATION.get(place.feature_code or "", 0)
    if place.population or seat:
        return max(place.population, seat)
    if place.kind in ADMIN1 or place.id.startswith("admin1:"):
        return ADMIN_POPULATION
    if place.id.startswith("supplement:"):
        return SUPPLEMENT_POPULATION
    return 1


def _log_population(place: PlaceRow) -> float:
    """log10 of the (stand-in) population / 7: a 0–1 size prior."""
    return math.log10(max(_population(place), 1)) / 7.0


def _clamp(score: float) -> float:
    return max(0.0, min(1.0, score))


def _with_query(place: Place, query: str) -> Place:
    from dataclasses import replace

    return replace(place, query=query)


def _context_key(item: object) -> object:
    return item.id if isinstance(item, Place) else item


def clean_country(country: str | None) -> str | None:
    if country is None or country == "":
        return None
    if not isinstance(country, str) or not _ISO2_RE.match(country.strip()):
        raise InputError(f"country {country!r} is not an ISO 3166-1 alpha-2 code",
                         field="country", hint="use a two-letter code such as IQ or SY")
    return country.strip().upper()


def clean_kind(kind: str | None) -> str | None:
    if kind is None or kind == "":
        return None
    normalized = str(kind).strip().lower()
    if normalized not in HINT_KINDS:
        raise InputError(f"unknown kind {kind!r}", field="kind",
                         hint="one of " + ", ".join(sorted(HINT_KINDS)))
    return normalized


def clean_near(near: object) -> tuple[float, float] | None:
    if near is None:
        return None
    try:
        lat, lon = (float(v) for v in near)  # type: ignore[union-attr]
    except (TypeError, ValueError) as error:
        raise InputError(f"near {near!r} is not a (lat, lon) pair", field="near",
                         hint="for example near=(36.34, 43.13)") from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"near ({lat}, {lon}) is outside lat ±90 / lon ±180", field="near")
    return lat, lon


__all__ = [
    "MAX_NAME_LENGTH", "Resolver", "clean_country", "clean_kind", "clean_name", "clean_near",
    "spelling_hits",
]

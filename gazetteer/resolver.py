"""Resolve a place name to a :class:`~gazetteer.place.Place`: lookup, then ranking.

Lookup, in order of match quality: the exact folded key (:func:`gazetteer.fold.fold`), then the
phonetic skeleton keys (:func:`gazetteer.fold.skeletons`), and only when both find nothing,
fuzzy matching (rapidfuzz) over the folded keys of the same script and similar length.
Each query is also tried without its generic words ("Kirkuk province" → "Kirkuk", a kind hint)
and without a directional part ("western Anbar" → "Anbar", kept as ``qualifier``); the whole
name wins when it matches as well ("Sadr City", "West Bank").

Ranking adds to the match quality: kind hint, country hint, ``near`` distance, context (other
places of the same text: same country, same admin-1), population and the pack's focus countries.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.exceptions import DataError, InputError, UnknownPlace
from gazetteer.fold import fold, is_arabic, loose, skeletons, split_qualifier
from gazetteer.index import (
    FORM_ALIAS,
    FORM_ALIAS_SKELETON,
    FORM_EXACT,
    FORM_SKELETON,
    PLACE_SELECT,
    PlaceRow,
    connect,
    row_to_place,
)
from gazetteer.kinds import ADMIN1, HINT_KINDS, POPULATED, kinds_for_hint, strip_generic
from gazetteer.place import Alternative, Place

MAX_NAME_LENGTH = 200
MAX_ALTERNATIVES = 5

# Match quality by how the key met (fuzzy: scaled by the rapidfuzz score).
QUALITY = {FORM_EXACT: 1.0, FORM_ALIAS: 0.95, FORM_SKELETON: 0.8, FORM_ALIAS_SKELETON: 0.76}
# Skeleton hits are graded by how close the spelling is (rapidfuzz ratio of the folded keys).
SKELETON_SIMILARITY_WEIGHT = 0.15
MIN_SKELETON_SIMILARITY = 0.5
CROSS_SCRIPT_SIMILARITY = 0.5  # Arabic query, Latin-only name: the skeleton is all we have
FUZZY_QUALITY = 0.75
FUZZY_CUTOFF = 70.0
FUZZY_SHORTLIST = 40
SUGGESTION_CUTOFF = 55.0

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


@dataclass(slots=True)
class _Context:
    countries: set[str] = field(default_factory=set)
    admin1_ids: set[str] = field(default_factory=set)


def clean_name(name: object, field_name: str = "name") -> str:
    """Validate a query: a non-empty string of printable text, at most 200 characters."""
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, not {type(name).__name__}",
                         field=field_name)
    for char in name:
        if unicodedata.category(char) == "Cc" and char not in _CONTROL_OK:
            raise InputError(
                f"place name {_preview(name)} contains the control character U+{ord(char):04X}",
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


class Resolver:
    """Name lookup and ranking over one built index (see :class:`gazetteer.Gazetteer`)."""

    def __init__(self, path: Path, focus: Sequence[str] = (),
                 countries: Sequence[str] = ()) -> None:
        self.path = path
        self.focus = frozenset(focus)
        self.pack_countries = frozenset(countries)
        self._connection = connect(path)
        self._lock = threading.Lock()
        self._key_cache: dict[str, tuple[tuple[int, int, str], ...]] = {}
        self._place_cache: dict[int, PlaceRow] = {}
        self._id_cache: dict[str, int] = {}
        self._admin_points: dict[str, tuple[float | None, float | None]] | None = None
        self._fuzzy_pools: dict[tuple[str, str], dict[int, list[str]]] | None = None
        self._result_cache: dict[tuple, Place] = {}

    # --- storage -------------------------------------------------------------------------

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._connection.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise DataError(
                f"the gazetteer index {self.path} cannot be read ({error})",
            ) from error

    def lookup_key(self, key: str) -> tuple[tuple[int, int, str], ...]:
        """(pid, form, matched name) rows stored under a key (cached)."""
        cached = self._key_cache.get(key)
        if cached is None:
            cached = tuple(self._query("SELECT pid, form, name FROM names WHERE key = ?", (key,)))
            if len(self._key_cache) > 200_000:
                self._key_cache.clear()
            self._key_cache[key] = cached
        return cached

    def place(self, pid: int) -> PlaceRow:
        row = self._place_cache.get(pid)
        if row is None:
            rows = self._query(f"{PLACE_SELECT} WHERE pid = ?", (pid,))
            if not rows:
                raise DataError(f"the gazetteer index {self.path} has no place {pid}")
            row = row_to_place(rows[0])
            self._place_cache[pid] = row
        return row

    def load_places(self, pids: Iterable[int]) -> None:
        """Fetch the rows of these places into the cache with one query."""
        missing = [pid for pid in set(pids) if pid not in self._place_cache]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._query(f"{PLACE_SELECT} WHERE pid IN ({marks})", tuple(chunk)):
                place = row_to_place(row)
                self._place_cache[place.pid] = place

    def pid_of(self, place_id: str) -> int | None:
        if place_id not in self._id_cache:
            rows = self._query("SELECT pid FROM places WHERE id = ?", (place_id,))
            if not rows:
                return None
            self._id_cache[place_id] = rows[0][0]
        return self._id_cache[place_id]

    def keys(self, form: str = "exact") -> Iterator[tuple[str, str]]:
        forms = (FORM_EXACT, FORM_ALIAS) if form == "exact" else (FORM_SKELETON,
                                                                   FORM_ALIAS_SKELETON)
        rows = self._query(
            "SELECT DISTINCT names.key, places.id FROM names JOIN places USING (pid) "
            "WHERE names.form IN (?, ?) ORDER BY names.key, places.id",
            forms,
        )
        yield from rows

    def _admin_point(self, admin1_id: str | None,
                     country: str | None) -> tuple[float | None, float | None, str]:
        if self._admin_points is None:
            rows = self._query(
                "SELECT id, lat, lon FROM places WHERE id LIKE 'admin1:%' OR id LIKE 'country:%'"
            )
            self._admin_points = {place_id: (lat, lon) for place_id, lat, lon in rows}
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

    def _key_hits(self, text: str) -> dict[int, _Hit]:
        """Exact and skeleton hits for one spelling."""
        hits: dict[int, _Hit] = {}
        folded = fold(text)
        if not folded:
            return hits
        for pid, form, matched in self.lookup_key(folded):
            quality = QUALITY[form]
            if pid not in hits or hits[pid].quality < quality:
                hits[pid] = _Hit(pid, quality, matched)
        query_arabic = is_arabic(folded)
        for skeleton_key in skeletons(text):
            for pid, form, matched in self.lookup_key(skeleton_key):
                if form not in (FORM_SKELETON, FORM_ALIAS_SKELETON):
                    continue
                matched_folded = fold(matched)
                if is_arabic(matched_folded) == query_arabic:
                    similarity = _ratio(loose(folded), loose(matched_folded))
                    if similarity < MIN_SKELETON_SIMILARITY:
                        continue  # same consonants, different word ("Xyzzyq" ≠ "Khozāq")
                else:
                    similarity = CROSS_SCRIPT_SIMILARITY
                quality = QUALITY[form] + SKELETON_SIMILARITY_WEIGHT * similarity
                if pid not in hits or hits[pid].quality < quality:
                    hits[pid] = _Hit(pid, quality, matched)
        return hits

    def _fuzzy_hits(self, folded: str, cutoff: float, limit: int = 8,
                    everywhere: bool = False) -> dict[int, _Hit]:
        from rapidfuzz import fuzz, process

        hits: dict[int, _Hit] = {}
        pool = self._fuzzy_pool(folded, everywhere)
        if not pool:
            return hits
        # Shortlist with the cheap Indel ratio, then grade the shortlist with WRatio (which also
        # credits partial and token-order matches): the same answers at a fraction of the cost.
        shortlist = process.extract(
            folded, pool, scorer=fuzz.ratio, limit=FUZZY_SHORTLIST,
            score_cutoff=max(0.0, cutoff - 25.0), processor=None,
        )
        graded = sorted(
            ((key, fuzz.WRatio(folded, key)) for key, _, _ in shortlist),
            key=lambda item: -item[1],
        )
        matches = [(key, score) for key, score in graded if score >= cutoff][:limit]
        for key, score in matches:
            for pid, form, matched in self.lookup_key(key):
                if form not in (FORM_EXACT, FORM_ALIAS):
                    continue
                quality = FUZZY_QUALITY * score / 100.0 * (1.0 if form == FORM_EXACT else 0.97)
                if pid not in hits or hits[pid].quality < quality:
                    hits[pid] = _Hit(pid, quality, matched)
        return hits

    def _fuzzy_pool(self, folded: str, everywhere: bool = False) -> list[str]:
        """Candidate keys for fuzzy matching a folded query.

        Same script, length within ~40% of the query's, and (unless ``everywhere``) the same
        first consonant class ("Erbli" and "Irbil" both start with r): a misspelling seldom
        changes the first consonant, and the pool shrinks twentyfold.
        """
        if self._fuzzy_pools is None:
            pools: dict[tuple[str, str], dict[int, list[str]]] = {}
            rows = self._query(
                "SELECT DISTINCT key FROM names WHERE form IN (?, ?)", (FORM_EXACT, FORM_ALIAS)
            )
            for (key,) in rows:
                script = "arabic" if is_arabic(key) else "latin" if key.isascii() else None
                if script is None:
                    continue
                for bucket in (_first_class(key), "*"):
                    pools.setdefault((script, bucket), {}).setdefault(len(key), []).append(key)
            self._fuzzy_pools = pools
        script = "arabic" if is_arabic(folded) else "latin"
        bucket = "*" if everywhere else _first_class(folded)
        by_length = self._fuzzy_pools.get((script, bucket), {})
        spread = max(2, int(len(folded) * 0.4))
        pool: list[str] = []
        for length in range(max(1, len(folded) - spread), len(folded) + spread + 1):
            pool.extend(by_length.get(length, ()))
        return pool

    def _variants(self, text: str, kind: str | None) -> list[tuple[str, str | None, str | None,
                                                                  float]]:
        """(spelling, qualifier, kind hint, penalty) to try for a query."""
        variants = [(text, None, kind, 0.0)]
        hint, bare = strip_generic(fold(text), typos=True)
        if hint is not None and bare:
            variants.append((bare, None, kind or hint, STRIPPED_PENALTY))
        qualifier, base = split_qualifier(text)
        if qualifier is not None and base:
            base_hint, base_bare = strip_generic(fold(base), typos=True)
            variants.append((base, qualifier, kind, QUALIFIER_PENALTY))
            if base_hint is not None and base_bare:
                variants.append((base_bare, qualifier, kind or base_hint,
                                 QUALIFIER_PENALTY + STRIPPED_PENALTY))
        return variants

    def _script_parts(self, text: str) -> list[str]:
        # "Mosul الموصل": try each script's part on its own as well.
        arabic = " ".join(w for w in text.split() if is_arabic(w))
        other = " ".join(w for w in text.split() if not is_arabic(w))
        return [part for part in (arabic, other) if part and part != text]

    def candidates(self, text: str, kind: str | None = None) -> list[_Hit]:
        hits: dict[int, _Hit] = {}
        variants = self._variants(text, kind)
        for spelling, qualifier, hint, penalty in variants:
            for pid, hit in self._key_hits(spelling).items():
                quality = hit.quality - penalty
                if pid not in hits or hits[pid].quality < quality:
                    hits[pid] = _Hit(pid, quality, hit.matched, qualifier, hint)
        if not hits:
            for part in self._script_parts(text):
                for spelling, qualifier, hint, penalty in self._variants(part, kind):
                    for pid, hit in self._key_hits(spelling).items():
                        quality = hit.quality - penalty - STRIPPED_PENALTY
                        if pid not in hits or hits[pid].quality < quality:
                            hits[pid] = _Hit(pid, quality, hit.matched, qualifier, hint)
        if not hits:
            # Fuzzy on the barest spelling (qualifier and generic words off).
            spelling, qualifier, hint, penalty = variants[-1]
            folded = fold(spelling)
            if folded:
                for pid, hit in self._fuzzy_hits(folded, FUZZY_CUTOFF).items():
                    hits[pid] = _Hit(pid, hit.quality - penalty, hit.matched, qualifier, hint)
        # A generic word is a hint about the query, whichever spelling found the candidate
        # ("Sadr City": the whole name and the bare "Sadr" both prefer a city).
        query_hint = kind or next((h for _, _, h, _ in variants if h), None)
        for hit in hits.values():
            hit.hint = query_hint
        return list(hits.values())

    # --- ranking -------------------------------------------------------------------------

    def _rank(self, hits: list[_Hit], country: str | None, near: tuple[float, float] | None,
              context: _Context) -> list[_Hit]:
        self.load_places(hit.pid for hit in hits)
        places = {hit.pid: self.place(hit.pid) for hit in hits}
        # Populated places by admin-1 unit, for the namesake rule.
        namesake_cities: dict[str, float] = {}
        for hit in hits:
            place = places[hit.pid]
            if (place.kind in POPULATED and place.admin1_id
                    and place.population >= NAMESAKE_MIN_POPULATION):
                namesake_cities[place.admin1_id] = max(
                    namesake_cities.get(place.admin1_id, 0.0), hit.quality
                )
        for hit in hits:
            place = places[hit.pid]
            score = hit.quality
            misfit = 0.0
            kinds = kinds_for_hint(hit.hint)
            if kinds is not None:
                if place.kind in kinds:
                    score += KIND_MATCH
                else:
                    score += KIND_MISMATCH
                    misfit += KIND_MISMATCH
            elif place.kind in ADMIN1 and namesake_cities.get(place.admin1_id or "", -1.0) >= (
                hit.quality - NAMESAKE_QUALITY_GAP
            ):
                score -= NAMESAKE_PENALTY
            if country is not None:
                if place.country == country:
                    score += COUNTRY_MATCH
                else:
                    score += COUNTRY_MISMATCH
                    misfit += COUNTRY_MISMATCH
            if place.country in self.focus:
                score += FOCUS_BONUS
            if place.country in self.pack_countries:
                score += PACK_BONUS
            score += POPULATION_WEIGHT * math.log10(max(_population(place), 1)) / 7.0
            if near is not None and place.lat is not None and place.lon is not None:
                distance = _distance_km(near[0], near[1], place.lat, place.lon)
                score += NEAR_WEIGHT * math.exp(-distance / NEAR_SCALE_KM)
            if place.country in context.countries:
                score += CONTEXT_COUNTRY
            if place.admin1_id and place.admin1_id in context.admin1_ids:
                score += CONTEXT_ADMIN1
            if place.lat is None:
                score -= UNLOCATED_PENALTY
            hit.score = score
            hit.reported = _clamp(hit.quality + misfit)
        ranked = sorted(hits, key=lambda h: (-h.score, places[h.pid].id))
        return _prefer_located(ranked, places)

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
        # Spellings that fold alike resolve alike: cache on the folded text.
        cache_key = (fold(text), country, kind, near, tuple(_context_key(c) for c in context))
        cached = self._result_cache.get(cache_key)
        if cached is not None:
            return cached if cached.query == name else _with_query(cached, name)
        hits = self.candidates(text, kind)
        if not hits:
            raise UnknownPlace(name, self.suggestions(text))
        ranked = self._rank(hits, country, near, self._context(context))
        place = self._to_place(name, ranked)
        if len(self._result_cache) > 50_000:
            self._result_cache.clear()
        self._result_cache[cache_key] = place
        return place

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        _, base = split_qualifier(text)
        _, bare = strip_generic(fold(base))
        if not bare:
            return []
        hits = self._fuzzy_hits(bare, SUGGESTION_CUTOFF, limit=limit * 3)
        if not hits:
            hits = self._fuzzy_hits(bare, SUGGESTION_CUTOFF, limit=limit * 3, everywhere=True)
        names: list[str] = []
        for hit in sorted(hits.values(), key=lambda h: -h.quality):
            place = self.place(hit.pid)
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
        lat, lon, precision = row.lat, row.lon, "point"
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


def _first_class(folded: str) -> str:
    """The consonant class a folded key starts with ("" when it has none)."""
    keys = skeletons(folded)
    return keys[0][:1] if keys else ""


def _population(place: PlaceRow) -> int:
    seat = SEAT_POPULATION.get(place.feature_code or "", 0)
    if place.population or seat:
        return max(place.population, seat)
    if place.kind in ADMIN1 or place.id.startswith("admin1:"):
        return ADMIN_POPULATION
    if place.id.startswith("supplement:"):
        return SUPPLEMENT_POPULATION
    return 1


def _ratio(a: str, b: str) -> float:
    from rapidfuzz.fuzz import ratio

    return ratio(a, b) / 100.0


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
]

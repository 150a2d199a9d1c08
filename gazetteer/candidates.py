"""The places a query may mean, before ranking: exact, skeleton and fuzzy hits.

Lookup, in order of match quality: the exact folded key (:func:`gazetteer.fold.fold`), then the
phonetic skeleton keys (:mod:`gazetteer.spelling`), and only when both find nothing, fuzzy
matching (rapidfuzz) over the folded keys of notable places of the same script, first consonant
class and similar length. Each query is also tried without its generic words ("Kirkuk
province" → "Kirkuk", a kind hint), without a directional part ("western Anbar" → "Anbar", kept
as ``qualifier``) and, for "A (B)", as A and as B ("Homs (Hims)"); the whole name wins when it
matches as well ("Sadr City", "West Bank").

A fuzzy hit needs a ratio of ≥ 85 on the folded key (≥ 75 when the consonant skeletons agree),
the same first consonant class and a similar length; acronyms ("ISF", "SDF") match exact keys
only. Two names joined by a conjunction ("Iraq and Syria", "العراق وسوريا") are two places: when
the whole name is not a place the caller is told the parts (:meth:`Candidates.joined_names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.gazetteer.fold import fold, is_arabic, query_skeletons, skeletons, split_qualifier
from contested.gazetteer.kinds import strip_generic
from contested.gazetteer.query import MAX_NAME_LENGTH
from contested.gazetteer.spelling import (
    EXACT_FORMS,
    FORM_EXACT,
    SpellingHit,
    exact_hits,
    spelling_hits,
)
from contested.gazetteer.store import Store

FUZZY_QUALITY = 0.75
FUZZY_MIN_RATIO = 85.0
# Outside the pack's region a fuzzy match must be closer: a stable spelling misread by a
# letter or two, not a different word ("Blorfington" is not Burlington).
FUZZY_MIN_RATIO_ABROAD = 88.0
FUZZY_MIN_RATIO_SKELETON_AGREES = 75.0  # ... with the same consonants in another order
FUZZY_MIN_SKELETON_AGREES = 3  # consonants, for that
FUZZY_MIN_LENGTH_RATIO = 0.75
FUZZY_MIN_LENGTH = 4
FUZZY_SHORTLIST = 12
FUZZY_MAX_POOL = 12_000  # keys scored per fuzzy query: bounds its time
FUZZY_ACCEPTED = 8
# A variant of the query pays a little, so the whole name wins ties ("West Bank").
STRIPPED_PENALTY = 0.02
QUALIFIER_PENALTY = 0.03

_ACRONYM_RE = re.compile(r"^[A-Z]{2,5}s?$")
_PAREN_RE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")
_CONJUNCTION_RE = re.compile(r"\s+(?:and|&|or|und|et|y)\s+|\s*[&+]\s*", re.IGNORECASE)
_ARABIC_AND_RE = re.compile(r"\s+و(?=\S{3,})")


@dataclass(slots=True)
class Hit:
    """A candidate place for one query, before and after ranking."""

    pid: int
    quality: float  # how the name met: 1.0 exact, 0.95 alias, 0.8–0.95 skeleton, ≤ 0.75 fuzzy
    matched: str  # the stored name that matched
    qualifier: str | None = None
    hint: str | None = None
    score: float = 0.0  # ranking score (match quality + hints + priors)
    reported: float = 0.0  # the match quality less hint misfits (calibrated later)
    exact: bool = False  # met by an exact or alias key (not a skeleton or fuzzy one)
    fuzzy: bool = False
    # Exact hits: (the variant's spelling, the query text it comes from), for the tie-break.
    origin: tuple[str, str] | None = None


Variant = tuple[str, str | None, str | None, float, str]


class Candidates:
    """Finds the hits of a query in one store (spelling results cached per folded key)."""

    def __init__(self, store: Store, home: frozenset[str] = frozenset()) -> None:
        self.store = store
        self.home = home  # the pack's region: looser fuzzy matching there
        self._spelling_cache: dict[str, tuple[SpellingHit, ...]] = {}

    def find(self, text: str, kind: str | None = None) -> list[Hit]:
        """Every accepted hit of a query, each carrying the query's kind hint."""
        variants = self.variants(text, kind)
        acronym = _ACRONYM_RE.match(text) is not None
        hits = self._variant_hits(variants, exact_only=acronym)
        if not hits:
            for part in self._script_parts(text):
                for pid, hit in self._variant_hits(self.variants(part, kind),
                                                   penalty=STRIPPED_PENALTY).items():
                    if pid not in hits or hits[pid].quality < hit.quality:
                        hits[pid] = hit
        if not hits and not acronym and not self.joined_names(text):
            hits = self._fuzzy_variant_hits(variants)
        # A generic word is a hint about the query, whichever spelling found the candidate
        # ("Sadr City": the whole name and the bare "Sadr" both prefer a city).
        query_hint = kind or next((h for _, _, h, _, _ in variants if h), None)
        for hit in hits.values():
            hit.hint = query_hint
        return list(hits.values())

    def _variant_hits(self, variants: list[Variant], exact_only: bool = False,
                      penalty: float = 0.0) -> dict[int, Hit]:
        hits: dict[int, Hit] = {}
        for spelling, qualifier, hint, variant_penalty, source in variants:
            for pid, hit in self.key_hits(spelling, exact_only=exact_only).items():
                quality = hit.quality - variant_penalty - penalty
                known = hits.get(pid)
                if known is None or known.quality < quality:
                    hits[pid] = Hit(pid, quality, hit.matched, qualifier, hint, exact=hit.exact,
                                    origin=(spelling, source) if hit.exact else None)
        return hits

    def _fuzzy_variant_hits(self, variants: list[Variant]) -> dict[int, Hit]:
        # Fuzzy on the barest spelling (qualifier and generic words off).
        spelling, qualifier, hint, penalty, _ = min(
            variants, key=lambda v: len(fold(v[0])) or MAX_NAME_LENGTH)
        folded = fold(spelling)
        if not folded:
            return {}
        return {pid: Hit(pid, hit.quality - penalty, hit.matched, qualifier, hint, fuzzy=True)
                for pid, hit in self.fuzzy_hits(folded).items()}

    def key_hits(self, text: str, exact_only: bool = False) -> dict[int, Hit]:
        """Exact and (accepted) skeleton hits for one spelling."""
        folded = fold(text)
        if not folded:
            return {}
        if exact_only:
            return {pid: Hit(pid, quality, matched, exact=True)
                    for pid, (quality, matched) in exact_hits(folded, self.store.rows).items()}
        found = self._spelling_cache.get(folded)
        if found is None:
            self.store.prefetch((folded, *query_skeletons(folded)))
            found = spelling_hits(folded, self.store.rows)
            if len(self._spelling_cache) > 50_000:
                self._spelling_cache.clear()
            self._spelling_cache[folded] = found
        exact = {pid for pid, form, _, _ in self.store.rows(folded) if form in EXACT_FORMS}
        return {pid: Hit(pid, quality, matched, exact=pid in exact and quality >= 0.95)
                for pid, quality, matched in found}

    def fuzzy_hits(self, folded: str) -> dict[int, Hit]:
        """Accepted fuzzy hits for a folded query (see the module doc for the rules)."""
        from rapidfuzz import fuzz, process

        query_keys = skeletons(folded)
        if len(folded.replace(" ", "")) < FUZZY_MIN_LENGTH or not query_keys:
            return {}
        query_skeleton = query_keys[0]
        pool = self.fuzzy_pool(folded, query_skeleton[:1], spread_share=0.25)
        shortlist = process.extract(
            folded, pool, scorer=fuzz.ratio, limit=FUZZY_SHORTLIST,
            score_cutoff=FUZZY_MIN_RATIO_SKELETON_AGREES, processor=None,
        ) if pool else []
        hits: dict[int, Hit] = {}
        accepted = 0
        for key, score, _ in shortlist:
            rows = self.store.rows(key)
            if not _fuzzy_acceptable(folded, key, score, query_skeleton, rows):
                continue
            accepted += 1
            for pid, form, matched, _ in rows:
                if form not in EXACT_FORMS or (score < FUZZY_MIN_RATIO_ABROAD and
                                               self.store.place(pid).country not in self.home):
                    continue
                quality = FUZZY_QUALITY * score / 100.0 * (1.0 if form == FORM_EXACT else 0.97)
                hit = hits.get(pid)
                if hit is None or hit.quality < quality:
                    hits[pid] = Hit(pid, quality, matched, fuzzy=True)
            if accepted >= FUZZY_ACCEPTED:
                break
        return hits

    def fuzzy_pool(self, folded: str, first_class: str, spread_share: float) -> list[str]:
        """Keys of the query's script and first consonant class ("*": any), similar length."""
        script = "arabic" if is_arabic(folded) else "latin"
        bucket = f"{script}:{first_class or '*'}"
        spread = max(2, int(len(folded) * spread_share))
        pool: list[str] = []
        # Nearest lengths first, so that the cap keeps the likeliest keys.
        for offset in range(spread + 1):
            for length in {len(folded) - offset, len(folded) + offset}:
                pool.extend(self.store.pool(bucket, length))
            if len(pool) >= FUZZY_MAX_POOL:
                return pool[:FUZZY_MAX_POOL]
        return pool

    def variants(self, text: str, kind: str | None, penalty: float = 0.0) -> list[Variant]:
        """(spelling, qualifier, kind hint, penalty, the text it comes from) to try."""
        variants: list[Variant] = [(text, None, kind, penalty, text)]
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
                    variants += self.variants(part.strip(), kind, STRIPPED_PENALTY)
        return variants

    @staticmethod
    def _script_parts(text: str) -> list[str]:
        # "Mosul الموصل": try each script's part on its own as well.
        arabic = " ".join(w for w in text.split() if is_arabic(w))
        other = " ".join(w for w in text.split() if not is_arabic(w))
        return [part for part in (arabic, other) if part and part != text]

    def joined_names(self, text: str) -> list[str]:
        """For "Iraq and Syria": the parts, when every part is a place on its own."""
        parts = [p.strip() for p in _CONJUNCTION_RE.split(text)]
        if len(parts) < 2 and is_arabic(text):
            parts = [p.strip() for p in _ARABIC_AND_RE.split(text)]
        parts = [p for p in parts if p]
        if len(parts) < 2:
            return []
        for part in parts:
            if not any(self.key_hits(spelling) for spelling, *_ in self.variants(part, None)):
                return []
        return parts


def _fuzzy_acceptable(folded: str, key: str, score: float, query_skeleton: str,
                      rows: tuple) -> bool:
    shorter, longer = sorted((len(folded), len(key)))
    if shorter / longer < FUZZY_MIN_LENGTH_RATIO:
        return False
    if score >= FUZZY_MIN_RATIO:
        return True
    # A transposition typo ("Tirkit") keeps the consonants in another order.
    key_skeleton = next((aux for _, form, _, aux in rows if form in EXACT_FORMS), "")
    return (len(query_skeleton) >= FUZZY_MIN_SKELETON_AGREES
            and sorted(query_skeleton) == sorted(key_skeleton))

"""When does a spelling meet a stored name: the acceptance rules for exact and skeleton keys.

Keys come in four forms (:data:`FORM_EXACT` …): the exact key of a name (:func:`fold`), its
phonetic skeletons (:func:`skeletons`), and the same two for a derived alias (a governorate
known by its capital's name, a district by its bare name). An exact or alias key meets
outright. A skeleton hit (same consonants) counts only when the spellings are close as well
(rapidfuzz ratio of the :func:`~gazetteer.fold.loose` keys); shorter skeletons need closer
spellings, since two consonants carry little evidence. An Arabic-script query meets Latin names
through a crude romanisation, and a Latin query never meets a place's Arabic names by skeleton.

The index stores, for each skeleton key, the loose form of the name it came from (``aux``), so
grading a hit needs no other lookup. :func:`spelling_hits` is a pure function of the folded
spelling and the rows its keys hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from contested.gazetteer.fold import is_arabic, loose, query_skeletons, romanize

FORM_EXACT, FORM_SKELETON, FORM_ALIAS, FORM_ALIAS_SKELETON = 0, 1, 2, 3
# Skeletons of places outside the pack's region: their names are mostly written in one
# stable spelling, so a looser transliteration there is a different word ("Reuters" is not
# "Orutaresa", "Pentagon" not "Pantejn"): they need :data:`MIN_STRICT_SIMILARITY`.
FORM_STRICT_SKELETON, FORM_STRICT_ALIAS_SKELETON = 4, 5
EXACT_FORMS = (FORM_EXACT, FORM_ALIAS)
SKELETON_FORMS = (FORM_SKELETON, FORM_ALIAS_SKELETON, FORM_STRICT_SKELETON,
                  FORM_STRICT_ALIAS_SKELETON)
STRICT_FORMS = (FORM_STRICT_SKELETON, FORM_STRICT_ALIAS_SKELETON)

# Match quality by how the key met (a fuzzy hit: scaled by the rapidfuzz score, elsewhere).
QUALITY = {FORM_EXACT: 1.0, FORM_ALIAS: 0.95, FORM_SKELETON: 0.8, FORM_ALIAS_SKELETON: 0.76,
           FORM_STRICT_SKELETON: 0.8, FORM_STRICT_ALIAS_SKELETON: 0.76}
MIN_STRICT_SIMILARITY = 0.85
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

# An alternate name this like the place's own name is a spelling of it, not another name.
OWN_NAME_LIKENESS = 0.7

Row = tuple[int, int, str, str]  # (pid, form, the stored name it came from, aux)
Lookup = Callable[[str], Sequence[Row]]
SpellingHit = tuple[int, float, str]  # (pid, match quality, matched name)

_VOWELS = frozenset("aeiouy")


def ratio(a: str, b: str) -> float:
    """rapidfuzz ``fuzz.ratio`` / 100 (normalised Indel similarity)."""
    if a == b:
        return 1.0
    return _indel()(a, b)


def _indel():  # noqa: ANN202 - rapidfuzz's function, imported on first use (cold start)
    global _INDEL
    if _INDEL is None:
        from rapidfuzz.distance import Indel

        _INDEL = Indel.normalized_similarity
    return _INDEL


_INDEL = None


def exact_hits(folded: str, lookup: Lookup) -> dict[int, tuple[float, str]]:
    """pid → (quality, matched name) of the exact and alias rows of a folded key."""
    best: dict[int, tuple[float, str]] = {}
    for pid, form, matched, _ in lookup(folded):
        if form == FORM_EXACT or form == FORM_ALIAS:
            quality = QUALITY[form]
            if pid not in best or best[pid][0] < quality:
                best[pid] = (quality, matched)
    return best


def spelling_hits(folded: str, lookup: Lookup) -> tuple[SpellingHit, ...]:
    """(pid, match quality, matched name) of every place a folded spelling meets.

    Exact and alias keys, then skeleton keys whose spelling is close enough (module doc).
    Scripts other than Latin and Arabic meet exact keys only.
    """
    best = exact_hits(folded, lookup)
    query_arabic = is_arabic(folded)
    if not (query_arabic or folded.isascii()):
        return _as_hits(best)
    query_loose = folded if query_arabic else loose(folded)
    if not query_arabic and _VOWELS.isdisjoint(query_loose):
        return _as_hits(best)  # "Krrrk": no vowel, no transliteration of anything
    query_roman = romanize(folded) if query_arabic else query_loose
    graded: dict[str, float] = {}
    for skeleton_key in query_skeletons(folded):
        needed = MIN_SKELETON_SIMILARITY.get(len(skeleton_key), MIN_SKELETON_SIMILARITY_LONG)
        for pid, form, matched, matched_loose in lookup(skeleton_key):
            if form not in SKELETON_FORMS:
                continue
            known = best.get(pid)
            if known is not None and known[0] >= QUALITY[form] + SKELETON_SIMILARITY_WEIGHT:
                continue  # already met at least as well (its exact name, usually)
            similarity = graded.get(matched_loose)
            if similarity is None:
                similarity = skeleton_similarity(query_loose, query_roman, query_arabic,
                                                 matched_loose, skeleton_key, needed)
                graded[matched_loose] = similarity
            if similarity < 0 or (form in STRICT_FORMS and similarity < MIN_STRICT_SIMILARITY):
                continue
            quality = QUALITY[form] + SKELETON_SIMILARITY_WEIGHT * similarity
            if known is None or known[0] < quality:
                best[pid] = (quality, matched)
    return _as_hits(best)


def _as_hits(best: dict[int, tuple[float, str]]) -> tuple[SpellingHit, ...]:
    return tuple((pid, quality, matched) for pid, (quality, matched) in best.items())


def skeleton_similarity(query_loose: str, query_roman: str, query_arabic: bool,
                        matched_loose: str, skeleton_key: str, needed: float) -> float:
    """How close a skeleton hit's spelling is to the query's (-1: not accepted)."""
    matched_latin = matched_loose.isascii()
    if query_arabic:
        if matched_latin:
            closeness = ratio(query_roman, matched_loose)
            floor = (CROSS_SCRIPT_MIN_RATIO if len(skeleton_key) >= CROSS_SCRIPT_MIN_SKELETON
                     else CROSS_SCRIPT_MIN_RATIO_SHORT)
            if closeness < floor:
                return -1.0
            return CROSS_SCRIPT_BASE + CROSS_SCRIPT_WEIGHT * closeness
        # Arabic against Arabic: a short skeleton needs a close spelling, as in Latin ("عانة"
        # is not "آلان", whose article-stripped key is "ان").
        closeness = ratio(query_loose, matched_loose)
        return closeness if closeness >= max(ARABIC_MIN_SKELETON_SIMILARITY, needed) else -1.0
    if not matched_latin:
        return -1.0  # a Latin query meets a place's Latin names, never its Arabic ones
    closeness = ratio(query_loose, matched_loose)
    return closeness if closeness >= needed else -1.0

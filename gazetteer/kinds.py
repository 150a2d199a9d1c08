"""Kinds of places and the generic words that name them ("province", "محافظة", "town").

A generic word in a query is a kind hint ("Kirkuk province" → the governorate); the same words
inside stored names ("Muhafazat Ninawa", "قضاء الحويجة", "Hamrin Mountains") are stripped to
index the bare name too. Words are compared after :func:`gazetteer.fold.fold_token`.
"""

from __future__ import annotations

from contested.gazetteer.fold import fold_token

# Groups of the `kind` values in places.jsonl.xz.
POPULATED = frozenset({"city", "town", "village"})
ADMIN1 = frozenset({"governorate", "province", "state", "district", "territory", "federal district",
                    "region"})
ADMIN_UNITS = ADMIN1 | {"country"}
RELIEF = frozenset({"range", "mountain"})

# Hint name (what `--kind` and generic words map to) → kinds it prefers.
HINT_KINDS: dict[str, frozenset[str]] = {
    "populated": POPULATED,
    "city": POPULATED,
    "town": POPULATED,
    "village": POPULATED,
    "governorate": ADMIN1,
    "province": ADMIN1,
    "state": ADMIN1,
    "admin1": ADMIN1,
    # Admin-2 districts answer at their seat's point; a town only when no district fits.
    "district": frozenset({"district"}),
    "country": frozenset({"country"}),
    "mountain": RELIEF,
    "range": RELIEF,
    "river": frozenset({"river"}),
    "valley": frozenset({"valley"}),
    # "Luhansk region" is an oblast, "Kurdistan Region" a curated region.
    "region": ADMIN1 | {"valley"},
    "facility": frozenset({"facility"}),
}

_GENERIC_RAW: dict[str, str] = {
    # admin-1
    "province": "province", "provinces": "province", "governorate": "governorate",
    "governorates": "governorate", "gouvernement": "governorate", "governate": "governorate",
    "muhafazah": "governorate", "muhafazat": "governorate", "muhafaza": "governorate",
    "mohafazat": "governorate", "wilayat": "province", "wilaya": "province", "wilayah": "province",
    "vilayet": "province", "ili": "province", "tinh": "province", "ostan": "province",
    "محافظة": "governorate", "محافظه": "governorate", "محافظہ": "governorate",
    "ولاية": "province", "ولايه": "province", "استان": "province", "پارێزگای": "governorate",
    # populated places
    "city": "city", "town": "town", "village": "village", "madinat": "city", "madinah": "city",
    "مدينة": "city", "مدينه": "city", "بلدة": "town", "بلده": "town", "قرية": "village",
    "قريه": "village", "qaryat": "village",
    # oblasts, krais, regions (Natural Earth gives world admin-1 units many type names)
    "oblast": "province", "oblasts": "province", "oblast'": "province", "oblasti": "province",
    "область": "province", "области": "province", "області": "province", "krai": "province",
    "kray": "province", "край": "province", "region": "region", "regions": "region",
    "desert": "region", "steppe": "region",
    # districts (a district answers at its seat)
    "raion": "district", "rayon": "district", "район": "district", "районе": "district",
    "district": "district", "districts": "district", "subdistrict": "district",
    "qadaa": "district", "qada": "district", "qadha": "district", "kaza": "district",
    "nahiya": "district", "nahiyah": "district", "قضاء": "district", "ناحية": "district",
    "ناحيه": "district", "mehoz": "district", "bezirk": "district",
    # relief, water
    "mountains": "mountain", "mountain": "mountain", "mount": "mountain", "mt": "mountain",
    "range": "range", "hills": "mountain", "jabal": "mountain", "jebel": "mountain",
    "جبل": "mountain", "جبال": "mountain", "river": "river", "nahr": "river", "نهر": "river",
    "valley": "valley",
}


def _fold_words(raw: dict[str, str]) -> dict[str, str]:
    # Stored folded so lookups compare like with like (e.g. "محافظة" folds to "محافظه").
    return {fold_token(word): hint for word, hint in raw.items() if fold_token(word)}


GENERIC_WORDS: dict[str, str] = _fold_words(_GENERIC_RAW)


# Generic words that may be dropped from stored names to index the bare name too. Relief and
# water words are not: "Makhmour Mountains" is not "Makhmour" (the town is).
INDEX_STRIPPABLE_HINTS = frozenset({"province", "governorate", "city", "town", "village",
                                    "district"})


def _typo_generic(word: str) -> str | None:
    """The hint of a generic word misspelt by a letter or two ("provnice"), if any."""
    if len(word) < 6 or not word.isascii():
        return None
    from rapidfuzz import fuzz, process

    match = process.extractOne(word, _LONG_LATIN_GENERIC, scorer=fuzz.ratio, score_cutoff=80)
    return GENERIC_WORDS[match[0]] if match else None


_LONG_LATIN_GENERIC = [w for w in GENERIC_WORDS if len(w) >= 6 and w.isascii()]


def strip_generic(folded: str, typos: bool = False) -> tuple[str | None, str]:
    """Split generic words off a folded name: ``"kirkuk province"`` → ``("province", "kirkuk")``.

    Returns ``(hint, rest)``; the hint is the first generic word found, ``rest`` the other
    tokens (``""`` when the name is nothing but generic words). ``(None, folded)`` if none.
    With ``typos``, a word of 6+ letters close to a generic word counts too (queries only:
    the first token is never taken for one, so "Provins" stays a name).
    """
    parts = folded.split(" ")
    hint = None
    kept = []
    for index, part in enumerate(parts):
        word_hint = GENERIC_WORDS.get(part)
        if word_hint is None and typos and index > 0:
            word_hint = _typo_generic(part)
        if word_hint is not None:
            hint = hint or word_hint
            continue
        kept.append(part)
    if hint is None:
        return None, folded
    return hint, " ".join(kept)


def kinds_for_hint(hint: str | None) -> frozenset[str] | None:
    """The place kinds a hint prefers (``None`` when there is no hint)."""
    if hint is None:
        return None
    return HINT_KINDS.get(hint, frozenset({hint}))

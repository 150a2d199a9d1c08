"""Name folding: turn the many spellings of a place into lookup keys that meet.

Two keys per name, both built token by token:

* :func:`fold` — the *exact* key (light folding). Case, diacritics and apostrophe-like marks
  (``Ḩ``→``h``, ``‘ ’ ʿ ʾ '``→nothing), Arabic-script normalisation (alef forms, taa marbuta,
  alef maqsura, hamza carriers, tatweel, harakat, Persian/Kurdish letter forms), hyphens and
  punctuation become spaces, and article tokens are dropped (al-, ar-, ad-, as-, az-, an-, at-,
  el-, ash-, adh-, ez-, "the", Arabic ال). Script is kept: Arabic stays Arabic. One
  transliteration class is folded here too, since its spellings differ in nothing else: a
  word-final -a/-ah/-eh (taa marbuta) becomes -ah in Latin tokens with at least
  :data:`FINAL_AH_MIN_STEM` letters before it, so "Hawija", "Hawijah" and "Al Ḩawījah" share
  the key "hawijah" and "Hasakeh" meets "Hasaka" (Arabic ة is folded to ه, its Latin twin).
  Shorter tokens keep their ending: there the h is mostly a real consonant ("Shah", "Chah",
  "Siah", "Anah" next to the town "Ana", "Utah").
* :func:`skeletons` — *phonetic skeleton* keys (aggressive): transliteration classes
  (q/k/g/gh/kh→k, sh/ch/s→s, th/dh/z→z, dj→j, ph/v→f, p→b), doubled letters collapsed, a
  token-final -ah/-eh/-a dropped, then vowels and the semivowels w/y removed. Arabic letters
  are mapped straight onto the same Latin consonant classes, so "دير الزور", "Deir ez-Zor",
  "Dayr Az Zawr" and "Deir al-Zour" all give ``drzr``. Up to three variants are returned:
  tokens skeletonised one by one and joined, and the whole name skeletonised as one word, with
  and without the h of a folded -ah on the tokens before the last (so "Salah ad-Din" meets
  "Salahuddin", "Tal Afar" meets "Talafar" and "تلعفر"). Skeletons are computed from
  :func:`fold`, so a name and its folded key have the same skeletons.

Multi-word names: a name is split into tokens on whitespace, hyphens and punctuation; each token
is folded on its own; tokens that fold to "" (articles) are skipped; the rest are joined with one
space. Hence ``fold(name) == " ".join(t for t in map(fold, tokens(name)) if t)`` for every name,
and a multi-pattern matcher may fold running text token by token and look up joined windows.
``fold`` of a single token never contains a space.

Changing any rule here changes the keys stored in the index: bump :data:`FOLD_VERSION`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "FINAL_AH_MIN_STEM",
    "FOLD_VERSION",
    "fold",
    "fold_token",
    "is_arabic",
    "loose",
    "query_skeletons",
    "romanize",
    "skeleton",
    "skeletons",
    "split_qualifier",
    "tokens",
]

# Part of the index file name: a change of folding rules makes the next run rebuild the index.
# 7: word-final -a/-ah/-eh → -ah in the exact key (6: a draft of it that folded to -a).
FOLD_VERSION = 9

# Letters a Latin token needs before a final -a/-ah/-eh for the ending to fold to -ah.
# Measured on the pack: 2 would also fold "chah" (57 names), "shah" (51), "siah" (14) and
# "anah" (9, next to the town "Ana"), words whose h is heard; 3 keeps them and still folds
# "Dumah", "Tirah", "Hillah", "Qaleh"/"Qal'a". The class folds to -ah, not -a: the fuzzy tier
# compares keys by edit ratio, and keys one letter shorter lost typos such as "Fallujsh".
FINAL_AH_MIN_STEM = 3
_FINAL_AH_RE = re.compile(rf"(?<=[a-z]{{{FINAL_AH_MIN_STEM}}})(?:a|[ae]h)$")
_FOLDED_FINAL_AH_RE = re.compile(rf"(?<=[a-z]{{{FINAL_AH_MIN_STEM}}})ah$")

# Article tokens (standalone after splitting on hyphens/spaces). "l" covers "l-" in "al-l...".
ARTICLES = frozenset(
    {
        "al", "el", "il", "ul", "l",
        "ar", "ad", "as", "az", "an", "at", "ash", "adh", "ath", "aş", "az̧",
        "er", "ed", "es", "ez", "en", "et", "esh", "eth",
        "ur", "ud", "us", "uz", "un", "ut",
        "the",
    }
)

# Apostrophe-like marks transliterations use for ayn and hamza: removed, not spaced.
_APOSTROPHES = "'`´‘’ʹʻʼʽʾʿˈ′″\u02bf\u02be\u055a\u0060\u00b4"

# Latin letters NFKD does not decompose.
_LATIN_EXTRA = str.maketrans(
    {
        "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d",
        "þ": "th", "ħ": "h", "ŧ": "t", "ŋ": "ng", "ə": "e", "ɛ": "e", "ɔ": "o", "ʃ": "sh",
    }
)

# Arabic-script normalisation (light: stays Arabic). Hamza carriers and alef forms are also
# taken apart by NFKD + dropping marks; the table covers what NFKD leaves alone.
_ARABIC_LIGHT = str.maketrans(
    {
        "\u0671": "ا",  # alef wasla
        "\u0629": "ه",  # taa marbuta → haa
        "\u0649": "ي",  # alef maqsura → yaa
        "\u06cc": "ي",  # Persian yeh
        "\u06d2": "ي",  # yeh barree
        "\u06ce": "ي",  # Kurdish yeh with small v (ێ)
        "\u06a9": "ك",  # keheh (Persian kaf)
        "\u06aa": "ك",  # swash kaf
        "\u06c1": "ه",  # heh goal
        "\u06be": "ه",  # heh doachashmee (Kurdish h)
        "\u06c0": "ه",  # heh with yeh above
        "\u06c6": "و",  # Kurdish o (ۆ)
        "\u06c7": "و",
        "\u06c8": "و",
        "\u06cb": "و",
        "\u0695": "ر",  # Kurdish rr (ڕ)
        "\u06b5": "ل",  # Kurdish ll (ڵ)
        "\u0640": None,  # tatweel
        "\u0621": None,  # lone hamza
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u200f": None,  # right-to-left mark
        "\u200e": None,  # left-to-right mark
        "\u061c": None,  # Arabic letter mark
    }
)

# Arabic letters → Latin consonant classes of the skeleton ("" = a vowel/semivowel or ayn/hamza).
_ARABIC_TO_SKELETON = {
    "ا": "", "و": "", "ي": "", "ى": "", "ع": "", "ء": "", "ە": "",
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "z", "ذ": "z", "ز": "z", "ظ": "z", "ژ": "z",
    "ج": "j", "ح": "h", "ه": "h", "ة": "h", "خ": "k", "غ": "k", "ق": "k", "ك": "k", "گ": "k",
    "ڨ": "k", "د": "d", "ض": "d", "ر": "r", "س": "s", "ش": "s", "ص": "s", "چ": "s",
    "ف": "f", "ڤ": "f", "ل": "l", "م": "m", "ن": "n",
}

# Latin digraphs first (order matters: "kh" before single "h"), then single-letter classes.
_LATIN_DIGRAPHS = (
    ("tch", "s"), ("dj", "j"), ("kh", "k"), ("gh", "k"), ("sh", "s"), ("ch", "s"),
    ("th", "z"), ("dh", "z"), ("zh", "z"), ("ph", "f"), ("ck", "k"),
)
_DIGRAPH_RE = re.compile("|".join(d for d, _ in _LATIN_DIGRAPHS))
_DIGRAPH_MAP = dict(_LATIN_DIGRAPHS)
_LATIN_SINGLE = str.maketrans({"q": "k", "g": "k", "c": "k", "x": "k", "v": "f", "p": "b"})
_VOWELS_RE = re.compile("[aeiouwy]")
_DOUBLES_RE = re.compile(r"(.)\1+")
_FINAL_H_RE = re.compile(r"(?<=[aeiou])h$")

_SPLIT_RE = re.compile(r"[^\w]+|_")
_ARABIC_RE = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def is_arabic(text: str) -> bool:
    """True if ``text`` contains Arabic-script letters."""
    return not text.isascii() and _ARABIC_RE.search(text) is not None


# ASCII text needs none of the Unicode work: apostrophes go, control characters become spaces.
_ASCII_FAST = str.maketrans(
    {**{c: None for c in _APOSTROPHES if c.isascii()},
     **{chr(code): " " for code in [*range(32), 127]}}
)


class _MarkTable(dict):
    """``str.translate`` table, filled on first sight of each character: apostrophes, marks
    (Mn) and format characters (Cf) go, other control characters become spaces."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        if char in _APOSTROPHES or category == "Mn" or category == "Cf":
            value = None
        elif category[0] == "C":  # control characters act as separators
            value = " "
        else:
            value = char
        self[code] = value
        return value


_MARKS = _MarkTable()


@lru_cache(maxsize=65536)
def _normalise(text: str) -> str:
    if text.isascii():
        return text.translate(_ASCII_FAST).lower()
    # NFKC folds Arabic presentation forms (ﻻ, ﺍ…) to letters; NFKD then splits off the marks.
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_ARABIC_LIGHT)
    text = unicodedata.normalize("NFKD", text).translate(_MARKS)
    return text.casefold().translate(_LATIN_EXTRA)


def tokens(name: str) -> list[str]:
    """Split a name into the raw tokens that :func:`fold_token` folds one by one."""
    return [t for t in _SPLIT_RE.split(_normalise(name)) if t]


def _strip_arabic_article(token: str) -> str:
    # ال prefix (also after the conjunction/prepositions و ب ل glued in front is *not* touched).
    # A name whose own first letters are ال after the article (الآلوسي, al-Alusi) keeps both:
    # stripping once would leave a token that a second fold strips again (not idempotent).
    if len(token) > 3 and token.startswith("ال") and not token.startswith("ال", 2):
        return token[2:]
    return token


@lru_cache(maxsize=262144)  # tokens repeat across a world of names ("qaryat", "nahiyat")
def fold_token(token: str) -> str:
    """Fold one token (no spaces in, none out). Articles fold to ""."""
    parts = [t for t in _SPLIT_RE.split(_normalise(token)) if t]
    folded = []
    for part in parts:
        if part in ARTICLES:
            continue
        if is_arabic(part):
            part = _strip_arabic_article(part)
        folded.append(part)
    # A token normally yields one part; a glued hyphenation ("al-Bab" given as one token) more.
    # The ending is folded on the joined token, so folding a folded token changes nothing;
    # pieces that join into an article ("A:Ð" → "ad") fold to "" as the article itself would.
    joined = "".join(folded)
    if joined in ARTICLES:
        return ""
    return _FINAL_AH_RE.sub("ah", joined)


def _fold_part(part: str) -> str:
    """:func:`fold_token` of a token :func:`tokens` gave: an ASCII one is normalised already
    (the shortcut), others go through :func:`fold_token` (normalising twice is not always a
    no-op for Arabic-script letters with hamza)."""
    if not part.isascii():
        return fold_token(part)
    if part in ARTICLES:
        return ""
    return _FINAL_AH_RE.sub("ah", part)


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The exact lookup key of a name: light folding, articles dropped, tokens space-joined."""
    folded = (_fold_part(t) for t in tokens(name))
    return " ".join(t for t in folded if t)


def _skeleton_latin(token: str) -> str:
    token = _DOUBLES_RE.sub(r"\1", token)
    token = _FINAL_H_RE.sub("", token)  # -ah / -eh: taa marbuta, or a final ḥ nobody hears
    token = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], token)
    token = token.translate(_LATIN_SINGLE)
    token = _DOUBLES_RE.sub(r"\1", token)
    return _VOWELS_RE.sub("", token)


def _skeleton_arabic(token: str) -> str:
    # Token-final ه/ة/ح: the Latin side drops its final -ah/-eh, so drop it here too.
    if len(token) > 1 and token[-1] in "هةح":
        token = token[:-1]
    out = []
    for char in token:
        mapped = _ARABIC_TO_SKELETON.get(char)
        if mapped is None:
            # Latin letters or digits mixed into an Arabic token pass through the Latin rules.
            mapped = _skeleton_latin(char) if char.isascii() else ""
        # A vowel letter keeps its place ("-") so that only adjacent letters collapse, as in Latin.
        out.append(mapped or "-")
    return _DOUBLES_RE.sub(r"\1", "".join(out)).replace("-", "")


def skeleton(folded_token: str) -> str:
    """Skeleton of one folded token (see module doc)."""
    if is_arabic(folded_token):
        return _skeleton_arabic(folded_token)
    return _skeleton_latin(folded_token)


@lru_cache(maxsize=65536)
def skeletons(name: str) -> tuple[str, ...]:
    """The skeleton keys of a name: per-token joined, and whole-name (deduplicated, no "")."""
    folded = fold(name)
    if not folded:
        return ()
    parts = folded.split(" ")
    per_token = "".join(skeleton(p) for p in parts)
    keys = [per_token] if per_token else []
    if len(parts) > 1:
        joined = "".join(parts)
        # A folded -ah was written -a or -ah: written as one word, a heard h stays ("Salah
        # ad-Din" / "Salahuddin") and a silent one goes ("Hawija District" / "Hawijadistrict").
        without_h = "".join(_FOLDED_FINAL_AH_RE.sub("a", p) for p in parts[:-1]) + parts[-1]
        for whole in (skeleton(joined), skeleton(without_h)):
            if whole and whole not in keys:
                keys.append(whole)
    return tuple(keys)


# Egyptian and some Levantine transliterations write g for jim ("Hawiga", "Gaza"/"Ghazza" aside):
# a query may mean j where it says g. Query-side only, so the index keys stay as they are.
_G_AS_J_RE = re.compile(r"g(?!h)")


@lru_cache(maxsize=65536)
def query_skeletons(name: str) -> tuple[str, ...]:
    """:func:`skeletons` of a query, plus the keys it has if its Latin g stands for j."""
    keys = skeletons(name)
    folded = fold(name)
    if "g" not in folded or not folded.isascii():
        return keys
    extra = skeletons(_G_AS_J_RE.sub("j", folded))
    return keys + tuple(k for k in extra if k not in keys)


_VOWEL_LETTERS = frozenset("aeiouy")
_LOOSE_PAIRS_RE = re.compile(r"ou|oo|uu|ee|ii|ei|ai")
_LOOSE_PAIRS = {"ou": "u", "oo": "u", "uu": "u", "ee": "i", "ii": "i", "ei": "i", "ai": "i"}
# ay/ey/iy before a consonant is a long i (Maysan/Missan); before a vowel the y is a consonant.
_LOOSE_SINGLES_RE = re.compile(r"[aei]y(?![aeiou])|e|o")
_LOOSE_SINGLES = {"ay": "i", "ey": "i", "iy": "i", "e": "a", "o": "u"}


@lru_cache(maxsize=65536)
def loose(folded: str) -> str:
    """A folded key with vowels levelled, for grading skeleton matches (not a lookup key).

    Vowel spellings of one Arabic vowel meet (ou/oo/o→u, ee/ei/ai→i, ay/iy→i before a
    consonant, e→a), doubled letters collapse and a token-final -ah/-eh loses its h:
    "hassakeh" and "hasakah" both give "hasaka", "Heet" and "Hit" give "hit", "Missan" and
    "Maysan" give "misan", "Qayyarah" and "Qayara" give "qayara". A word-initial e before a
    consonant is an i (Erbil/Irbil, Edlib/Idlib).
    """
    if is_arabic(folded):
        return folded
    out = []
    for token in folded.split(" "):
        if token[:1] == "e" and token[1:2] not in _VOWEL_LETTERS:
            token = "i" + token[1:]  # word-initial hamza with kasra
        token = _LOOSE_PAIRS_RE.sub(lambda m: _LOOSE_PAIRS[m.group(0)], token)
        token = _DOUBLES_RE.sub(r"\1", token)
        token = _LOOSE_SINGLES_RE.sub(lambda m: _LOOSE_SINGLES[m.group(0)], token)
        out.append(_FINAL_H_RE.sub("", token))
    return " ".join(out)


# A crude romanisation of folded Arabic script, only to grade an Arabic query against a place's
# Latin names (the skeletons decide whether they meet at all): long vowels become vowels, so
# "الدجيل" reads "djil", close to "Dujayl" and far from "Diyala".
_ROMAN = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "و": "u", "ي": "i", "ى": "a", "ة": "a", "پ": "p", "چ": "ch", "ڤ": "v", "ژ": "zh", "ە": "a",
}


@lru_cache(maxsize=65536)
def romanize(folded: str) -> str:
    """The :func:`loose` form of a crude romanisation of folded Arabic script (else ``loose``)."""
    if not is_arabic(folded):
        return loose(folded)
    tokens_out = []
    for token in folded.split(" "):
        if len(token) > 1 and token[-1] == "ه":
            token = token[:-1] + "ة"  # final haa is mostly taa marbuta: -a
        tokens_out.append("".join(_ROMAN.get(char, char if char.isascii() else "")
                                  for char in token))
    return loose(" ".join(t for t in tokens_out if t))


# Directional qualifiers: "western Anbar", "north-west Raqqa", "northeast of Raqqa", "شمال الموصل".
_DIRECTION_WORDS = r"(?:north|south)(?:[\s-]?(?:east|west))?|east|west"
_DIRECTION_RE = re.compile(
    rf"^\s*(?:the\s+)?(?:(?P<dir>{_DIRECTION_WORDS})(?P<ern>ern)?|(?P<central>central|centre|center))"
    r"(?:\s+(?P<of>of|part\s+of|parts\s+of))?(?:\s+the)?\s+(?P<base>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ARABIC_DIRECTIONS = {
    "شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west", "وسط": "central",
}
_ARABIC_DIRECTION_RE = re.compile(
    r"^\s*(?P<a>شمال|جنوب|شرق|غرب|وسط)ي?(?:\s*(?:ال)?(?P<b>شرق|غرب)ي?)?\s+(?P<base>\S.*)$",
    re.DOTALL,
)


def _canonical_direction(text: str) -> str:
    text = re.sub(r"[\s-]+", "", text.lower())
    for first in ("north", "south"):
        for second in ("east", "west"):
            if text == first + second:
                return f"{first}-{second}"
    return text


def split_qualifier(name: str) -> tuple[str | None, str]:
    """Split a directional part off a place name.

    Returns ``(qualifier, base)``: ``"western Anbar"`` → ``("west", "Anbar")``,
    ``"north-west Raqqa"`` → ``("north-west", "Raqqa")``, ``"northeast of Raqqa"`` →
    ``("north-east of", "Raqqa")`` ("of" marks a place outside the base), ``"central Iraq"`` →
    ``("central", "Iraq")``, ``"شمال الموصل"`` → ``("north", "الموصل")``; ``(None, name)`` when
    there is none. The caller should still try the whole name first ("West Bank", "North Sinai").
    """
    match = _DIRECTION_RE.match(name)
    if match:
        if match.group("central"):
            qualifier = "central"
        else:
            qualifier = _canonical_direction(match.group("dir"))
        if match.group("of"):
            qualifier += " of"
        return qualifier, match.group("base").strip()
    match = _ARABIC_DIRECTION_RE.match(name)
    if match:
        qualifier = _ARABIC_DIRECTIONS[match.group("a")]
        if match.group("b"):
            qualifier += "-" + _ARABIC_DIRECTIONS[match.group("b")]
        return qualifier, match.group("base").strip()
    return None, name

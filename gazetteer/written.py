"""A name as written: the tie-break between places the folding merged.

The exact key folds -a/-ah/-eh together, so "Tireh" and "Tirah" meet the same places. Among
exact hits that would otherwise tie, those with a name spelled as the query (only case,
diacritics, apostrophes and articles off) win by a little (see :mod:`gazetteer.ranking`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from contested.gazetteer.fold import FINAL_AH_MIN_STEM, fold, fold_token, is_arabic, tokens

# A folded key with a token ending in the -a/-ah/-eh class: spellings may have merged there.
_MERGED_ENDING_RE = re.compile(rf"[a-z]{{{FINAL_AH_MIN_STEM}}}ah(?: |$)")
_PAREN_RE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


@lru_cache(maxsize=65536)
def written_tokens(name: str) -> tuple[tuple[str, str], ...]:
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
    return " ".join(written for _, written in written_tokens(name))


def _written_variant(source: str, folded_variant: str) -> str:
    """The written key of the tokens of ``source`` that make up ``folded_variant``.

    A variant of a query may be its folded key less some generic words ("Tireh district" →
    "tirah"): its written form is that of the same tokens in the query as typed.
    """
    wanted = folded_variant.split(" ")
    kept: list[str] = []
    for folded, written in written_tokens(source):
        if len(kept) < len(wanted) and folded == wanted[len(kept)]:
            kept.append(written)
    return " ".join(kept) if len(kept) == len(wanted) else folded_variant


def written_of(spelling: str, source: str) -> str | None:
    """The written key of a query variant whose folded key may have merged spellings, or None
    (no merged spellings: every name meeting it is spelled as its key)."""
    folded = fold(spelling)
    if not _MERGED_ENDING_RE.search(folded):
        return None
    return _written_variant(source, folded)


def names_as_written(names: tuple[str, ...]) -> frozenset[str]:
    """The :func:`written_key` of every name (both parts of "A (B)")."""
    keys = set()
    for name in names:
        if not isinstance(name, str):
            continue
        match = _PAREN_RE.match(name)
        parts = (match.group("outer"), match.group("inner")) if match else (name,)
        keys.update(written_key(part) for part in parts)
    return frozenset(keys)

"""Scopes a text implies: when neither a claim's sentence nor its paragraph names where it is,
its scope comes from the document, and ``scope_note`` says so.

First the scope other holdings state most often ("ISIS still holds 2,195 sq km" after "still
hold pockets … around the Iraqi-Syria border": holdings describe one territory; two gains are
usually two places, so a gain lends only a country), else a country-level scope of
any other figure ("Iraq"; a province one figure is about says nothing of the others), else the
countries the document's places are mostly in (its lead first).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from contested.claims.extract.demonyms import COUNTRY_NAMES
from contested.claims.extract.document import Document
from contested.claims.model import Claim

__all__ = ["imply_scopes"]

_OTHER_FIGURES_NOTE = "implied from the document's other figures (its own sentence names none)"
_DOCUMENT_PLACES_NOTE = ("implied from the places the document names (no figure of it states "
                         "a scope)")


def imply_scopes(claims: list[Claim], document: Document) -> list[Claim]:
    """Claims with no scope take the document's (see the module doc): the scope other holdings
    state most often ("ISIS still holds 2,195 sq km" after "still hold pockets … around the
    Iraqi-Syria border"), else a country-level scope of any other
    figure ("Iraq"; a province one figure is about says nothing of the others), else the
    countries the document's places are mostly in."""
    if all(claim.scope for claim in claims):
        return claims
    stated = [c for c in claims if c.scope and not c.scope_note]
    fallback = _most_common(c for c in stated if _is_country_scope(c))
    countries: tuple[Any, ...] | None = None
    out = []
    for claim in claims:
        if claim.scope:
            out.append(claim)
            continue
        family = _FAMILY.get(claim.kind or "")
        family = family if family in _LENDS_PLACES else None
        donor = _most_common(c for c in stated if _FAMILY.get(c.kind or "") == family) \
            if family else None
        donor = donor or fallback
        if donor is not None:
            out.append(claim.replace(scope=donor.scope, scope_note=_OTHER_FIGURES_NOTE,
                                     places=claim.places or donor.places))
            continue
        if countries is None:
            countries = _document_countries(document)
        if countries:
            out.append(claim.replace(scope=" and ".join(p.name for p in countries),
                                     scope_note=_DOCUMENT_PLACES_NOTE,
                                     places=claim.places or countries))
        else:
            out.append(claim)
    return out


_FAMILY = {"held": "held", "remaining": "held", "liberated": "change", "lost": "change",
           "peak_held": "peak"}
_LENDS_PLACES = ("held", "peak")  # families whose figures share one territory


def _most_common(claims: Iterable[Claim]) -> Claim | None:
    """The first claim with the scope stated most often among ``claims``, or None."""
    found = list(claims)
    if not found:
        return None
    scope = Counter(c.scope for c in found).most_common(1)[0][0]
    return next(c for c in found if c.scope == scope)


def _is_country_scope(claim: Claim) -> bool:
    """Whether the claim's scope names countries only ("Iraq", "Iraq and Syria")."""
    names = [name.strip() for name in claim.scope.split(" and ")] if claim.scope else []
    countries = {p.name for p in claim.places if p.kind == "country"}
    return bool(names) and all(name in countries or name in COUNTRY_NAMES for name in names)


def _document_countries(document: Document) -> tuple[Any, ...]:
    context = document.context
    if context is None:
        return ()
    return context.document_countries()


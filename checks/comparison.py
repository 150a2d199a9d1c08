"""Rule ``comparison``: "the size of X", "N times the size of X", "1% of Egypt" against the
official total area of X (``contested.gazetteer.official_areas``).

The comparison's own qualifier bounds the factor ("more than ten times" → ratio ≥ 10·(1−t));
the figure's qualifier is not applied (the comparison describes the figure as stated).
Verdicts: consistent within the comparison tolerance, loose within twice it, else inconsistent.
Several references ("Sweden or Virginia") give one finding each. A share of the claim's own
admin-1 unit ("70% of Nineveh province, or 26,000 sq km") is measured against that unit: its
official total where bundled (:mod:`contested.checks.unit_areas`), else its polygon's area.
A reference area the text states ("the U.S. capital (177 sq. km.)") is itself checked
against the official area.

A comparison with no figure of its own borrows one from the same document: the nearest claim
(by position in the text) with a figure, of the same kind family, with a compatible scope
(same scope text, or one of them unstated) and the same period/since. Without one the finding
is ``unverifiable``; the message says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from contested.checks.model import (
    LOWER_BOUND_QUALIFIERS,
    UPPER_BOUND_QUALIFIERS,
    Finding,
    Tolerances,
    claim_km2,
    document_of,
    family,
    fmt_km2,
    fmt_number,
    names_the_scope,
    percent_apart,
    qualified,
    within,
)
from contested.checks.unit_areas import unit_areas
from contested.claims.model import Claim
from contested.claims.scope import ScopeLookup, bare_admin1_id
from contested.core.exceptions import ContestedError, UnknownPlace
from contested.gazetteer.official_areas import Reference, fold_reference_name

RULE = "comparison"

ReferenceLookup = Callable[[str], Reference]



def check_comparison(
    claims: Sequence[Claim],
    tolerances: Tolerances,
    references: ReferenceLookup,
    scopes: ScopeLookup,
) -> list[Finding]:
    lookup = references
    linker = _FigureLinker(claims)
    findings: list[Finding] = []
    for claim in claims:
        if claim.comparison is None or not claim.comparison.reference:
            continue
        area_km2, area_claim = claim_km2(claim), claim
        if area_km2 is None or area_km2 <= 0:
            area_claim = linker.figure_for(claim)
            area_km2 = _linked_area(claim, area_claim)
        for name in claim.comparison.reference:
            reference = _resolve(name, claim, lookup, scopes)
            findings.append(
                _compare(claim, name, reference, area_km2, area_claim, tolerances)
            )
            if (
                isinstance(reference, Reference)
                and claim.comparison.stated_reference_km2 is not None
            ):
                findings.append(_stated_reference(claim, name, reference, tolerances))
    return findings


def _resolve(
    name: str, claim: Claim, lookup: ReferenceLookup, scopes: ScopeLookup
) -> Reference | str:
    """The reference, or the reason there is none (a message fragment)."""
    if names_the_scope(name):
        scope = scopes(claim.scope)
        countries = [u for u in scope.units if u.level == "country"] if scope else []
        if len(countries) != 1:
            return f"{name!r} refers to the claim's scope, which names no single country"
        name = countries[0].id
    try:
        return lookup(name)
    except UnknownPlace as error:
        unit = _scope_unit(name, claim, scopes)
        if unit is not None:
            return unit
        # Not "unknown place": the gazetteer may well know it (Manhattan); the table of
        # official areas does not.
        nearest = "; did you mean " + ", ".join(map(repr, error.suggestions)) + "?" if (
            error.suggestions) else ""
        return (f"no official area for {name!r}: the table of official areas has no such "
                f"country, state or place{nearest}")
    except ContestedError as error:
        return f"no official area for {name!r} ({error})"


def _scope_unit(name: str, claim: Claim, scopes: ScopeLookup) -> Reference | None:
    """The claim's own admin-1 unit when ``name`` names it ("70% of Nineveh province, or
    26,000 sq km"), with its official total where bundled, else its polygon's area."""
    scope = scopes(claim.scope) if claim.scope else None
    if scope is None or len(scope.units) != 1 or scope.units[0].level != "admin1":
        return None
    unit = scope.units[0]
    folded = fold_reference_name(name)
    if not folded or not (fold_reference_name(claim.scope or "").startswith(folded)
                          or folded == fold_reference_name(unit.name)):
        return None
    area = unit_areas().get(bare_admin1_id(unit.admin1_id or unit.id))
    if area is None:
        return None
    return Reference(unit.name, "admin1", bare_admin1_id(unit.id), area.km2,
                     area.source if area.official else "Natural Earth polygon, geodesic")


def _display(written: str, reference: Reference) -> str:
    if fold_reference_name(written) == fold_reference_name(reference.name) or ":" in written:
        return reference.name
    return f"{written} ({reference.name})"


def _phrase(factor: float, qualifier: str | None, name: str) -> str:
    if factor == 1:
        text = f"the size of {name}"
    elif factor > 1:
        text = f"{fmt_number(factor)} times the size of {name}"
    else:
        text = f"{fmt_number(factor * 100)}% of {name}"
    return qualified(text, qualifier)


def _compare(
    claim: Claim,
    name: str,
    reference: Reference | str,
    area_km2: float | None,
    area_claim: Claim | None,
    tolerances: Tolerances,
) -> Finding:
    comparison = claim.comparison
    assert comparison is not None
    factor = comparison.factor if comparison.factor else 1.0
    qualifier = comparison.qualifier
    if isinstance(reference, str):
        return Finding(RULE, "unverifiable", (claim.id,), None, area_km2, None,
                       f"“{_phrase(factor, qualifier, name)}”: {reference}")
    shown = _display(name, reference)
    reference_text = f"{shown} {fmt_km2(reference.total_km2)} ({reference.source})"
    expected = factor * reference.total_km2
    phrase = _phrase(factor, qualifier, name)
    if area_km2 is None:
        return Finding(
            RULE, "unverifiable", (claim.id,), expected, None, None,
            f"“{phrase}” = {fmt_km2(expected)} ({reference_text}), but no area figure for it "
            "is stated in the document",
            **_about(reference),
        )
    ids = (claim.id,) if area_claim is None or area_claim.id == claim.id else (
        claim.id, area_claim.id,
    )
    observed_factor = area_km2 / reference.total_km2
    tolerance = tolerances.comparison
    if within(observed_factor, factor, qualifier, tolerance):
        verdict = "consistent"
    elif within(observed_factor, factor, qualifier, 2 * tolerance):
        verdict = "loose"
    else:
        verdict = "inconsistent"
    figure = fmt_km2(area_km2)
    if area_claim is not None and area_claim.id != claim.id:
        figure += (f" (the whole of {area_claim.of_total}, from {area_claim.id})"
                   if _describes_the_place(claim) else f" (figure from {area_claim.id})")
    if factor == 1:
        if area_km2 < reference.total_km2 and reference.total_km2 / area_km2 >= 1.1:
            relation = f"{shown} is {reference.total_km2 / area_km2:.2f}× larger"
        elif area_km2 > reference.total_km2 and area_km2 / reference.total_km2 >= 1.1:
            relation = f"the area is {area_km2 / reference.total_km2:.2f}× {shown}"
        else:
            relation = f"{percent_apart(area_km2, reference.total_km2):.1f}% apart"
        message = f"{figure} vs {reference_text}: {relation}"
    else:
        message = (
            f"{figure} vs {phrase} = {fmt_number(factor)} × {reference_text} "
            f"= {fmt_km2(expected)}: {fmt_number(area_km2)} / "
            f"{fmt_number(reference.total_km2)} = {_factor(observed_factor)} times"
        )
    message += _verdict_tail(verdict, phrase, tolerance, qualifier)
    return Finding(RULE, verdict, ids, expected, area_km2, area_km2 / expected, message,
                   **_about(reference))


def _about(reference: Reference) -> dict[str, Any]:
    """The structured fields of a finding about ``reference``."""
    return {"reference": reference.name, "reference_id": reference.key,
            "sources": (reference.source,)}


def _factor(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value >= 0.1 else f"{value:.3g}"


def _verdict_tail(verdict: str, phrase: str, tolerance: float, qualifier: str | None) -> str:
    one_sided = qualifier in LOWER_BOUND_QUALIFIERS or qualifier in UPPER_BOUND_QUALIFIERS
    bound = f" ({qualifier}: one-sided)" if one_sided else ""
    pct = f"{tolerance * 100:g}%"
    if verdict == "consistent":
        return f"; “{phrase}” holds within {pct}{bound}"
    if verdict == "loose":
        return f"; “{phrase}” only roughly (beyond {pct}, within {tolerance * 200:g}%){bound}"
    return f"; not “{phrase}” (beyond twice the {pct} tolerance){bound}"


def _stated_reference(
    claim: Claim, name: str, reference: Reference, tolerances: Tolerances
) -> Finding:
    stated = claim.comparison.stated_reference_km2  # type: ignore[union-attr]
    official = reference.total_km2
    shown = _display(name, reference)
    ok = within(stated, official, None, tolerances.reference)
    note = ""
    land = reference.land_km2
    if not ok and land is not None and within(stated, land, None, tolerances.reference):
        ok, official = True, land
        note = " (the land area; the total with water is " \
            f"{fmt_km2(reference.total_km2)})"
    which = "official land" if note else "official"
    message = (
        f"stated area of {shown} {fmt_km2(stated)} vs {which} {fmt_km2(official)} "
        f"({reference.source}): {percent_apart(stated, official):.1f}% apart "
        f"(tolerance {tolerances.reference * 100:g}%){note}"
    )
    return Finding(RULE, "consistent" if ok else "inconsistent", (claim.id,), official, stated,
                   stated / official if official else None, message, **_about(reference))


class _FigureLinker:
    """Finds, for a comparison without a figure, the figure it describes (see module doc)."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self._by_document: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
        for index, claim in enumerate(claims):
            if claim_km2(claim) is not None:  # a figure, or a share of a stated total
                self._by_document[document_of(claim)].append((index, claim))
        self._index = {id(claim): index for index, claim in enumerate(claims)}

    def figure_for(self, claim: Claim) -> Claim | None:
        here_index = self._index[id(claim)]
        here = claim.start if claim.start is not None else here_index
        best: tuple[int, int, Claim] | None = None
        for index, other in self._by_document.get(document_of(claim), ()):
            if other is claim or not _links(claim, other) or not (claim_km2(other) or 0) > 0:
                continue
            position = other.start if other.start is not None else index
            candidate = (abs(position - here), index, other)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
        return None if best is None else best[2]


def _links(comparison_claim: Claim, figure_claim: Claim) -> bool:
    if family(comparison_claim) is None:
        # An appositive with no verb of its own: "60% of the country, an area about the size
        # of Texas" describes the figure just before it.
        return _follows(comparison_claim, figure_claim)
    if family(comparison_claim) != family(figure_claim):
        return False
    scope_a = (comparison_claim.scope or "").strip().lower()
    scope_b = (figure_claim.scope or "").strip().lower()
    if scope_a and scope_b and scope_a != scope_b:
        return False
    return (comparison_claim.period, comparison_claim.since) == (
        figure_claim.period, figure_claim.since,
    )


# "…70% of Afghanistan, a country the size of Texas": the size is the country's, not the
# share's ("…, an area the size of Texas" is the share's).
_PLACE_APPOSITIVE_RE = re.compile(
    r"\W*(?:a|an|the)\s+(?:[\w-]+\s+)?(?:country|nation|state|kingdom|republic|territory|"
    r"province|region|city|enclave|island|strip|peninsula)\b", re.IGNORECASE)


def _describes_the_place(appositive: Claim) -> bool:
    return _PLACE_APPOSITIVE_RE.match(appositive.quote or "") is not None


def _linked_area(appositive: Claim, figure_claim: Claim | None) -> float | None:
    """The area an appositive size describes: the figure before it, or the whole place that
    figure is a share of."""
    if figure_claim is None:
        return None
    if _describes_the_place(appositive):
        return figure_claim.of_total_km2
    return claim_km2(figure_claim)


# At most this many characters (", ", " — ") between a figure and the appositive after it.
_APPOSITIVE_GAP = 4


def _follows(appositive: Claim, figure: Claim) -> bool:
    return (appositive.start is not None and figure.end is not None
            and 0 <= appositive.start - figure.end <= _APPOSITIVE_GAP)

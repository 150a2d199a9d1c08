"""The resolution stage: every name in the claims of a run resolved once, in one place.

    >>> from contested.claims.model import Claim
    >>> from contested.gazetteer.official_areas import default_references
    >>> resolved = resolve_claims([Claim(id="a:1", scope="Iraq")], gazetteer=None,
    ...                           areas=default_references())
    >>> resolved.scope("Iraq").units[0].id
    'country:IQ'

Only the composition root (:mod:`contested.pipeline`), the command line and the Python facade
call this module (the layer contract in pyproject.toml says so). For each claim it resolves
the places it names (the claim's other place names as context), its scope, what a percent is
of (``of_total``) and the names it compares its size with; every distinct question is asked
of the gazetteer once. What nothing matches is kept in ``ResolvedClaims.unresolved``;
:func:`require_resolved` is the policy the commands apply to it.

Without a gazetteer (``gazetteer=None``) scopes and references resolve through the official
areas table alone and place names stay unresolved: tests and quick checks use that.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from contested.claims.claim_files import PLACE_NAMES
from contested.claims.model import Claim
from contested.claims.resolved import (
    ClaimPlaces,
    Mention,
    ResolvedClaims,
    Unresolved,
    UnresolvedPlaces,
)
from contested.claims.scope import (
    FEATURE_KINDS,
    Scope,
    ScopeUnit,
    scope_parts,
    text_unit,
    without_unit_word,
)
from contested.core.exceptions import ClaimsFileError, ContestedError, InputError, UnknownPlace
from contested.gazetteer.fold import fold
from contested.gazetteer.official_areas import Reference, ReferenceTable, default_references
from contested.gazetteer.place import Place

# Below these a gazetteer answer is a guess, not what a scope or a comparison names
# ("Qwxzland" → Aland Islands scores 0.6).
MIN_SCOPE_SCORE = 0.8
MIN_REFERENCE_SCORE = 0.85
_UNIT_SUFFIXES = ("province", "governorate", "region", "district", "city", "country")


class OnceGazetteer:
    """A gazetteer that answers each question once: the run's one cache of place answers.

    The resolution stage and the extractor (which finds the places a news text names) both
    ask through it, so a name in an article and the same name in a claims file cost one
    lookup. Everything but ``resolve`` is the wrapped gazetteer's.
    """

    def __init__(self, gazetteer: Any) -> None:
        self._gazetteer = gazetteer
        self._answers: dict[tuple[Any, ...], Place | ContestedError] = {}

    def resolve(self, name: str, country: str | None = None, kind: str | None = None,
                near: tuple[float, float] | None = None, context: Iterable[Any] = ()) -> Place:
        context = tuple(context)
        key = (name, country, kind, near, tuple(getattr(c, "id", c) for c in context))
        if key not in self._answers:
            try:
                self._answers[key] = self._gazetteer.resolve(
                    name, country=country, kind=kind, near=near, context=context)
            except (UnknownPlace, InputError) as error:
                self._answers[key] = error
        answer = self._answers[key]
        if isinstance(answer, ContestedError):
            raise answer
        return answer

    def forget(self) -> None:
        """Drop the answers kept so far. A process that resolves a corpus slice after slice
        calls it between slices: its memory stays flat, and what is built once per
        gazetteer (the extractor's name matcher, keyed by this object) is kept."""
        self._answers.clear()

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._gazetteer, attribute)


class ClaimResolver:
    """Asks the gazetteer and the official-areas table, each question once (one cache)."""

    def __init__(self, gazetteer: Any | None, areas: ReferenceTable | None = None,
                 units: Any | None = None) -> None:
        self.gazetteer = (gazetteer if gazetteer is None or isinstance(gazetteer, OnceGazetteer)
                          else OnceGazetteer(gazetteer))
        self._areas = areas if areas is not None else default_references()
        # A user's boundary file (contested.geo.user_units.UserUnits): its units are what a
        # scope names first ("Hawija" is the district of that name in the user's file).
        self._units = units
        self._scopes: dict[str, Scope] = {}
        self._references: dict[str, Reference | None] = {}

    # --- single questions ---------------------------------------------------------------------

    def place(self, name: str, context: tuple[str, ...] = ()) -> Place | ContestedError:
        """The gazetteer's answer for ``name`` (an exception value when it has none)."""
        if self.gazetteer is None:
            return UnknownPlace(name)
        try:
            return self.gazetteer.resolve(name, context=context)
        except (UnknownPlace, InputError) as error:
            return error

    def scope(self, text: str | None) -> Scope | None:
        """``text`` as scope units: countries and US states from the official table first,
        then the gazetteer (score ≥ 0.8), else the text itself. None for no scope."""
        if not text or not text.strip():
            return None
        if text not in self._scopes:
            units = tuple(dict.fromkeys(self._unit(part, bare) for part, bare in
                                        scope_parts(text)))
            self._scopes[text] = Scope(text=text, units=units)
        return self._scopes[text]

    def unknown_scope_parts(self, text: str) -> list[str]:
        """Parts of a scope that name nothing, not even without a trailing unit word
        ("Iraq-Syria border region" → "Iraq-Syria border" is still nothing)."""
        unknown = []
        scope = self.scope(text)
        for unit in scope.units if scope is not None else ():
            if unit.level != "text":
                continue
            shorter = without_unit_word(unit.name)
            if not shorter or shorter == unit.name.strip().lower() or (
                self._from_gazetteer(shorter, shorter) is None
            ):
                unknown.append(unit.name)
        return unknown

    def reference(self, name: str) -> Reference | None:
        """The official area of a compared-to name ("the size of Sweden"); None if none."""
        if name not in self._references:
            try:
                found: Reference | None = self._areas.lookup(name)
            except UnknownPlace:
                found = self._reference_from_gazetteer(name)
            self._references[name] = found
        return self._references[name]

    def _reference_from_gazetteer(self, name: str) -> Reference | None:
        if self.gazetteer is None:
            return None
        for kind in ("country", "state"):
            try:
                place = self.gazetteer.resolve(name, kind=kind)
            except (UnknownPlace, InputError):
                continue
            reference = self._areas.get(place.id)
            if reference is not None and place.score >= MIN_REFERENCE_SCORE:
                return reference
        return None

    def _unit(self, part: str, bare: str) -> ScopeUnit:
        if self._units is not None:
            # By its own name first; else by the other spellings of the place it names.
            unit = (self._units.scope_unit(part)
                    or self._units.scope_unit(part, also=self._spellings(part)))
            if unit is not None:
                return unit
        for candidate in dict.fromkeys((bare, _strip_unit_suffix(bare))):
            key = self._areas.exact_key(candidate)
            reference = self._areas.get(key) if key is not None else None
            if reference is not None and reference.kind == "country":
                return ScopeUnit(key, reference.name, "country", reference.code)
            if reference is not None:
                return ScopeUnit(key, reference.name, "admin1", "US")
        return self._from_gazetteer(part, bare) or text_unit(part, bare)

    def _spellings(self, text: str) -> tuple[str, ...]:
        """The names of the place the gazetteer finds for ``text`` (for matching units)."""
        place = self.place(text)
        return (place.name, *place.alt_names) if isinstance(place, Place) else ()

    def _from_gazetteer(self, part: str, bare: str) -> ScopeUnit | None:
        for query in dict.fromkeys((part, bare)):
            place = self.place(query)
            if not isinstance(place, Place) or place.score < MIN_SCOPE_SCORE:
                continue
            if place.kind == "country":
                return ScopeUnit(place.id, place.name, "country", place.country)
            if place.id.startswith("admin1:") or place.kind in ("governorate", "province"):
                return ScopeUnit(place.id, place.name, "admin1", place.country, place.id)
            level = "feature" if place.kind in FEATURE_KINDS else "place"
            return ScopeUnit(place.id, place.name, level, place.country, place.admin1_id)
        return None

    # --- a whole run --------------------------------------------------------------------------

    def resolve(
        self,
        claims: Iterable[Claim],
        *,
        files: Mapping[str, str] | None = None,
        mentions: Iterable[Mention] = (),
    ) -> ResolvedClaims:
        claims = tuple(claims)
        per_claim = [self._claim(claim) for claim in claims]
        scope_texts = {t for c in claims for t in (c.scope, c.of_total) if t and t.strip()}
        names = {n for c in claims if c.comparison for n in c.comparison.reference}
        return ResolvedClaims(
            claims=claims,
            places=tuple(places for places, _ in per_claim),
            scopes={text: scope for text in sorted(scope_texts)
                    if (scope := self.scope(text)) is not None},
            references={name: self.reference(name) for name in sorted(names)},
            mentions=tuple(mentions),
            unresolved=tuple(u for _, failed in per_claim for u in failed),
            files=dict(files or {}),
            areas=self._areas,
        )

    def _claim(self, claim: Claim) -> tuple[ClaimPlaces, list[Unresolved]]:
        names = [*claim.places, *(claim.extra.get(PLACE_NAMES) or [])]
        name_context = tuple(n for n in names if isinstance(n, str))
        resolved: list[Place] = []
        failed: dict[str, Unresolved] = {}
        for item in names:
            if isinstance(item, Place):
                resolved.append(item)
                continue
            answer = self.place(item, tuple(n for n in name_context if n != item))
            if isinstance(answer, Place):
                resolved.append(answer)
            else:
                failed.setdefault(item, Unresolved(claim.id, "places", item, answer))
        target, note = self._target(claim, names, resolved, name_context, failed)
        if target is not None and (target.lat is None or target.lon is None):
            note = f"{target.name} has no published coordinates ({target.precision})"
        if claim.km2 is None and note is None:
            note = "no area figure"
        places = tuple(dict.fromkeys([*(p for p in [target] if p is not None), *resolved]))
        return ClaimPlaces(target, places, note), list(failed.values())

    def _target(
        self,
        claim: Claim,
        names: list[Place | str],
        resolved: list[Place],
        name_context: tuple[str, ...],
        failed: dict[str, Unresolved],
    ) -> tuple[Place | None, str | None]:
        """The place a claim is drawn at, and a note when there is none."""
        if not claim.scope:
            if resolved:
                return resolved[0], None
            if names:
                return None, f"no place of {', '.join(map(str, names))} could be resolved"
            return None, "the claim names no place"
        # A scope that names one of the claim's places is that place.
        same = fold(claim.scope)
        for place in claim.places:
            if fold(place.query or place.name) == same:
                return place, None
        answer = self.place(claim.scope, tuple(n for n in name_context if n != claim.scope))
        if isinstance(answer, Place):
            return answer, None
        # "Iraq and Syria", "Iraq-Syria border region": no one gazetteer entry, but each part
        # may still be a country, unit or place to the checks.
        if self.gazetteer is not None and self.unknown_scope_parts(claim.scope):
            failed.setdefault(claim.scope, Unresolved(claim.id, "scope", claim.scope, answer))
        return None, str(answer)


def _strip_unit_suffix(bare: str) -> str:
    for word in _UNIT_SUFFIXES:
        if bare.endswith(" " + word):
            return bare[: -len(word) - 1].strip()
    return bare


def resolve_claims(
    claims: Iterable[Claim],
    *,
    gazetteer: Any | None,
    areas: ReferenceTable | None = None,
    files: Mapping[str, str] | None = None,
    mentions: Iterable[Mention] = (),
    units: Any | None = None,
) -> ResolvedClaims:
    """Resolve every name in ``claims`` once (see the module docstring); ``units``: a user's
    boundary file (UserUnits) whose units scopes may name."""
    return ClaimResolver(gazetteer, areas, units).resolve(claims, files=files,
                                                          mentions=mentions)


def require_resolved(
    resolved: ResolvedClaims,
    *,
    skip_unresolved: bool = False,
    warn: Callable[[str], None] | None = None,
    warn_only: Collection[str] = (),
) -> list[Unresolved]:
    """The policy for names that do not resolve: none is dropped without a word.

    Raises :class:`UnresolvedPlaces` (exit 3) listing "FILE, claim ID: unknown place 'X';
    did you mean …" for each, or with ``skip_unresolved`` calls ``warn`` once per name and
    returns them (the claims keep their rows, without geometry). Text that is no place name
    at all (over-long, control characters) is a ClaimsFileError (exit 2). Claims in
    ``warn_only`` (extracted from news text: a reader can fix a claims file, not an article)
    only warn.
    """
    files = resolved.files
    blocking = [u for u in resolved.unresolved if u.claim_id not in warn_only]
    for item in blocking:
        if isinstance(item.error, InputError):
            raise ClaimsFileError(
                f"claim {item.claim_id}: {item.error.message}",
                source=files.get(item.claim_id),
                field=item.field,
                hint=item.error.hint,
            )
    if blocking and not skip_unresolved:
        raise UnresolvedPlaces(blocking, files)
    for item in resolved.unresolved:
        if warn is not None:
            warn(f"contested: warning: {item.describe(files.get(item.claim_id))}; skipped")
    return list(resolved.unresolved)


def mentions_of(pairs: Sequence[tuple[Place, str]]) -> list[Mention]:
    """(Place, document) pairs as Mentions."""
    return [Mention(place, document) for place, document in pairs]

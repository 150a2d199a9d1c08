"""Claims with their names resolved: the one value every stage after resolution takes.

The resolution stage (:func:`contested.resolution.resolve_claims`) is the only code that asks
the gazetteer about a claim's places, scope, compared-to references or what a percent is of.
It returns a :class:`ResolvedClaims`; the checks, the geometry layer, export and the maps
read places, scope units and official areas from it and never resolve a name themselves.

    >>> from contested.claims.model import Claim
    >>> resolved = ResolvedClaims.unresolved_view([Claim(id="a:1", scope="Iraq")])
    >>> resolved.scope("Iraq").units[0].level
    'text'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from contested.claims.model import Claim
from contested.claims.scope import Scope, scope_parts, text_unit
from contested.core.exceptions import ContestedError, InputError, UnknownPlace
from contested.gazetteer.official_areas import Reference, ReferenceTable
from contested.gazetteer.place import Place


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A name in a claim that the gazetteer cannot resolve.

    ``field`` is "places", "scope", "comparison" or "of_total"; ``error`` is the gazetteer's
    answer: an UnknownPlace (with suggestions), or an InputError for text that is no place
    name at all (too long, control characters).
    """

    claim_id: str
    field: str
    name: str
    error: ContestedError

    def describe(self, file: str | None = None) -> str:
        """"FILE, claim ID: unknown place 'X'; did you mean …?" """
        where = f"{file}, claim {self.claim_id}" if file else f"claim {self.claim_id}"
        if isinstance(self.error, InputError):
            return f"{where}, field '{self.field}': {self.error.message}"
        return f"{where}: {self.error}"


class UnresolvedPlaces(UnknownPlace):
    """Claims name places the gazetteer cannot resolve (exit 3); one line per name."""

    MAX_LISTED = 20

    def __init__(self, unresolved: Sequence[Unresolved], files: Mapping[str, str]) -> None:
        first = unresolved[0]
        super().__init__(first.name, getattr(first.error, "suggestions", ()))
        self.unresolved = list(unresolved)
        lines = [u.describe(files.get(u.claim_id)) for u in unresolved[: self.MAX_LISTED]]
        if len(unresolved) > self.MAX_LISTED:
            lines.append(f"... and {len(unresolved) - self.MAX_LISTED} more")
        lines.append(
            "fix the names (try `contested resolve NAME`), give the place as a resolve object "
            "with lat/lon, or pass --skip-unresolved to go on without them"
        )
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class ClaimPlaces:
    """Where one claim is. ``target`` is the place its figure is drawn at and compared with
    (its scope's place, else the first place it names); ``places`` every place it names,
    target first; ``note`` why it cannot be drawn (no place, no coordinates, no figure)."""

    target: Place | None = None
    places: tuple[Place, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A place a document names (news text), with the document's name."""

    place: Place
    document: str


@dataclass(frozen=True)
class ResolvedClaims:
    """The claims of a run with every name in them resolved once.

    ``places`` runs parallel to ``claims``. ``scopes`` maps each scope text (and each
    ``of_total`` text) to its units; ``references`` maps each compared-to name to its
    official area, or None when no table entry matches; ``mentions`` are the places the news
    texts name besides; ``unresolved`` the names nothing matched; ``files`` the file each
    claim came from (claim id → path), for messages.
    """

    claims: tuple[Claim, ...]
    places: tuple[ClaimPlaces, ...]
    scopes: Mapping[str, Scope] = field(default_factory=dict)
    references: Mapping[str, Reference | None] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    files: Mapping[str, str] = field(default_factory=dict)
    areas: ReferenceTable | None = None  # the official-areas table the stage used

    def __post_init__(self) -> None:
        if len(self.claims) != len(self.places):
            raise ValueError("ResolvedClaims: one ClaimPlaces per claim")

    def __len__(self) -> int:
        return len(self.claims)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def scope(self, text: str | None) -> Scope | None:
        """The resolved scope of ``text`` (a claim's ``scope`` or ``of_total``); None for none.

        A text the stage never saw (a claim added later) comes back as plain text units.
        """
        if not text or not text.strip():
            return None
        found = self.scopes.get(text)
        if found is not None:
            return found
        return Scope(text, tuple(text_unit(part, bare) for part, bare in scope_parts(text)))

    def reference(self, name: str) -> Reference:
        """The official area of a compared-to name, or of a table key ("country:IQ");
        UnknownPlace when there is none."""
        found = self.references.get(name)
        if found is None and self.areas is not None:
            found = self.areas.get(name)
        if found is None:
            raise UnknownPlace(name)
        return found

    @property
    def targets(self) -> list[Place | None]:
        return [entry.target for entry in self.places]

    @classmethod
    def unresolved_view(cls, claims: Sequence[Claim]) -> ResolvedClaims:
        """Claims taken as they are: their own Place objects, text scopes, no references.

        For code that has claims but no gazetteer (a quick check of arithmetic or units);
        rules that need places or official areas then find nothing to compare.
        """
        claims = tuple(claims)
        places = tuple(
            ClaimPlaces(claim.places[0] if claim.places else None, tuple(claim.places))
            for claim in claims
        )
        return cls(claims, places)

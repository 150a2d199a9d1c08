"""The Python facade: what the command line does, as functions a notebook calls.

Each function takes plain claims (a list of :class:`~contested.claims.model.Claim`) or
claims already resolved (:class:`~contested.claims.resolved.ResolvedClaims`); plain claims
are resolved here with the shipped gazetteer, once per call. Pass the ResolvedClaims of
:func:`resolve_claims` to several functions so their names are resolved only once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contested.claims.model import Claim
from contested.claims.resolved import ResolvedClaims
from contested.core.exceptions import InputError, UnknownPlace
from contested.gazetteer import default_gazetteer

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from contested.checks.model import Finding, Tolerances
    from contested.gazetteer.place import Place

ClaimsLike = ResolvedClaims | Iterable[Claim]


def resolve(name: str, **hints: Any) -> Place:
    """The best place for ``name`` (``contested resolve NAME``); hints as
    :meth:`contested.gazetteer.Gazetteer.resolve` takes them (``country="IQ"``,
    ``kind="city"``). Raises :class:`~contested.core.exceptions.UnknownPlace`."""
    if not isinstance(name, str):
        raise InputError(f"resolve() takes a place name, got {type(name).__name__}",
                         hint='resolve("Hawija") or resolve("Hawija", country="IQ")')
    try:
        return default_gazetteer().resolve(name, **hints)
    except UnknownPlace as error:
        raise UnknownPlace(error.query, error.suggestions,
                           hint="check the spelling, or narrow the search: "
                                f"resolve({name!r}, country='IQ')") from None


def extract(text: str, *, source: str | None = None, date: str | None = None) -> list[Claim]:
    """The claims of a news text; ids are ``<source>:<N>`` (``text:<N>`` without a source)."""
    from contested.claims.extract import extract_claims

    if not isinstance(text, str):
        raise InputError(f"extract() takes the text of an article, got {type(text).__name__}",
                         hint="read the file first: extract(open(path).read(), source=path)")
    claims = extract_claims(text, source=source, date=date, gazetteer=default_gazetteer())
    # Ids name where the text came from: "<source>:N", or "text:N" (never the command
    # line's "stdin:N": a notebook has no stdin).
    if source is not None:
        return claims
    renamed = {claim.id: "text:" + str(claim.id).rsplit(":", 1)[-1] for claim in claims}
    return [claim.replace(id=renamed[claim.id],
                          linked=tuple(renamed.get(i, i) for i in claim.linked))
            for claim in claims]


def load_claims(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Claim]:
    """Claims from files (YAML, CSV, JSON Lines, GeoJSON) and news texts."""
    from contested.claims.claim_files import load_claims as load

    return load(paths, gazetteer=default_gazetteer())


def resolve_claims(claims: Iterable[Claim]) -> ResolvedClaims:
    """Every place, scope and compared-to name in ``claims`` resolved once."""
    from contested.resolution import resolve_claims as stage

    return stage(_claim_list(claims), gazetteer=default_gazetteer())


def check(
    claims: ClaimsLike,
    tolerances: Tolerances | None = None,
    *,
    rules: Sequence[str] | None = None,
) -> list[Finding]:
    """``contested check``: every rule over the claims, with the arithmetic of each finding."""
    from contested.checks import RULES, Tolerances, run_checks

    if tolerances is not None and not isinstance(tolerances, Tolerances):
        raise InputError(f"tolerances must be a Tolerances, got {type(tolerances).__name__}",
                         hint="Tolerances(comparison=0.2) or Tolerances.parse('comparison=0.2')")
    return run_checks(_resolved(claims), tolerances, rules=rules or RULES)


def layer(claims: ClaimsLike) -> gpd.GeoDataFrame:
    """One row per claim (EPSG:4326, point at its place)."""
    from contested.geo.attach import layer as claims_layer

    return claims_layer(_resolved(claims))


def export(claims: ClaimsLike, path: str | os.PathLike[str], *,
           layer: str | None = None) -> Path:
    """``contested export``: .gpkg, .geojson, .parquet or .fgb, written atomically."""
    from contested.geo.gis_export import export as write

    return write(_resolved(claims), path, layer=layer)


def layers(claims: ClaimsLike, findings: Iterable[Finding] | None = None,
           **options: Any) -> list[folium.FeatureGroup]:
    """Our map layers as folium FeatureGroups, to ``add_to`` a map of your own."""
    from contested.maps import layers as map_layers

    return map_layers(_resolved(claims), findings, **options)


def render(claims: ClaimsLike, findings: Iterable[Finding] | None = None,
           **options: Any) -> folium.Map:
    """``contested map`` as a folium Map (save it with :func:`save_map`)."""
    from contested.maps import render as render_map

    return render_map(_resolved(claims), findings, **options)


def _claim_list(claims: Any) -> list[Claim]:
    if isinstance(claims, str | os.PathLike):
        raise InputError("pass claims, not a path",
                         hint=f"load them first: load_claims({str(claims)!r})")
    try:
        items = list(claims)
    except TypeError:
        raise InputError(f"expected claims, got {type(claims).__name__}",
                         hint="pass a list of Claim (load_claims, extract)") from None
    wrong = next((item for item in items if not isinstance(item, Claim)), None)
    if isinstance(wrong, str):
        raise InputError("expected Claim objects, got text",
                         hint=f"turn text into claims first: extract({wrong[:40]!r})")
    if wrong is not None:
        raise InputError(f"expected Claim objects, got {type(wrong).__name__}",
                         hint="pass a list of Claim (load_claims, extract)")
    return items


def _resolved(claims: Any) -> ResolvedClaims:
    if isinstance(claims, ResolvedClaims):
        return claims
    return resolve_claims(_claim_list(claims))

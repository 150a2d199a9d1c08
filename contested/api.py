"""The Python facade: what the command line does, as functions a notebook calls.

Each function takes plain claims (a list of :class:`~contested.claims.model.Claim`) or
claims already resolved (:class:`~contested.claims.resolved.ResolvedClaims`); plain claims
are resolved here with the shipped gazetteer, once per call. Pass the ResolvedClaims of
:func:`resolve_claims` to several functions so their names are resolved only once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contested import api_checks as given
from contested.claims.model import Claim
from contested.claims.resolved import ResolvedClaims
from contested.core.exceptions import InputError, UnknownPlace
from contested.gazetteer import default_gazetteer

if TYPE_CHECKING:
    import altair as alt
    import folium
    import geopandas as gpd
    import pandas as pd

    from contested.checks.model import Finding, Tolerances
    from contested.claims.claim_files import ReadOptions
    from contested.gazetteer.place import Place
    from contested.pipeline import PipelineResult, RunOptions

ClaimsLike = ResolvedClaims | Iterable[Claim]


def resolve(name: str, **hints: Any) -> Place:
    """The best place for ``name`` (``contested resolve NAME``); hints as
    :meth:`contested.gazetteer.Gazetteer.resolve` takes them (``country="IQ"``,
    ``kind="city"``). Raises :class:`~contested.core.exceptions.UnknownPlace`."""
    given.text(name, "resolve()'s name", 'resolve("Hawija") or resolve("Hawija", country="IQ")')
    given.keywords(hints, ("country", "kind", "near", "context"), "resolve")
    try:
        return default_gazetteer().resolve(name, **hints)
    except UnknownPlace as error:
        raise UnknownPlace(error.query, error.suggestions,
                           hint="check the spelling, or narrow the search: "
                                f"resolve({name!r}, country='IQ')") from None


def extract(text: str, *, source: str | None = None, date: str | None = None) -> list[Claim]:
    """The claims of a news text; ids are ``<source>:<N>`` (``text:<N>`` without a source)."""
    from contested.claims.extract import extract_claims

    given.text(text, "extract()'s text",
               "read the file first: extract(open(path).read(), source=path)")
    if "\x00" in text:
        raise InputError("extract()'s text holds NUL characters (binary data), not an article",
                         hint="pass the article's plain text")
    given.optional_text(source, "source", 'source="reuters-2017-10-17"')
    date = given.date(date, "date")
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

    files = given.paths(paths, "load_claims()", 'load_claims("claims.yaml") or '
                        'load_claims(["a.txt", "claims.yaml"])')
    return load(files, gazetteer=default_gazetteer())


def save_claims(claims: Iterable[Claim], path: str | os.PathLike[str]) -> Path:
    """Write claims to .yaml, .csv, .jsonl, .json or .geojson (by extension), atomically;
    :func:`load_claims` reads them back."""
    from contested.claims.claim_files import save_claims as save
    from contested.core.files import check_writable_target

    items = _claim_list(claims)
    target = given.path(path, "save_claims()'s path", 'save_claims(claims, "claims.yaml")')
    return save(items, check_writable_target(target))


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
    chosen = given.rules(rules)
    return run_checks(_resolved(claims), tolerances, rules=RULES if chosen is None else chosen)


def layer(claims: ClaimsLike) -> gpd.GeoDataFrame:
    """One row per claim (EPSG:4326, point at its place)."""
    from contested.geo.attach import layer as claims_layer

    return claims_layer(_resolved(claims))


def export(claims: ClaimsLike, path: str | os.PathLike[str], *,
           layer: str | None = None) -> Path:
    """``contested export``: .gpkg, .geojson, .parquet or .fgb, written atomically."""
    from contested.geo.gis_export import export as write

    target = given.path(path, "export()'s path", 'export(claims, "claims.gpkg")')
    if layer is not None:
        given.text(layer, "layer", 'layer="claims"')
    return write(_resolved(claims), target, layer=layer)


def layers(claims: ClaimsLike, findings: Iterable[Finding] | None = None,
           **options: Any) -> list[folium.FeatureGroup]:
    """Our map layers as folium FeatureGroups, to ``add_to`` a map of your own."""
    from contested.maps import layers as map_layers

    given.keywords(options, ("boundaries", "references"), "layers")
    _check_map_options(options)
    return map_layers(_resolved(claims), given.findings(findings), **options)


def render(claims: ClaimsLike, findings: Iterable[Finding] | None = None,
           **options: Any) -> folium.Map:
    """``contested map`` as a folium Map (save it with :func:`save_map`)."""
    from contested.maps import render as render_map

    given.keywords(options, ("offline", "boundaries", "title", "tiles", "references",
                             "aggregate_above", "timeline_svg"), "render")
    _check_map_options(options)
    return render_map(_resolved(claims), given.findings(findings), **options)


def save_map(folium_map: folium.Map, path: str | os.PathLike[str], offline: bool = True) -> Path:
    """Write a folium Map as one HTML file, atomically; ``offline`` inlines what folium
    links (see :func:`contested.maps.save`)."""
    import folium

    from contested.core.files import check_writable_target
    from contested.maps import save

    target = given.path(path, "save_map()'s path", 'save_map(my_map, "map.html")')
    given.flag(offline, "offline")
    if not isinstance(folium_map, folium.Map):
        raise InputError(f"save_map() takes a folium.Map, got {type(folium_map).__name__}",
                         hint="contested.render(claims) makes one; or folium.Map() of your own")
    return save(folium_map, check_writable_target(target), offline=offline)


def run_pipeline(claims_files: Any, out_dir: str | os.PathLike[str],
                 options: RunOptions | None = None, read: ReadOptions | None = None
                 ) -> PipelineResult:
    """``contested run``: load, resolve, check and write places.jsonl, findings.jsonl, the
    reports, map.html and timeline.html into ``out_dir`` as one set. ``options``: a
    :class:`~contested.pipeline.RunOptions`; ``read``: a
    :class:`~contested.claims.claim_files.ReadOptions` (a single text's date and outlet)."""
    from contested.claims.claim_files import ReadOptions
    from contested.pipeline import RunOptions
    from contested.pipeline import run_pipeline as run

    hint = 'run_pipeline(["article.txt", "claims.yaml"], "out")'
    files = given.paths(claims_files, "run_pipeline()'s claims_files", hint)
    folder = given.path(out_dir, "run_pipeline()'s out_dir", hint)
    options = _checked_run_options(given.instance(options, RunOptions, "options",
                                                  "RunOptions(include_example=False)"))
    read = _checked_read_options(given.instance(read, ReadOptions, "read",
                                                'ReadOptions(date="2017-09-22")'))
    if not files and not options.include_example:
        raise InputError("no claims files and include_example=False: nothing to run", hint=hint)
    return run(files, folder, options, read)


def _check_map_options(options: dict[str, Any]) -> None:
    from contested.geo.user_units import UserUnits

    if "references" in options:
        options["references"] = given.names(options["references"], "references")
    for name in ("title", "tiles", "timeline_svg"):
        if options.get(name) is not None:
            given.text(options[name], name, f"{name}=\"...\"")
    if "offline" in options:
        given.flag(options["offline"], "offline")
    boundaries = options.get("boundaries")
    if boundaries is not None and not isinstance(boundaries, UserUnits):
        raise InputError(f"boundaries must be UserUnits, got {type(boundaries).__name__}",
                         hint="contested.geo.user_units.read_user_units(path)")
    above = options.get("aggregate_above")
    if above is not None and (isinstance(above, bool) or not isinstance(above, int)):
        raise InputError(f"aggregate_above must be a whole number, got {above!r:.40}")


def _checked_run_options(options: RunOptions | None) -> RunOptions:
    from contested.geo.user_units import UserUnits
    from contested.pipeline import RunOptions

    options = options or RunOptions()
    for name in ("include_example", "offline", "skip_unresolved",
                 "include_bundled_references"):
        given.flag(getattr(options, name), f"RunOptions.{name}")
    if options.units is not None and not isinstance(options.units, UserUnits):
        raise InputError(f"RunOptions.units must be UserUnits, got "
                         f"{type(options.units).__name__}",
                         hint="contested.geo.user_units.read_user_units(path)")
    files = given.paths(options.reference_files, "RunOptions.reference_files",
                        'RunOptions(reference_files=("estimates.csv",))')
    return replace(options, reference_files=tuple(files))


def _checked_read_options(read: ReadOptions | None) -> ReadOptions:
    from contested.claims.claim_files import ReadOptions

    read = read or ReadOptions()
    given.callback(read.warn, "ReadOptions.warn")
    given.optional_text(read.source, "ReadOptions.source", 'ReadOptions(source="Reuters")')
    gazetteer = read.gazetteer
    if gazetteer is not None and not callable(getattr(gazetteer, "resolve", None)):
        raise InputError(f"ReadOptions.gazetteer must be a Gazetteer, got "
                         f"{type(gazetteer).__name__}",
                         hint="contested.gazetteer.default_gazetteer()")
    return replace(read, date=given.date(read.date, "ReadOptions.date"))


def ledger(claims: ClaimsLike, *, references: Sequence[str | os.PathLike[str]] = (),
           bundled: bool = True) -> pd.DataFrame:
    """``contested ledger``: one row per estimate (the claims' and the published ones) with
    its band and the ledger's verdict. ``references``: CSV files of published estimates in
    the bundled table's columns; ``bundled=False`` leaves the bundled table out."""
    import pandas as pd

    from contested.checks.ledger.records import RECORD_FIELDS
    from contested.pipeline import ledger_table, published_tables

    hint = 'ledger(claims, references=["estimates.csv"], bundled=False)'
    files = given.paths(references, "references", hint)
    missing = next((path for path in files if not Path(path).is_file()), None)
    if missing is not None:
        raise InputError("no such file of published estimates", source=str(missing),
                         hint=hint)
    given.flag(bundled, "bundled")
    resolved = _resolved(claims)
    tables = published_tables(resolved, files, include_bundled=bundled)
    return pd.DataFrame.from_records(ledger_table(resolved, tables), columns=RECORD_FIELDS)


def timeline(claims: ClaimsLike, **options: Any) -> alt.Chart:
    """``contested timeline`` as an altair chart (``options`` as :func:`ledger` takes)."""
    from contested.maps.timeline import timeline_chart

    given.keywords(options, ("references", "bundled"), "timeline")
    return timeline_chart(ledger(claims, **options).to_dict("records"))


def _claim_list(claims: Any) -> list[Claim]:
    if isinstance(claims, str | os.PathLike):
        raise InputError("pass claims, not a path",
                         hint=f"load them first: load_claims({str(claims)!r})")
    if isinstance(claims, Claim):
        raise InputError("expected a list of claims, got one Claim", hint="pass [claim]")
    try:
        items = list(claims)
    except TypeError:
        raise InputError(f"expected claims, got {type(claims).__name__}",
                         hint="pass a list of Claim (load_claims, extract)") from None
    wrong = [item for item in items if not isinstance(item, Claim)][:1]
    if wrong and isinstance(wrong[0], str):
        raise InputError("expected Claim objects, got text",
                         hint=f"turn text into claims first: extract({wrong[0][:40]!r})")
    if wrong:
        raise InputError(f"expected Claim objects, got {type(wrong[0]).__name__}",
                         hint="pass a list of Claim (load_claims, extract)")
    return items


def _resolved(claims: Any) -> ResolvedClaims:
    if isinstance(claims, ResolvedClaims):
        return claims
    return resolve_claims(_claim_list(claims))

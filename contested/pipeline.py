"""The composition root: one function that runs resolve → check → report → map.

The CLI (`contested run`) and notebooks call :func:`run_pipeline`; each step is the public
API of its layer, so this module only wires them together and writes the outputs.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contested.core.exceptions import InputError
from contested.core.files import check_name_lengths, check_writable_target, write_set_atomic
from contested.gazetteer import default_gazetteer

if TYPE_CHECKING:
    from contested.checks.model import Finding, Tolerances
    from contested.claims.claim_files import ReadOptions
    from contested.claims.resolved import ResolvedClaims
    from contested.gazetteer.place import Place
    from contested.geo.user_units import UserUnits


def example_claims_path() -> Path:
    """The bundled example claims file (package data of :mod:`contested`)."""
    return Path(str(resources.files("contested") / "data" / "example_claims.yaml"))


def load_resolved(
    paths: Sequence[str | os.PathLike[str]],
    read: ReadOptions | None = None,
    *,
    skip_unresolved: bool = False,
    units: UserUnits | None = None,
) -> ResolvedClaims:
    """Load claims files and news texts, resolve every name in them once, apply the policy.

    What ``check``, ``export``, ``map`` and ``run`` read their claims with. An unknown place
    in a claims file raises UnresolvedPlaces (exit 3) naming the file, the claim and the
    name; with ``skip_unresolved`` it is reported through ``read.warn`` (default: stderr) and
    the claim kept without geometry. Names in news text only warn: an article cannot be fixed.
    ``read`` (:class:`~contested.claims.claim_files.ReadOptions`): the gazetteer (here None
    means the shipped one), and the publication date and outlet of a single news text
    (``--date``/``--source``); ``units`` (a user's boundary file) are the units scopes name
    first.
    """
    from contested.claims.claim_files import ReadOptions, load_files
    from contested.resolution import ClaimResolver, require_resolved

    read = read or ReadOptions()
    warn = read.warn or _to_stderr
    resolver = ClaimResolver(read.gazetteer if read.gazetteer is not None
                             else default_gazetteer(), units=units)
    # The texts' place mentions go through the resolver's cache too: one answer per question.
    loaded = load_files(paths, replace(read, gazetteer=resolver.gazetteer, warn=warn))
    claims = [claim for one in loaded for claim in one.claims]
    resolved = resolver.resolve(
        claims,
        files={claim.id: one.path for one in loaded for claim in one.claims},
        mentions=[mention for one in loaded for mention in one.mentions],
    )
    require_resolved(
        resolved,
        skip_unresolved=skip_unresolved,
        warn=warn,
        warn_only={claim_id for one in loaded for claim_id in one.extracted},
    )
    return resolved


def check_resolved(
    resolved: ResolvedClaims,
    tolerances: Tolerances | None = None,
    *,
    rules: Sequence[str] | None = None,
    units: UserUnits | None = None,
    published: Sequence[Any] | None = None,
) -> list[Finding]:
    """Every check over resolved claims; containment measures the units of a user's
    boundary file (``units``) by their polygons, the rest as :func:`run_checks` does
    (``published``: the tables of published estimates, see :func:`published_tables`)."""
    from contested.checks import RULES, run_checks
    from contested.checks.containment import default_unit_area

    unit_area = default_unit_area(resolved.areas)
    if units is not None:
        unit_area = units.unit_area(unit_area)
    return run_checks(resolved, tolerances, rules=rules or RULES, unit_area=unit_area,
                      published=published)


def published_tables(resolved: ResolvedClaims, files: Sequence[str | os.PathLike[str]] = (),
                     *, include_bundled: bool = True) -> list[Any]:
    """The published-estimate tables to check ``resolved`` against: the bundled one (unless
    ``include_bundled`` is false) and the user's ``files``."""
    from contested.checks.ledger import load_published
    from contested.gazetteer.official_areas import default_references

    areas = resolved.areas if resolved.areas is not None else default_references()
    paths = ([None] if include_bundled else []) + list(files)
    return [load_published(path, areas) for path in paths]


def ledger_table(resolved: ResolvedClaims, tables: Sequence[Any],
                 findings: Sequence[Finding] | None = None) -> list[dict[str, Any]]:
    """The ledger's records (``contested ledger --json``): every estimate of the claims and of
    the published ``tables``, with its band and the ledger's verdict (from ``findings``, or
    from the checks run here)."""
    from contested.checks.ledger import build_ledger
    from contested.checks.ledger.records import ledger_records

    if findings is None:
        findings = check_resolved(resolved, published=tables)
    return ledger_records(build_ledger(resolved, tables), findings)


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class PipelineResult:
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""


def _prepare_out_dir(out_dir: Path) -> Path:
    # `run -o DIR` names a folder, so (unlike a file path) it is created when missing.
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create the output folder: {error.strerror}",
                         source=str(out_dir), hint="choose a folder you can write to") from None
    try:
        check_writable_target(out_dir / "map.html")
    except InputError as error:
        raise InputError("the output folder is not writable", source=str(out_dir),
                         hint=error.hint) from None
    return out_dir


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What ``contested run`` does besides reading: add the bundled example, draw the map
    offline, go on past unknown places (warning), check against which published estimates
    (``reference_files`` and, unless told not to, the bundled table), and the user's boundary
    units (containment, shading and popups)."""

    include_example: bool = True
    offline: bool = True
    skip_unresolved: bool = False
    reference_files: tuple[str | os.PathLike[str], ...] = ()
    include_bundled_references: bool = True
    units: UserUnits | None = None


def run_pipeline(
    claims_files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    options: RunOptions | None = None,
    read: ReadOptions | None = None,
) -> PipelineResult:
    """Load claims, resolve their places, check them, and write the outputs into ``out_dir``:
    places.jsonl, findings.jsonl, report.md, report.html, map.html, timeline.html.

    Everything is validated (claims files, place names) and every output made in memory
    before the folder is touched; the files then replace the previous run's as one set.
    ``options``: :class:`RunOptions`; ``read``: how inputs are read, as in
    :func:`load_resolved`.
    """
    from contested.checks.report import summary_line

    check_name_lengths(out_dir)  # a bad -o fails before the work, not after it
    options = options or RunOptions()
    units = options.units
    paths = ([example_claims_path()] if options.include_example else []) + [
        Path(p) for p in claims_files]
    resolved = load_resolved(paths, read, skip_unresolved=options.skip_unresolved, units=units)
    tables = published_tables(resolved, options.reference_files,
                              include_bundled=options.include_bundled_references)
    outputs, counts, findings = _outputs(resolved, tables, options.offline, units)
    out = _prepare_out_dir(Path(out_dir))
    written = write_set_atomic(out, outputs)
    result = PipelineResult()
    for path in written:
        what, count = counts[path.name]
        result.artifacts.append({"what": what, "path": str(path), "count": count})
    result.summary = (
        f"{len(resolved)} claims from {len(paths)} file(s), {counts['places.jsonl'][1]} "
        f"places; {summary_line(findings)}; outputs in {out}/"
    )
    return result


def _outputs(resolved: ResolvedClaims, tables: list[Any], offline: bool,
             units: UserUnits | None = None,
             ) -> tuple[dict[str, bytes], dict[str, tuple[str, int]], list[Any]]:
    """Every output of a run, in memory: file name → bytes, and (what, count) per file."""
    from contested import maps
    from contested.checks.report import render_html, render_markdown
    from contested.maps.frames import frames_from_claims
    from contested.maps.render import page_html
    from contested.maps.timeline import timeline_chart, timeline_html, timeline_svg

    claims = list(resolved.claims)
    places = resolved_places(resolved)
    findings = check_resolved(resolved, units=units, published=tables)
    records = ledger_table(resolved, tables, findings)
    chart = timeline_chart(records)
    chart_svg = timeline_svg(chart)
    folium_map = maps.render(frames_from_claims(resolved, boundaries=units), findings,
                             offline=offline,
                             timeline_svg=timeline_svg(timeline_chart(records, width=220,
                                                                      compact=True)))
    outputs = {
        "places.jsonl": _lines(places),
        "findings.jsonl": _lines([f.to_dict() for f in findings]),
        "report.md": render_markdown(findings, claims),
        "report.html": render_html(findings, claims, figure_svg=chart_svg),
        "map.html": page_html(folium_map, offline=offline),
        "timeline.html": timeline_html(chart),
    }
    counts = {"places.jsonl": ("places", len(places)),
              "findings.jsonl": ("findings", len(findings)),
              "report.md": ("report", len(findings)), "report.html": ("report", len(findings)),
              "map.html": ("map", len(claims)), "timeline.html": ("timeline", len(claims))}
    return {name: text.encode("utf-8") for name, text in outputs.items()}, counts, findings


def _lines(records: Sequence[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def resolved_places(resolved: ResolvedClaims) -> list[dict[str, Any]]:
    """Each distinct place the claims name (one per place id), as a `contested resolve`
    object whose ``query`` is a name a document wrote for it, plus ``queries`` (every such
    name) and the ids of the claims that name it, in the order first named."""
    first: dict[str, Place] = {}
    queries: dict[str, list[str]] = {}
    claim_ids: dict[str, list[str]] = {}
    for claim, entry in zip(resolved.claims, resolved.places, strict=True):
        for place in entry.places:
            key = place.id or f"{place.name}@{place.lat},{place.lon}"
            first.setdefault(key, place)
            if place.query and place.query != place.id:  # an id is no name anyone wrote
                queries.setdefault(key, []).append(place.query)
            claim_ids.setdefault(key, []).append(claim.id)
    records = []
    for key, place in first.items():
        written = list(dict.fromkeys(queries.get(key, [])))
        records.append({**place.to_dict(), "query": written[0] if written else place.name,
                        "queries": written, "claims": list(dict.fromkeys(claim_ids[key]))})
    return records


def write_outputs(
    resolved: ResolvedClaims,
    tables: list[Any],
    out_dir: str | os.PathLike[str],
    *,
    offline: bool = True,
    extra: dict[str, tuple[str, int, bytes]] | None = None,
) -> tuple[list[dict[str, Any]], list[Any]]:
    """What :func:`run_pipeline` writes, for claims resolved elsewhere (``contested corpus``):
    places, findings, reports, map and timeline of ``resolved`` checked against ``tables``,
    plus ``extra`` files (name → (what, count, bytes)), into ``out_dir`` as one set.
    Returns the artifacts written ({what, path, count}) and the findings."""
    outputs, counts, findings = _outputs(resolved, tables, offline)
    for name, (what, count, data) in (extra or {}).items():
        outputs[name] = data
        counts[name] = (what, count)
    written = write_set_atomic(_prepare_out_dir(Path(out_dir)), outputs)
    artifacts = [{"what": counts[path.name][0], "path": str(path), "count": counts[path.name][1]}
                 for path in written]
    return artifacts, findings


def prepare_out_dir(out_dir: str | os.PathLike[str]) -> Path:
    """The output folder of a run: created when missing, refused (exit 2) when unwritable."""
    return _prepare_out_dir(Path(out_dir))

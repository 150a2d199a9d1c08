"""The composition root: one function that runs resolve → check → report → map.

The CLI (`contested run`) and notebooks call :func:`run_pipeline`; each step is the public
API of its layer, so this module only wires them together and writes the outputs.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contested.core.exceptions import InputError
from contested.core.files import check_writable_target, write_text_atomic
from contested.gazetteer import default_gazetteer

if TYPE_CHECKING:
    from contested.checks.model import Finding, Tolerances
    from contested.claims.resolved import ResolvedClaims
    from contested.gazetteer.place import Place
    from contested.geo.user_units import UserUnits


def example_claims_path() -> Path:
    """The bundled example claims file (package data of :mod:`contested`)."""
    return Path(str(resources.files("contested") / "data" / "example_claims.yaml"))


def load_resolved(
    paths: Sequence[str | os.PathLike[str]],
    *,
    gazetteer: Any = None,
    skip_unresolved: bool = False,
    warn: Callable[[str], None] | None = None,
    units: UserUnits | None = None,
) -> ResolvedClaims:
    """Load claims files and news texts, resolve every name in them once, apply the policy.

    What ``check``, ``export``, ``map`` and ``run`` read their claims with. An unknown place
    in a claims file raises UnresolvedPlaces (exit 3) naming the file, the claim and the
    name; with ``skip_unresolved`` it is reported through ``warn`` (default: stderr) and the
    claim kept without geometry. Names in news text only warn: an article cannot be fixed.
    ``gazetteer`` defaults to the shipped one; ``units`` (a user's boundary file) are the
    units scopes name first.
    """
    from contested.claims.claim_files import load_files
    from contested.resolution import ClaimResolver, require_resolved

    resolver = ClaimResolver(gazetteer if gazetteer is not None else default_gazetteer(),
                             units=units)
    # The texts' place mentions go through the resolver's cache too: one answer per question.
    loaded = load_files(paths, gazetteer=resolver.gazetteer)
    claims = [claim for one in loaded for claim in one.claims]
    resolved = resolver.resolve(
        claims,
        files={claim.id: one.path for one in loaded for claim in one.claims},
        mentions=[mention for one in loaded for mention in one.mentions],
    )
    require_resolved(
        resolved,
        skip_unresolved=skip_unresolved,
        warn=warn or _to_stderr,
        warn_only={claim.id for one in loaded if one.from_text for claim in one.claims},
    )
    return resolved


def check_resolved(
    resolved: ResolvedClaims,
    tolerances: Tolerances | None = None,
    *,
    rules: Sequence[str] | None = None,
    units: UserUnits | None = None,
) -> list[Finding]:
    """Every check over resolved claims; containment measures the units of a user's
    boundary file (``units``) by their polygons, the rest as :func:`run_checks` does."""
    from contested.checks import RULES, run_checks
    from contested.checks.containment import default_unit_area

    unit_area = default_unit_area(resolved.areas)
    if units is not None:
        unit_area = units.unit_area(unit_area)
    return run_checks(resolved, tolerances, rules=rules or RULES, unit_area=unit_area)


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class PipelineResult:
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""


def _write_lines(path: Path, records: Sequence[dict[str, Any]]) -> None:
    # Atomic, like every writer in contested: a failure leaves no partial file.
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    write_text_atomic(path, text)


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


def run_pipeline(
    claims_files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    include_example: bool = True,
    offline: bool = True,
    skip_unresolved: bool = False,
    warn: Callable[[str], None] | None = None,
    gazetteer: Any = None,
    units: UserUnits | None = None,
) -> PipelineResult:
    """Load claims, resolve their places, check them, and write the report and the map.

    Everything is validated (claims files, place names) before the output folder is made;
    ``skip_unresolved``, ``warn``, ``gazetteer`` and ``units`` (a user's boundary file: its
    units for containment, shading and popups) as in :func:`load_resolved`.
    """
    from contested import maps
    from contested.checks.report import summary_line, write_report
    from contested.maps.frames import frames_from_claims

    paths = ([example_claims_path()] if include_example else []) + [Path(p) for p in claims_files]
    # Validates everything before anything is written.
    resolved = load_resolved(paths, gazetteer=gazetteer, skip_unresolved=skip_unresolved,
                             warn=warn, units=units)
    claims = list(resolved.claims)
    out = _prepare_out_dir(Path(out_dir))
    result = PipelineResult()

    place_records = resolved_places(resolved)
    _write_lines(out / "places.jsonl", place_records)
    result.artifacts.append({"what": "places", "path": str(out / "places.jsonl"),
                             "count": len(place_records)})

    findings = check_resolved(resolved, units=units)
    _write_lines(out / "findings.jsonl", [f.to_dict() for f in findings])
    result.artifacts.append({"what": "findings", "path": str(out / "findings.jsonl"),
                             "count": len(findings)})
    for name in ("report.md", "report.html"):
        write_report(out / name, findings, claims)
        result.artifacts.append({"what": "report", "path": str(out / name),
                                 "count": len(findings)})

    frames = frames_from_claims(resolved, boundaries=units)
    folium_map = maps.render(frames, findings, offline=offline)
    maps.save(folium_map, out / "map.html", offline=offline)
    result.artifacts.append({"what": "map", "path": str(out / "map.html"),
                             "count": len(claims)})

    result.summary = (
        f"{len(claims)} claims from {len(paths)} file(s), {len(place_records)} places; "
        f"{summary_line(findings)}; outputs in {out}/"
    )
    return result


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

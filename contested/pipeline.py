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

if TYPE_CHECKING:
    from contested.claims.model import Claim
    from contested.gazetteer.place import Place
    from contested.geo.attach import Attachment


def example_claims_path() -> Path:
    """The bundled example claims file (package data of :mod:`geo`)."""
    return Path(str(resources.files("contested") / "data" / "example_claims.yaml"))


def load_checked_claims(
    paths: Sequence[str | os.PathLike[str]],
    *,
    skip_unresolved: bool = False,
    warn: Callable[[str], None] | None = None,
    gazetteer: Any = None,
) -> list[Claim]:
    """Load claims files and require that every place name and scope resolves.

    What `check`, `export` and `map` read their claims with; see :func:`load_attached_claims`.
    """
    return load_attached_claims(
        paths, skip_unresolved=skip_unresolved, warn=warn, gazetteer=gazetteer
    ).claims


def load_attached_claims(
    paths: Sequence[str | os.PathLike[str]],
    *,
    skip_unresolved: bool = False,
    warn: Callable[[str], None] | None = None,
    gazetteer: Any = None,
) -> Attachment:
    """Load claims files, resolve their places once, and apply the unknown-place policy.

    An unknown place in a claims file raises UnknownPlace (exit 3) naming the file, the claim
    and the name; with ``skip_unresolved`` it is reported through ``warn`` (default: stderr)
    and the claim kept without geometry. Claims read from news text only warn: an article
    cannot be fixed. Returns the :class:`~geo.attach.Attachment` (claims + resolved places).
    """
    from contested.claims.claim_files import FORMATS, load_claims_by_file
    from contested.geo.attach import attach, require_resolved

    by_file = load_claims_by_file(paths)
    claims = [claim for _, file_claims in by_file for claim in file_claims]
    files = {claim.id: file for file, file_claims in by_file for claim in file_claims}
    extracted = {
        claim.id
        for file, file_claims in by_file
        if file == "-" or FORMATS.get(Path(file).suffix.lower()) == "text"
        for claim in file_claims
    }
    attachment = attach(claims, gazetteer)
    require_resolved(
        claims,
        files=files,
        skip_unresolved=skip_unresolved,
        warn=warn or _to_stderr,
        warn_only=extracted,
        attachment=attachment,
    )
    return attachment


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
) -> PipelineResult:
    """Load claims, resolve their places, check them, and write the report and the map.

    Everything is validated (claims files, place names) before the output folder is made;
    ``skip_unresolved`` and ``warn`` as in :func:`load_checked_claims`.
    """
    from contested import maps
    from contested.checks import run_checks
    from contested.checks.report import summary_line, write_report
    from contested.maps.frames import frames_from_claims, named_places

    paths = ([example_claims_path()] if include_example else []) + [Path(p) for p in claims_files]
    # Validates everything before anything is written.
    attachment = load_attached_claims(paths, skip_unresolved=skip_unresolved, warn=warn)
    claims = attachment.claims
    out = _prepare_out_dir(Path(out_dir))
    result = PipelineResult()

    place_records = resolved_places(attachment)
    _write_lines(out / "places.jsonl", place_records)
    result.artifacts.append({"what": "places", "path": str(out / "places.jsonl"),
                             "count": len(place_records)})

    findings = run_checks(claims)
    _write_lines(out / "findings.jsonl", [f.to_dict() for f in findings])
    result.artifacts.append({"what": "findings", "path": str(out / "findings.jsonl"),
                             "count": len(findings)})
    for name in ("report.md", "report.html"):
        write_report(out / name, findings, claims)
        result.artifacts.append({"what": "report", "path": str(out / name),
                                 "count": len(findings)})

    frames = frames_from_claims(claims, attachment=attachment, mentioned=named_places(paths))
    folium_map = maps.render(frames, findings, offline=offline)
    maps.save(folium_map, out / "map.html", offline=offline)
    result.artifacts.append({"what": "map", "path": str(out / "map.html"),
                             "count": len(claims)})

    result.summary = (
        f"{len(claims)} claims from {len(paths)} file(s), {len(place_records)} places; "
        f"{summary_line(findings)}; outputs in {out}/"
    )
    return result


def resolved_places(attachment: Attachment) -> list[dict[str, Any]]:
    """Each distinct place the claims name, as a `contested resolve` object plus the ids of
    the claims that name it, in the order first named."""
    claim_ids: dict[Place, list[str]] = {}
    for claim, places in zip(attachment.claims, attachment.all_places, strict=True):
        for place in places:
            claim_ids.setdefault(place, []).append(claim.id)
    return [{**place.to_dict(), "claims": ids} for place, ids in claim_ids.items()]


def resolve(name: str, **hints: Any):
    """``contested resolve NAME`` in Python: the default gazetteer's best Place for ``name``."""
    from contested.gazetteer import default_gazetteer

    return default_gazetteer().resolve(name, **hints)

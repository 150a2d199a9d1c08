"""The composition root: one function that runs resolve → check → report → map.

The CLI (`contested run`) and notebooks call :func:`run_pipeline`; each step is the public
API of its layer, so this module only wires them together and writes the outputs.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from gazetteer.exceptions import InputError


def example_claims_path() -> Path:
    """The bundled example claims file (package data of :mod:`geo`)."""
    return Path(str(resources.files("geo") / "data" / "example_claims.yaml"))


@dataclass
class PipelineResult:
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""


def _write_lines(path: Path, records: Sequence[dict[str, Any]]) -> None:
    # Atomic, like every writer in contested: a failure leaves no partial file.
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prepare_out_dir(out_dir: Path) -> Path:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create the output folder: {error.strerror}",
                         source=str(out_dir), hint="choose a folder you can write to") from None
    if not os.access(out_dir, os.W_OK):
        raise InputError("the output folder is not writable", source=str(out_dir),
                         hint="choose a folder you can write to")
    return out_dir


def run_pipeline(
    claims_files: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    include_example: bool = True,
    offline: bool = True,
) -> PipelineResult:
    """Load claims, resolve their places, check them, and write the report and the map."""
    import maps
    from geo.attach import places as place_layer
    from geo.checks import run_checks
    from geo.checks.report import summary_line, write_report
    from geo.claims_io import load_claims

    paths = ([example_claims_path()] if include_example else []) + [Path(p) for p in claims_files]
    claims = load_claims(paths)  # validates everything before anything is written
    out = _prepare_out_dir(Path(out_dir))
    result = PipelineResult()

    places = place_layer(claims)
    place_records = [
        {key: (None if _is_missing(value) else value) for key, value in row.items()}
        for row in places.drop(columns="geometry").to_dict("records")
    ]
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

    folium_map = maps.render(claims, findings, offline=offline)
    maps.save(folium_map, out / "map.html", offline=offline)
    result.artifacts.append({"what": "map", "path": str(out / "map.html"),
                             "count": len(claims)})

    result.summary = (
        f"{len(claims)} claims from {len(paths)} file(s), {len(place_records)} places; "
        f"{summary_line(findings)}; outputs in {out}/"
    )
    return result


def _is_missing(value: Any) -> bool:
    try:
        return value != value  # NaN
    except Exception:  # noqa: BLE001 - arrays and odd types are not missing
        return False


def resolve(name: str, **hints: Any):
    """``contested resolve NAME`` in Python: the default gazetteer's best Place for ``name``."""
    from gazetteer import default_gazetteer

    return default_gazetteer().resolve(name, **hints)

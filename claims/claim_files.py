"""Read and write claims files: YAML, CSV, JSON Lines, GeoJSON, and news text.

One record per claim, with the fields of :class:`contested.claims.model.Claim`. An area is given as

* ``value`` + ``unit`` (any spelling of :mod:`contested.claims.units`; ``value_max`` for a range),
* ``km2`` alone,
* ``area: "more than 41,000 sq km"`` — a figure as written, read by
  :func:`contested.claims.quantity.parse_area` (qualifier, "thousand"/"mn", ranges, a figure given
  twice),
* or ``stated``: a list of ``{value, unit, km2, value_max}`` (what :func:`save_claims` writes
  when a statement gives its figure twice).

``places`` holds resolve objects (mappings as printed by ``contested resolve --json``) or
plain names. Names are not resolved here: they are kept, in order, in
``claim.extra["place_names"]`` and resolved when geometry is attached (:mod:`geo.attach`).
In a CSV, ``places`` is a ``;``-separated list of names or a JSON list, ``stated`` and
``comparison`` may be JSON; ``comparison`` may also be just the reference's name.

A claim without an ``id`` gets ``FILENAME:N`` (N = 1-based order in the file). Any bad
record raises :class:`~contested.core.exceptions.ClaimsFileError` naming the file, line and field,
and
nothing is returned: a file loads whole or not at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contested.claims.model import Claim
from contested.claims.records import Record, csv_records, json_records, jsonl_records, yaml_records
from contested.claims.resolved import Mention
from contested.claims.validate import PLACE_NAMES, claim_from_record
from contested.claims.writers import claim_record, save_claims
from contested.core.exceptions import ClaimsFileError

__all__ = [
    "FORMATS",
    "PLACE_NAMES",
    "LoadedFile",
    "claim_from_record",
    "claim_record",
    "load_claims",
    "load_claims_by_file",
    "load_files",
    "read_claims",
    "read_file",
    "save_claims",
]

FORMATS: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".geojson": "geojson",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """The claims of one input, and (news text only) every place the text names."""

    path: str
    claims: list[Claim]
    from_text: bool = False
    mentions: tuple[Mention, ...] = ()


def load_claims(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    gazetteer: Any = None,
) -> list[Claim]:
    """Read claims from one or more files (format from the extension; ``-`` is stdin text).

    News text is read with :func:`contested.claims.extract.extract_claims`, which finds the
    places it names with ``gazetteer`` (None: no places). Raises ClaimsFileError (file, line,
    field) on the first bad record; ids must be unique across all files.
    """
    return [claim for loaded in load_files(paths, gazetteer=gazetteer) for claim in loaded.claims]


def load_claims_by_file(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    gazetteer: Any = None,
) -> list[tuple[str, list[Claim]]]:
    """:func:`load_claims`, keeping which file each claim came from: (file, claims) pairs."""
    return [(loaded.path, loaded.claims) for loaded in load_files(paths, gazetteer=gazetteer)]


def load_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    gazetteer: Any = None,
) -> list[LoadedFile]:
    """Every input as a :class:`LoadedFile`, in the order given; ids unique across them."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    loaded: list[LoadedFile] = []
    seen: dict[str, str] = {}
    for path in paths:
        one = read_file(path, gazetteer=gazetteer)
        for claim in one.claims:
            if claim.id in seen:
                raise ClaimsFileError(
                    f"duplicate claim id {claim.id!r} (also in {seen[claim.id]})",
                    source=str(path),
                    field="id",
                    hint="give every claim its own id",
                )
            seen[claim.id] = str(path)
        loaded.append(one)
    return loaded


def read_claims(
    path: str | os.PathLike[str], fmt: str | None = None, *, gazetteer: Any = None
) -> list[Claim]:
    """Read the claims of one file; ``fmt`` overrides the format guessed from the extension."""
    return read_file(path, fmt, gazetteer=gazetteer).claims


def read_file(
    path: str | os.PathLike[str], fmt: str | None = None, *, gazetteer: Any = None
) -> LoadedFile:
    """One input: a claims file, or news text (extracted, with the places it names)."""
    if str(path) == "-":
        return _read_text(sys.stdin.read(), "stdin", "-", gazetteer)
    file = Path(path)
    fmt = fmt or FORMATS.get(file.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise ClaimsFileError(
            "unknown claims file type", source=str(file), hint=f"use one of: {known}"
        )
    try:
        # Bytes, not read_text: universal newlines would turn a "\r" inside a CSV cell
        # into "\n".
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ClaimsFileError("no such file", source=str(file)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ClaimsFileError(f"cannot read: {error}", source=str(file)) from None
    if fmt == "text":
        return _read_text(text, file.name, str(file), gazetteer)
    records = {
        "yaml": yaml_records,
        "csv": csv_records,
        "jsonl": jsonl_records,
        "json": json_records,
        "geojson": json_records,
    }[fmt](text, str(file))
    claims = _claims_from_records(records, file)
    if not claims:
        # An empty file is almost always the wrong file (or a failed export): say so.
        raise ClaimsFileError(
            "no claims in the file",
            source=str(file),
            hint="a claims file lists at least one claim; see contested/data/example_claims.yaml",
        )
    return LoadedFile(str(path), claims)


def _claims_from_records(records: Iterable[Record], file: Path) -> list[Claim]:
    claims: list[Claim] = []
    ids: dict[str, int | str | None] = {}
    for number, record in enumerate(records, start=1):
        claim = claim_from_record(
            record.data,
            default_id=f"{file.name}:{number}",
            source=str(file),
            line=record.line,
            field_lines=record.field_lines,
            label=record.label,
        )
        if claim.id in ids:
            where = ids[claim.id]
            raise ClaimsFileError(
                f"duplicate claim id {claim.id!r} (first at {where})",
                source=str(file),
                line=record.line,
                field="id",
            )
        ids[claim.id] = record.line if record.line is not None else record.label
        claims.append(claim)
    return claims


def _read_text(text: str, name: str, path: str, gazetteer: Any) -> LoadedFile:
    # Imported here: extraction pulls in the gazetteer's matcher, which files of claims
    # never need.
    from contested.claims.extract import extract_claims, find_places

    source = name if path == "-" else path
    # The text's place mentions are found once: the claims' places and the map's come from it.
    found = find_places(text, gazetteer) if gazetteer is not None else []
    extracted = extract_claims(text, source=source, gazetteer=gazetteer, mentions=found)
    claims = [
        claim if claim.id else claim.replace(id=f"{name}:{number}")
        for number, claim in enumerate(extracted, start=1)
    ]
    mentions = tuple(Mention(m.place, name) for m in found if m.place is not None)
    return LoadedFile(path, claims, from_text=True, mentions=mentions)



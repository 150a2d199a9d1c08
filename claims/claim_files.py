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

import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contested.claims.documents import (
    Document,
    document_from_record,
    document_from_text,
    is_document,
)
from contested.claims.model import Claim
from contested.claims.records import Record, csv_records, json_records, jsonl_records
from contested.claims.resolved import Mention
from contested.claims.validate import PLACE_NAMES, claim_from_record
from contested.claims.writers import claim_record, save_claims
from contested.claims.yaml_claims import yaml_records
from contested.core.exceptions import ClaimsFileError

__all__ = [
    "FORMATS",
    "PLACE_NAMES",
    "LoadedFile",
    "ReadOptions",
    "claim_from_record",
    "claim_record",
    "load_claims",
    "load_claims_by_file",
    "load_files",
    "read_claims",
    "read_documents",
    "read_file",
    "save_claims",
]

# One claims file or text read whole (check, map, export, run, ledger): a bigger one is the
# wrong file or a corpus (`contested extract` streams a text of any size).
MAX_INPUT_BYTES = 2**30
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
    """The claims of one input; for news text, every place it names and which claims were
    read out of prose (``extracted``: a reader can fix a claims file, not an article)."""

    path: str
    claims: list[Claim]
    mentions: tuple[Mention, ...] = ()
    extracted: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read. ``gazetteer`` finds the places news texts name (None: none);
    ``date``/``source`` set the publication date and outlet of a single text or stdin
    (``--date``/``--source``); ``warn`` hears about what was read with a repair."""

    gazetteer: Any = None
    date: str | None = None
    source: str | None = None
    warn: Callable[[str], None] | None = None


def load_claims(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    gazetteer: Any = None,
) -> list[Claim]:
    """Read claims from one or more files (format from the extension; ``-`` is stdin).

    News text (and documents: JSON records with a ``text`` field) is read with
    :func:`contested.claims.extract.extract_claims`, which finds the places it names with
    ``gazetteer`` (None: no places). Raises ClaimsFileError (file, line, field) on the first
    bad record; ids must be unique across all files.
    """
    options = ReadOptions(gazetteer=gazetteer)
    return [claim for loaded in load_files(paths, options) for claim in loaded.claims]


def load_claims_by_file(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    gazetteer: Any = None,
) -> list[tuple[str, list[Claim]]]:
    """:func:`load_claims`, keeping which file each claim came from: (file, claims) pairs."""
    options = ReadOptions(gazetteer=gazetteer)
    return [(loaded.path, loaded.claims) for loaded in load_files(paths, options)]


def load_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    options: ReadOptions | None = None,
) -> list[LoadedFile]:
    """Every input as a :class:`LoadedFile`, in the order given; ids unique across them."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    options = options or ReadOptions()
    loaded: list[LoadedFile] = []
    seen: dict[str, str] = {}
    for path in paths:
        one = read_file(path, options=options)
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
    return read_file(path, fmt, options=ReadOptions(gazetteer=gazetteer)).claims


def read_file(
    path: str | os.PathLike[str], fmt: str | None = None, *,
    options: ReadOptions | None = None,
) -> LoadedFile:
    """One input: a claims file, news text, or documents (JSON records with ``text``)."""
    options = options or ReadOptions()
    if str(path) == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        _refuse_oversized(len(raw), "stdin")
        text = _decode(raw, "stdin", options)
        return _read_text_or_records(text, "-", sniff_format(text), options)
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
        with file.open("rb") as handle:
            _refuse_oversized(os.fstat(handle.fileno()).st_size, str(file))  # before reading
            raw = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise ClaimsFileError("no such file", source=str(file)) from None
    except OSError as error:
        raise ClaimsFileError(f"cannot read: {error.strerror or error}",
                              source=str(file)) from None
    _refuse_oversized(len(raw), str(file))
    # A file name that is not UTF-8 (a lone surrogate from the file system) would end up in
    # every claim id and output: the claims name the file with U+FFFD for its bad bytes.
    shown = os.fsencode(file).decode("utf-8", "replace")
    return _read_text_or_records(_decode(raw, shown, options, fmt), shown, fmt, options)


def _refuse_oversized(size: int, name: str) -> None:
    if size > MAX_INPUT_BYTES:
        raise ClaimsFileError(f"larger than {MAX_INPUT_BYTES // 2**30} GiB: claims files and "
                              "texts are read whole", source=name,
                              hint="split it, or stream a long text through "
                                   "`contested extract` (no size limit)")


def sniff_format(text: str) -> str:
    """What stdin holds: JSON Lines or JSON of claims/documents (``extract --json`` piped
    into ``check -``), else news text."""
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        first = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"  # one object over several lines
        return "jsonl"
    return "text"


def _decode(raw: bytes, name: str, options: ReadOptions, fmt: str = "text") -> str:
    """UTF-8 text; news text with a few bad bytes is repaired (and said so), a claims
    file is not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if fmt != "text":
            raise ClaimsFileError(f"cannot read: {error}", source=name,
                                  hint="save the file as UTF-8") from None
    else:
        if fmt != "text" and "\x00" in text:  # as in a text file: binary, in every format
            raise ClaimsFileError("binary data (a NUL byte), not a claims file", source=name,
                                  line=text.count("\n", 0, text.index("\x00")) + 1,
                                  hint="save the claims as UTF-8 text")
        return text
    text = raw.decode("utf-8-sig", errors="replace")
    if options.warn is not None:
        options.warn(f"contested: warning: {name}: {text.count(chr(0xFFFD)):,} bytes were "
                     "not UTF-8 and were replaced by U+FFFD")
    return text


def _read_text_or_records(text: str, path: str, fmt: str, options: ReadOptions) -> LoadedFile:
    name = "stdin" if path == "-" else Path(path).name
    if fmt == "text":
        return read_documents(
            [document_from_text(_checked_text(text, path), name, source=path,
                                date=options.date, outlet=options.source)], path, options)
    records = {
        "yaml": yaml_records,
        "csv": csv_records,
        "jsonl": jsonl_records,
        "json": json_records,
        "geojson": json_records,
    }[fmt](text, path)
    return _from_records(records, path, name, options)


def _checked_text(text: str, path: str) -> str:
    if "\x00" in text:
        raise ClaimsFileError("binary data (NUL bytes), not text", source=path,
                              hint="pass a plain-text article (UTF-8)")
    if not text.strip():
        raise ClaimsFileError("empty input: no text to read claims from", source=path,
                              hint="pass a news article as a text file, or a claims file")
    return text


def _from_records(records: Iterable[Record], path: str, name: str,
                  options: ReadOptions) -> LoadedFile:
    """Claims from records; a record with ``text`` is a document, read as news text."""
    claims: list[Claim] = []
    documents: list[Document] = []
    first_at: dict[str, int | str | None] = {}
    for number, record in enumerate(records, start=1):
        where = record.line if record.line is not None else record.label
        _refuse_text_that_is_not_text(record, path)
        if is_document(record.data):
            document = document_from_record(record.data, f"{name}:{number}", source=path,
                                            line=record.line)
            _refuse_duplicate(document.id, where, first_at, path, record.line)
            documents.append(document)
            continue
        claim = claim_from_record(record.data, default_id=f"{name}:{number}", source=path,
                                  line=record.line, field_lines=record.field_lines,
                                  label=record.label)
        _refuse_duplicate(claim.id, where, first_at, path, record.line)
        claims.append(claim)
    if not claims and documents and not any(d.text.strip() for d in documents):
        raise ClaimsFileError("every document's text is empty: no text to read claims from",
                              source=path, field="text",
                              hint="pass the articles' text, or a claims file")
    if not claims and not documents:
        # An empty file is almost always the wrong file (or a failed export): say so.
        raise ClaimsFileError(
            "no claims in the file", source=path,
            hint="a claims file lists at least one claim; see contested/data/example_claims.yaml",
        )
    from_documents = read_documents(documents, path, options)
    return LoadedFile(path, claims + from_documents.claims, from_documents.mentions,
                      from_documents.extracted)


def _refuse_text_that_is_not_text(record: Record, path: str) -> None:
    """A record whose ``text`` is a number, a list or an object is neither a document nor a
    claim: refused, rather than read as a claim with no figure."""
    if "text" in record.data and record.data["text"] is not None and not is_document(
            record.data):
        label = f"{record.label}: " if record.label and record.line is None else ""
        raise ClaimsFileError(f"{label}a document's text is a string, got "
                              f"{type(record.data['text']).__name__}", source=path,
                              line=record.line, field="text")


def _refuse_duplicate(key: str, where: int | str | None, first_at: dict[str, Any], path: str,
                      line: int | None) -> None:
    if key in first_at:
        raise ClaimsFileError(f"duplicate id {key!r} (first at {first_at[key]})",
                              source=path, line=line, field="id")
    first_at[key] = where


def read_documents(documents: list[Document], path: str, options: ReadOptions) -> LoadedFile:
    """The claims of news documents, ids ``<document id>:<N>``, and the places they name
    (``path`` names where they came from in messages). What every reader of news text uses:
    a file, stdin, a JSON Lines corpus, a worker's partition."""
    # Imported here: extraction pulls in the gazetteer's matcher, which files of claims
    # never need.
    from contested.claims.extract import extract_claims, find_places

    claims: list[Claim] = []
    mentions: list[Mention] = []
    for document in documents:
        # A text's place mentions are found once: the claims' places and the map's.
        found = (find_places(document.text, options.gazetteer)
                 if options.gazetteer is not None else [])
        extracted = extract_claims(document.text, source="doc", date=document.date,
                                   gazetteer=options.gazetteer, mentions=found,
                                   offset=document.offset)
        claims.extend(_as_document(extracted, document))
        mentions.extend(Mention(m.place, document.id) for m in found if m.place is not None)
    return LoadedFile(path, claims, tuple(mentions), frozenset(c.id for c in claims))


def _as_document(extracted: list[Claim], document: Document) -> list[Claim]:
    """Claims numbered ``<document id>:<N>`` (links kept), with the document's metadata."""
    new_ids = {claim.id: f"{document.id}:{n}" for n, claim in enumerate(extracted, start=1)}
    return [
        claim.replace(
            id=new_ids[claim.id],
            linked=tuple(new_ids.get(link, link) for link in claim.linked),
            source=document.source or document.id,
            document=document.id,
            date=claim.date or document.date,
        )
        for claim in extracted
    ]

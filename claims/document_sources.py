"""A news archive cut into slices: JSON Lines (plain or gzipped), Parquet, folders of text.

    slices = plan_slices(["archive.jsonl.gz", "scraped/"])      # cheap, on the driver
    for item in iter_slice(slices[0]):                         # streamed, on a worker
        print(item.document.id if item.document else item.failure)

A :class:`DocumentSlice` names a part of one input and nothing else (a byte range, a stripe,
row groups, a few file names), so it is small to ship to a worker and always names the same
documents: a run can be resumed slice by slice. Reading a slice streams its documents one at a
time; a record that is not a document (bad JSON, a bad date) comes back as a
:class:`DocumentFailure` naming its file, line and id instead of stopping the slice.

Documents read here are the ones :mod:`contested.claims.claim_files` reads from the same file,
with the same ids: a record without an ``id`` is ``FILENAME:N`` (N its 1-based order among the
file's records), a text file's id is its front matter ``id`` or its name.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from contested.claims.documents import Document, document_from_record, document_from_text
from contested.claims.records import parse_json
from contested.core.exceptions import ClaimsFileError, InputError

# Bytes of JSON Lines per slice: a few seconds of extraction, small enough to resume finely
# and to keep every core busy to the end.
SLICE_BYTES = 8 * 1024 * 1024
# Text files per slice of a folder.
SLICE_FILES = 1000
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
# Lines per block of a gzipped file's stripe (see plan_gzip).
GZIP_BLOCK_LINES = 256


@dataclass(frozen=True, slots=True)
class DocumentSlice:
    """One part of one input. ``kind``: "jsonl" (bytes ``start``..``stop``, the first record
    being number ``first`` + 1), "jsonl.gz" (stripe ``start`` of ``stop``: every
    ``stop``-th block of lines), "parquet" (row groups ``start``..``stop``, the first row
    being number ``first`` + 1), "files" (the text files ``files``)."""

    kind: str
    path: str
    start: int = 0
    stop: int = 0
    first: int = 0
    files: tuple[str, ...] = ()
    fingerprint: str = ""  # the input's size and mtime: a changed input is a new slice

    @property
    def key(self) -> str:
        """A stable name for the slice: the input's name, a hash, the slice's place."""
        digest = hashlib.sha1(
            json.dumps([self.kind, os.path.abspath(self.path), self.fingerprint, self.start,
                        self.stop, self.files]).encode("utf-8")).hexdigest()[:10]
        stem = Path(self.path).name.split(".")[0][:40] or "input"
        return f"{stem}-{self.start:06d}-{digest}"


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """A record that is no readable document: where it is and why."""

    where: str  # "FILE:LINE" or "FILE"
    document: str | None
    message: str


@dataclass(frozen=True, slots=True)
class SliceItem:
    """A document read from a slice, or the failure to read one."""

    document: Document | None = None
    failure: DocumentFailure | None = None


def plan_slices(paths: Iterable[str | os.PathLike[str]], *, stripes: int = 2,
                slice_bytes: int = SLICE_BYTES) -> list[DocumentSlice]:
    """The slices of every input, in order. A missing or unknown input is an InputError
    (exit 2) naming it; ``stripes`` is how many slices a gzipped file becomes (each worker
    decompresses it whole, so about one per worker)."""
    slices: list[DocumentSlice] = []
    planners = {"folder": lambda path: _plan_folder(path),
                "jsonl.gz": lambda path: _plan_gzip(path, stripes),
                "jsonl": lambda path: _plan_jsonl(path, slice_bytes),
                "parquet": lambda path: _plan_parquet(path, slice_bytes)}
    for raw in paths:
        path = Path(raw)
        slices.extend(planners[input_kind(path)](path))
    return slices


def input_kind(path: str | os.PathLike[str]) -> str:
    """"folder", "jsonl", "jsonl.gz" or "parquet"; an InputError (exit 2) naming a missing
    path or one of another kind. Cheap: what a run checks before it starts a cluster."""
    path = Path(path)
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise InputError("no such file or folder", source=str(path))
    kind = {".jsonl.gz": "jsonl.gz", ".ndjson.gz": "jsonl.gz", ".jsonl": "jsonl",
            ".ndjson": "jsonl", ".parquet": "parquet"}.get(_suffix(path))
    if kind is None:
        raise InputError("not a corpus file", source=str(path),
                         hint="pass .jsonl, .jsonl.gz, .parquet files or a folder of "
                         ".txt/.md files")
    return kind


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] == ".gz":
        return "".join(suffixes)
    return suffixes[-1] if suffixes else ""


def _fingerprint(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", source=str(path)) from None
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def _plan_jsonl(path: Path, slice_bytes: int) -> Iterator[DocumentSlice]:
    """Byte ranges cut at line ends. One pass over the file counts the records before each
    cut, so a record without an id gets the same FILENAME:N as when read whole."""
    fingerprint = _fingerprint(path)
    start = offset = records = first = 0
    with _open(path) as handle:
        for line in handle:
            offset += len(line)
            records += bool(line.strip())
            if offset - start >= slice_bytes:
                yield DocumentSlice("jsonl", str(path), start, offset, first,
                                    fingerprint=fingerprint)
                start, first = offset, records
    if offset > start or offset == 0:
        yield DocumentSlice("jsonl", str(path), start, offset, first, fingerprint=fingerprint)


def _plan_gzip(path: Path, stripes: int) -> Iterator[DocumentSlice]:
    """A gzip stream cannot be entered in the middle: each of ``stripes`` slices reads the
    whole stream and keeps every ``stripes``-th block of lines (decompressing costs a few
    seconds a GB, extracting minutes)."""
    fingerprint = _fingerprint(path)
    count = max(1, stripes) if path.stat().st_size > 1024 * 1024 else 1
    for stripe in range(count):
        yield DocumentSlice("jsonl.gz", str(path), stripe, count, fingerprint=fingerprint)


def _plan_parquet(path: Path, slice_bytes: int) -> Iterator[DocumentSlice]:
    import pyarrow.parquet as pq

    fingerprint = _fingerprint(path)
    try:
        metadata = pq.ParquetFile(path).metadata
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"not a readable Parquet file: {error}", source=str(path)) from None
    start = first = rows = size = 0
    for group in range(metadata.num_row_groups):
        size += metadata.row_group(group).total_byte_size
        rows += metadata.row_group(group).num_rows
        if size >= slice_bytes:
            yield DocumentSlice("parquet", str(path), start, group + 1, first,
                                fingerprint=fingerprint)
            start, first, size = group + 1, rows, 0
    if start < metadata.num_row_groups or metadata.num_row_groups == 0:
        yield DocumentSlice("parquet", str(path), start, metadata.num_row_groups, first,
                            fingerprint=fingerprint)


def _plan_folder(folder: Path) -> Iterator[DocumentSlice]:
    batch: list[str] = []
    number = 0
    # os.walk, sorted: the same slices every run; the listing is walked, not held.
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                batch.append(os.path.join(root, name))
            if len(batch) == SLICE_FILES:
                yield DocumentSlice("files", str(folder), number, number + len(batch),
                                    files=tuple(batch))
                number, batch = number + len(batch), []
    if batch:
        yield DocumentSlice("files", str(folder), number, number + len(batch), files=tuple(batch))


def iter_slice(piece: DocumentSlice) -> Iterator[SliceItem]:
    """The documents of a slice, one at a time (memory: one document)."""
    readers = {"jsonl": _read_jsonl, "jsonl.gz": _read_gzip, "parquet": _read_parquet,
               "files": _read_files}
    yield from readers[piece.kind](piece)


def _open(path: Path) -> IO[bytes]:
    try:
        if _suffix(path).endswith(".gz"):
            return gzip.open(path, "rb")
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", source=str(path)) from None


def _read_jsonl(piece: DocumentSlice) -> Iterator[SliceItem]:
    with _open(Path(piece.path)) as handle:
        handle.seek(piece.start)
        lines = _lines_between(handle, piece.start, piece.stop)
        yield from _records(lines, piece.path, piece.first)


def _lines_between(handle: IO[bytes], start: int, stop: int) -> Iterator[bytes]:
    offset = start
    for line in handle:
        if offset >= stop:
            return
        offset += len(line)
        yield line


def _read_gzip(piece: DocumentSlice) -> Iterator[SliceItem]:
    stripe, stripes = piece.start, piece.stop
    number = 0
    name = Path(piece.path).name
    try:
        with _open(Path(piece.path)) as handle:
            for line_number, line in enumerate(handle, start=1):
                mine = (line_number - 1) // GZIP_BLOCK_LINES % stripes == stripe
                if not line.strip():
                    continue
                number += 1
                if mine:
                    yield _record(line, name, piece.path, line_number, number)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        # A truncated archive: the documents before the break were read.
        yield SliceItem(failure=DocumentFailure(piece.path, None, f"not readable gzip: {error}"))


def _records(lines: Iterable[bytes], path: str, first: int) -> Iterator[SliceItem]:
    name = Path(path).name
    number = first
    # Line numbers within a byte range are not known without counting from the start;
    # the record number (FILENAME:N, what ids use) is, and names the record as well.
    for line in lines:
        if not line.strip():
            continue
        number += 1
        yield _record(line, name, path, None, number)


def _record(line: bytes, name: str, path: str, line_number: int | None,
            number: int) -> SliceItem:
    where = f"{path}:{line_number}" if line_number is not None else f"{path} record {number}"
    try:  # the claims files' JSON limits: nesting, huge integers, bad UTF-8
        data = parse_json(line, path, line_number, what="a document record")
    except ClaimsFileError as error:
        return SliceItem(failure=DocumentFailure(where, None, error.message[:200]))
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return SliceItem(failure=DocumentFailure(where, _id_of(data),
                                                 "not a document (a JSON object with text)"))
    return _document(data, f"{name}:{number}", path, where, line_number)


def _document(data: dict[str, Any], default_id: str, path: str, where: str,
              line_number: int | None) -> SliceItem:
    try:
        return SliceItem(document_from_record(data, default_id, source=path, line=line_number))
    except ClaimsFileError as error:
        return SliceItem(failure=DocumentFailure(where, _id_of(data) or default_id,
                                                 error.message))


def _id_of(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("id"), str | int):
        return str(data["id"])
    return None


def _read_parquet(piece: DocumentSlice) -> Iterator[SliceItem]:
    import pyarrow.parquet as pq

    name = Path(piece.path).name
    number = piece.first
    parquet = pq.ParquetFile(piece.path)
    for group in range(piece.start, piece.stop):
        for batch in parquet.iter_batches(batch_size=256, row_groups=[group]):
            for row in batch.to_pylist():
                number += 1
                where = f"{piece.path} row {number}"
                if not isinstance(row.get("text"), str):
                    yield SliceItem(failure=DocumentFailure(where, _id_of(row), "no text"))
                    continue
                yield _document(row, f"{name}:{number}", piece.path, where, None)


def _read_files(piece: DocumentSlice) -> Iterator[SliceItem]:
    for file in piece.files:
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            yield SliceItem(failure=DocumentFailure(file, None, f"cannot read: {error.strerror}"))
            continue
        # As `contested extract` reads text: bad bytes replaced; NUL means binary.
        text = raw.decode("utf-8-sig", errors="replace")
        if "\x00" in text or not text.strip():
            yield SliceItem(failure=DocumentFailure(file, None, "binary or empty, not text"))
            continue
        try:
            yield SliceItem(document_from_text(text, Path(file).name, source=file))
        except ClaimsFileError as error:
            yield SliceItem(failure=DocumentFailure(file, None, error.message))


__all__ = ["DocumentFailure", "DocumentSlice", "SliceItem", "input_kind", "iter_slice",
           "plan_slices"]

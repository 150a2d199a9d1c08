"""Extract from files of any size: read in chunks cut at paragraph boundaries, bounded memory.

A chunk ends at the last blank line (or line break) before ``chunk_chars``; claims keep global
offsets and ids numbered through the whole document. Bytes are decoded as UTF-8 with
``errors="replace"`` (a ``not-utf8`` warning counts the replaced bytes); NUL bytes mean binary
input and raise :class:`InputError`. Warnings are
:class:`~contested.claims.extract.notices.ExtractionWarning` objects handed to ``warn``
(``str(warning)`` is the line to print).
"""

from __future__ import annotations

import codecs
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from contested.claims.extract.claims import Chunk, DocumentInfo, check_gazetteer, read_chunk
from contested.claims.extract.dates import article_date, normalise_date
from contested.claims.extract.notices import ExtractionWarning, WarningSink, emit
from contested.claims.model import Claim
from contested.core.exceptions import InputError

__all__ = ["extract_file", "iter_chunks"]

CHUNK_CHARS = 256 * 1024
_READ_BYTES = 64 * 1024


def iter_chunks(
    stream: IO[bytes], *, name: str, chunk_chars: int = CHUNK_CHARS,
    warn: WarningSink | None = None,
) -> Iterator[tuple[int, str]]:
    """(offset, text) chunks of a byte stream, cut after a paragraph or line break."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    offset = 0
    replaced = 0
    first = True
    blank = True  # only white space so far: empty input, as for every other command
    while True:
        data = stream.read(_READ_BYTES)
        final = not data
        if b"\x00" in data:
            raise InputError("binary data (NUL bytes), not text", source=name,
                             hint="pass a plain-text article (UTF-8)")
        text = decoder.decode(data, final=final)
        if first and text.startswith("\ufeff"):
            text = text[1:]  # a UTF-8 byte-order mark is not part of the article
        first = False if text else first
        replaced += text.count("\ufffd")
        blank = blank and not text.strip()
        pending += text
        while len(pending) >= chunk_chars or (final and pending):
            cut = len(pending) if final and len(pending) < chunk_chars else _cut(
                pending, chunk_chars)
            yield offset, pending[:cut]
            offset += cut
            pending = pending[cut:]
        if final:
            break
    if replaced:
        emit(warn, ExtractionWarning(
            "not-utf8", f"{replaced} bytes were not UTF-8 and were replaced by U+FFFD",
            source=name))
    if blank:
        raise InputError("empty input: no text to read claims from", source=name,
                         hint="pass a news article as a text file or on stdin")


def _cut(pending: str, chunk_chars: int) -> int:
    """Where to end a chunk: after the last blank line, else line break, else sentence end
    in the window (never in its first quarter, so chunks stay large)."""
    window = pending[:chunk_chars]
    cut = window.rfind("\n\n")
    if cut < chunk_chars // 4:
        cut = window.rfind("\n")
    if cut < chunk_chars // 4:
        cut = max(window.rfind(". "), chunk_chars // 2)
    return cut + 1


def extract_file(
    path_or_stdin: str | Path | IO[bytes], *, gazetteer: Any, source: str | None = None,
    date: str | None = None, warn: WarningSink | None = None, chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Claim]:
    """Claims of a file ("-" = stdin) as they are found, streaming; memory is bounded.

    ``gazetteer``, ``source`` and ``date`` mean what they mean for
    :func:`~contested.claims.extract.extract_claims` (None: find no places); warnings go to
    ``warn``.
    """
    check_gazetteer(gazetteer)
    if isinstance(path_or_stdin, str | Path):
        name = str(path_or_stdin)
        if name == "-":
            stream: IO[bytes] = sys.stdin.buffer
        else:
            try:
                stream = open(path_or_stdin, "rb")  # noqa: SIM115 - closed below
            except OSError as error:
                raise InputError(f"cannot read file: {error.strerror}", source=name,
                                 hint="check the path") from None
    else:
        name = source or "-"
        stream = path_or_stdin if not isinstance(path_or_stdin, io.TextIOBase) else (
            path_or_stdin.buffer  # type: ignore[attr-defined]
        )
    source = source or name
    article = normalise_date(date) if date else None
    next_id = 1
    try:
        for offset, chunk in iter_chunks(stream, name=name, chunk_chars=chunk_chars, warn=warn):
            if article is None and offset == 0:
                article = article_date(chunk)
            claims = read_chunk(chunk, DocumentInfo(gazetteer, source, article, None, warn),
                                Chunk(next_id, offset))
            next_id += len(claims)
            yield from claims
    finally:
        if stream is not sys.stdin.buffer and isinstance(path_or_stdin, str | Path):
            stream.close()

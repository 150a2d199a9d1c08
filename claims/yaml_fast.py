"""Large YAML claims files parsed by rapidyaml, wherever libyaml would read them the same.

libyaml's event stream alone costs what a whole JSON Lines read costs; rapidyaml (C++) parses
the same text about three times faster and hands it over as JSON. But the two parsers differ:
rapidyaml types plain scalars as YAML 1.2 (``yes`` and dates stay text), passes anchors,
aliases and tags through, keeps duplicate keys, accepts a few things libyaml refuses, and
gives no line numbers. So a large file is cut, at the lines where its claims start, into
chunks of whole claims, and a chunk is given to rapidyaml only when nothing in it could be
read differently (yaml_fast_scan; the JSON checks below). Any doubt sends that chunk to
libyaml (``yaml_claims``, on the chunk's own text); a chunk libyaml cannot read either raises
:class:`Declined`, and the caller reads the whole file again with libyaml, for today's error
at today's line. A claim's ``line`` is the line its ``- `` entry starts on (counted from the
cut points, which the number of claims each chunk holds confirms); its field lines are found
by libyaml on the claim's own lines when something asks for them (an error message).
"""

from __future__ import annotations

import bisect
import functools
import json
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from contested.claims.records import MAX_DEPTH, Record
from contested.claims.yaml_fast_scan import doubtful_offsets, has_typed_plain
from contested.claims.yaml_scalars import typed
from contested.core.exceptions import ClaimsFileError

# Below this libyaml is quick enough (256 kB: ~30 ms); small files never meet rapidyaml.
MIN_CHARS = 1 << 18
CHUNK_CHARS = 1 << 18  # a chunk's tree and JSON stay a few MB, whatever the file's size

RAPIDYAML_VERSION = (0, 15, 2)  # another one is not used (pyproject.toml pins this one)
LibyamlReader = Callable[[str, str], Iterator[Record]]

_FIRST_ENTRY = re.compile(r"^( *)-(?=[ \n]|\Z)", re.M)
# In rapidyaml's JSON a block collection's members are indented two spaces a level: a line
# this deep may hold a collection nested deeper than MAX_DEPTH (libyaml's refusal).
_TOO_DEEP = b"\n" + b" " * (2 * (MAX_DEPTH + 1))
# A key's text is at most ten characters a character ("\\U0001F600"), quotes and 63 spaces
# more: within libyaml's 1024.
_LONGEST_KEY = 90
_VOUCHED_KEYS: set[str] = set()  # keys seen to stay text under YAML 1.1 (a small vocabulary)


class Declined(Exception):  # noqa: N818 - an outcome, not a failure: libyaml reads the file
    """Some chunk neither parser can vouch for: libyaml reads the whole file again."""


class _Doubt(Exception):
    """This chunk might read differently under rapidyaml: libyaml reads it."""


def applies(text: str) -> bool:
    """Whether a YAML text is worth the fast path (a large file, rapidyaml installed)."""
    return len(text) >= MIN_CHARS and rapidyaml() is not None


@functools.cache
def rapidyaml() -> ModuleType | None:
    """rapidyaml, imported when first needed, if it is the version whose JSON this module
    and its tests know (how it writes numbers, nan and inf; what it lets through)."""
    try:
        import ryml
    except ImportError:  # no wheel for this platform: libyaml reads every file
        return None
    return ryml if tuple(ryml.version_tuple[:3]) == RAPIDYAML_VERSION else None


def fast_records(text: str, source: str, libyaml: LibyamlReader) -> Iterator[Record]:
    """The claims of a YAML claims file, chunk by chunk; :class:`Declined` when in doubt.

    Claims come out as libyaml gives them: a chunk ends where a claim's "- " line starts,
    and libyaml, to end the claim before it, looks no further than that "-".
    """
    entries = _entries(text)
    doubtful = doubtful_offsets(text)
    if doubtful is None:
        raise Declined
    reading = _Reading(source, libyaml, _Rapid(), doubtful, _list_end(entries.indent))
    for chunk in _chunks(entries, len(text)):
        yield from _chunk_records(text, chunk, reading)


# --- where the claims start -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Entries:
    """Where each claim of the list starts: the offset of its ``- `` line, and that line."""

    offsets: list[int]
    lines: list[int]
    indent: int  # of the list's "- "


@dataclass(frozen=True, slots=True)
class _Chunk:
    start: int  # offset in the text; the first chunk starts at 0 (it holds the header)
    end: int
    offsets: list[int]  # its claims' offsets and lines
    lines: list[int]
    next_offset: int  # where the claim after its last one starts (its end, at the file's end)
    last: bool


def _entries(text: str) -> _Entries:
    """The lines at the claims list's indentation that start with ``- `` and a field.

    Every claim of a block list starts such a line; one that does not start a claim (inside
    a quoted scalar) makes a chunk hold fewer claims than lines, and that is declined.
    """
    first = _FIRST_ENTRY.search(text)
    if first is None:
        raise Declined  # a flow list, an empty file: libyaml says what it is
    dash = first.end()
    marker = "\n" + first.group(1) + "-"
    entry = re.compile(re.escape(marker) + r" [^ \n#]")
    offsets = [first.start()] + [m.start() + 1 for m in entry.finditer(text, dash)]
    # "-" alone or "- # note" also starts an entry, and its claim starts on another line.
    loose = text.count(marker + " ", dash) + text.count(marker + "\n", dash)
    if not entry.match("\n" + text[first.start():dash + 2]) or loose != len(offsets) - 1:
        raise Declined
    return _Entries(offsets, _lines_of(text, offsets), len(first.group(1)))


def _list_end(indent: int) -> re.Pattern[str]:
    """A line, after the first claim, that may end the claims list: one indented no more than
    its "- " (a top-level key after ``claims:``, say) that starts no claim and no comment.

    libyaml reads a chunk on its own as a list of claims; only the first chunk holds what
    comes before the list and may hold what comes after it (then later "- " lines are an
    error, which only the whole file shows).
    """
    return re.compile(rf"\n(?! {{{indent}}}-[ \n]) {{0,{indent}}}[^ \n#]")


def _lines_of(text: str, offsets: list[int]) -> list[int]:
    lines = []
    line, previous = 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        previous = offset
        lines.append(line)
    return lines


def _chunks(entries: _Entries, length: int) -> Iterator[_Chunk]:
    """Runs of whole claims of about CHUNK_CHARS characters."""
    offsets, lines = entries.offsets, entries.lines
    first, start = 0, 0
    for index in range(1, len(offsets) + 1):
        end = offsets[index] if index < len(offsets) else length
        if end - start >= CHUNK_CHARS or index == len(offsets):
            yield _Chunk(start, end, offsets[first:index], lines[first:index], end,
                         index == len(offsets))
            first, start = index, end


# --- one chunk --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Reading:
    source: str
    libyaml: LibyamlReader
    parser: _Rapid
    doubtful: list[int]  # offsets that send their chunk to libyaml (yaml_fast_scan)
    list_end: re.Pattern[str]  # a line that may end the list (_list_end)


def _chunk_records(text: str, chunk: _Chunk, reading: _Reading) -> list[Record]:
    piece = text[chunk.start:chunk.end]
    try:
        if _holds(reading.doubtful, chunk) or has_typed_plain(piece):
            raise _Doubt
        claims = _claims(reading.parser.json(piece), first=chunk.start == 0)
        if len(claims) != len(chunk.offsets):
            raise _Doubt
    except _Doubt:
        if chunk.start == 0 and not chunk.last and reading.list_end.search(piece,
                                                                           chunk.offsets[0]):
            raise Declined from None  # what follows the list is the whole file's to tell
        return _libyaml_chunk(piece, chunk, reading.source, reading.libyaml)
    ends = chunk.offsets[1:] + [chunk.next_offset]
    return [Record(data, line, LazyFieldLines(text, start, end, line, reading, data))
            for data, line, start, end in zip(claims, chunk.lines, chunk.offsets, ends,
                                              strict=True)]


def _holds(offsets: list[int], chunk: _Chunk) -> bool:
    index = bisect.bisect_left(offsets, chunk.start)
    return index < len(offsets) and offsets[index] < chunk.end


def _libyaml_chunk(piece: str, chunk: _Chunk, source: str,
                   libyaml: LibyamlReader) -> list[Record]:
    """The chunk read by libyaml on its own; what it cannot read, the whole file is read for."""
    shift = 0 if chunk.start == 0 else chunk.lines[0] - 1
    try:
        records = list(libyaml(piece, source))
    except ClaimsFileError:
        raise Declined from None
    if [record.line for record in records] != [line - shift for line in chunk.lines]:
        raise Declined  # a "- " line inside a quoted scalar: the cuts are not claims
    return [Record(record.data, record.line + shift,
                   {name: line + shift for name, line in record.field_lines.items()})
            for record in records]


class _Rapid:
    """A rapidyaml tree and JSON buffer, reused chunk after chunk."""

    def __init__(self) -> None:
        self.ryml = rapidyaml()
        self.tree = self.ryml.Tree()
        self.out = bytearray(1 << 20)  # grown to the largest chunk's JSON

    def json(self, piece: str) -> bytearray:
        try:
            buffer = bytearray(piece, "utf-8")  # parsed in place: the tree points into it
        except UnicodeEncodeError:
            raise _Doubt from None  # a lone surrogate
        self.tree.clear()
        self.tree.clear_arena()
        with _stderr_silenced():
            try:
                self.ryml.parse_in_place(buffer, self.tree)
                size = self._emit()
            except self.ryml.ExceptionBasic:
                raise _Doubt from None
        return self.out[:size]

    def _emit(self) -> int:
        emit = self.ryml.emit_json_to_substr
        failed, size = emit(self.tree, self.tree.root_id(), self.out)
        if failed:  # the buffer was too small; now it is the size the JSON needs
            self.out = bytearray(size)
            failed, size = emit(self.tree, self.tree.root_id(), self.out)
        return size


_STDERR = threading.Lock()


@contextmanager
def _stderr_silenced() -> Iterator[None]:
    """rapidyaml prints each parse error to the C stderr before raising it, and its Python
    binding cannot turn that off; its error is never ours to show (libyaml reads the chunk),
    so file descriptor 2 points at /dev/null while it parses."""
    if sys.stderr is not None:
        sys.stderr.flush()
    with _STDERR:
        try:
            saved = os.dup(2)
        except OSError:  # no stderr at all: nothing to keep clean
            yield
            return
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


# --- the chunk's JSON -------------------------------------------------------------------------

def _claims(js: bytearray, first: bool) -> list[dict[str, Any]]:
    """The chunk's claims from rapidyaml's JSON, or _Doubt where libyaml might differ."""
    if _TOO_DEEP in js:
        raise _Doubt
    try:
        # Decoded here, strictly: json.loads would let the UTF-8 of an escaped surrogate
        # ("\ud800", which libyaml refuses) through.
        data = json.loads(js.decode("utf-8"), object_pairs_hook=_checked_mapping,
                          parse_constant=_refused)
    except (ValueError, RecursionError):  # not JSON (+1, 0x1p3, a raw control character)
        raise _Doubt from None
    if first and isinstance(data, dict) and list(data) == ["claims"]:
        data = data["claims"]
    if not isinstance(data, list) or not all(type(claim) is dict for claim in data):
        raise _Doubt  # a claim that is not a mapping, another top-level key: libyaml's call
    return data


def _checked_mapping(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Doubt  # a duplicate key (rapidyaml keeps both; libyaml refuses it)
    if not _VOUCHED_KEYS.issuperset(mapping):
        _vouch_for_keys(mapping)
    return mapping


def _vouch_for_keys(mapping: dict[str, Any]) -> None:
    """Keys are all text in JSON; libyaml types a plain key (``1:``, ``yes:``), refuses a
    quoted key broken over lines (which rapidyaml joins with a space) and a key of more than
    1024 characters up to its colon (the text holds no 64 spaces in a row: yaml_fast_scan)."""
    for key in mapping:
        if key not in _VOUCHED_KEYS:
            if typed(key, None) is not key or " " in key or "\n" in key or (
                    len(key) > _LONGEST_KEY):
                raise _Doubt
            if len(_VOUCHED_KEYS) < 10_000:
                _VOUCHED_KEYS.add(key)


def _refused(constant: str) -> Any:
    raise _Doubt  # NaN, Infinity: never written by rapidyaml, never read as such by libyaml


# --- field lines ----------------------------------------------------------------------------

class LazyFieldLines(Mapping[str, int]):
    """A claim's field lines, read by libyaml from the claim's own lines when first asked for.

    Only an error message asks (claim_from_record: the line of the field that is wrong), so
    the lines of a file that loads cost nothing.
    """

    __slots__ = ("_text", "_start", "_end", "_line", "_source", "_libyaml", "_data", "_lines")

    def __init__(self, text: str, start: int, end: int, line: int, reading: _Reading,
                 data: dict[str, Any]) -> None:
        self._text, self._start, self._end, self._line = text, start, end, line
        self._source, self._libyaml, self._data = reading.source, reading.libyaml, data
        self._lines: dict[str, int] | None = None

    def __getitem__(self, name: str) -> int:
        return self._resolved()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._resolved())

    def __len__(self) -> int:
        return len(self._resolved())

    def __repr__(self) -> str:
        return repr(self._resolved())

    def _resolved(self) -> dict[str, int]:
        if self._lines is None:
            self._lines = self._read()
        return self._lines

    def _read(self) -> dict[str, int]:
        misread = RuntimeError(f"{self._source}: the claim at line {self._line} was read "
                               "differently by rapidyaml and libyaml (a bug in yaml_fast)")
        try:
            records = list(self._libyaml(self._text[self._start:self._end], self._source))
        except ClaimsFileError as error:
            raise misread from error
        if len(records) != 1 or records[0].line != 1 or list(records[0].data) != list(
                self._data):
            raise misread
        shift = self._line - 1
        return {name: line + shift for name, line in records[0].field_lines.items()}

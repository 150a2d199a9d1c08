"""YAML claims files read from libyaml's events: fast, with lines, and nothing expanded.

    >>> [(r.line, r.data) for r in yaml_records("claims:\\n  - id: a\\n    km2: 41000\\n", "f")]
    [(2, {'id': 'a', 'km2': 41000})]

The document is built from the parser's events, one claim at a time, without PyYAML's node
tree and constructor: each claim keeps its line and the lines of its fields. What a claims
file never needs is refused when it is met, before anything is built from it: anchors and
aliases (how a 1 kB file becomes gigabytes: "billion laughs"), duplicate keys, tags other
than the core ones, nesting deeper than MAX_DEPTH. Plain scalars are typed as YAML 1.1 (what
PyYAML's safe loader does): null, booleans, integers, floats, dates; quoted ones stay text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from contested.claims import yaml_fast
from contested.claims.records import MAX_DEPTH, Record
from contested.claims.yaml_scalars import typed
from contested.core.exceptions import ClaimsFileError

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed
_CORE_TAGS = {"tag:yaml.org,2002:str": "str", "tag:yaml.org,2002:int": "int",
              "tag:yaml.org,2002:float": "float", "tag:yaml.org,2002:bool": "bool",
              "tag:yaml.org,2002:null": "null", "!": "str"}


def yaml_records(text: str, source: str) -> Iterator[Record]:
    """The claims of a YAML file: a list of mappings, or a mapping with ``claims:``.

    A large file goes to rapidyaml where it can (``yaml_fast``: the same records, faster);
    when that path declines, the claims it already gave are skipped in libyaml's reading.
    """
    if not yaml_fast.applies(text):
        yield from libyaml_records(text, source)
        return
    given: list[int | None] = []
    try:
        for record in yaml_fast.fast_records(text, source, libyaml_records):
            given.append(record.line)
            yield record
        return
    except yaml_fast.Declined:
        pass
    yield from _after(libyaml_records(text, source), given, source)


def _after(records: Iterator[Record], given: list[int | None],
           source: str) -> Iterator[Record]:
    """libyaml's records after the ``given`` ones (whose lines must be the same)."""
    for line in given:
        record = next(records, None)
        if record is None or record.line != line:
            raise RuntimeError(f"{source}: the claim at line {line} was read differently by "
                               "rapidyaml and libyaml (a bug in yaml_fast)")
    yield from records


def libyaml_records(text: str, source: str) -> Iterator[Record]:
    """The claims of a YAML file, read from libyaml's events (any file, any size)."""
    reader = _Reader(text, source)
    try:
        yield from reader.records()
    except yaml.YAMLError as error:
        raise reader.parse_error(error) from None
    finally:
        reader.dispose()


class _Reader:
    def __init__(self, text: str, source: str) -> None:
        self.text, self.source = text, source
        self.parser = _Parser(text)
        self._next = self.parser.get_event  # the hot loop: no wrapper around it

    def dispose(self) -> None:
        self.parser.dispose()

    def records(self) -> Iterator[Record]:
        self._next()  # stream start
        if isinstance(self._next(), yaml.StreamEndEvent):
            return  # an empty file
        root = self._next()  # the event after the document start
        seen: set[Any] | None = None
        if isinstance(root, yaml.MappingStartEvent):
            self._refuse_anchor(root)
            seen = set()
            root = self._claims_in_mapping(root, seen)
        yield from self._claims_list(root)
        if seen is not None:
            self._rest_of_mapping(seen)
        self._next()  # document end
        if not isinstance(event := self._next(), yaml.StreamEndEvent):
            raise self._error(event, "more than one YAML document in a claims file")

    def _claims_in_mapping(self, start: yaml.Event, seen: set[Any]) -> yaml.Event:
        """Read the root mapping up to its ``claims:`` list; return the list's first event."""
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            key = self._key(event, 1)
            self._no_duplicate(key, seen, event)
            if key == "claims":
                return self._next()
            self._value(self._next(), 1)  # another top-level key: read and dropped
        raise self._error(start, "a YAML claims file is a list of claims or a mapping with "
                                 "'claims:'")

    def _rest_of_mapping(self, seen: set[Any]) -> None:
        """The root mapping's keys after ``claims:`` (a second ``claims:`` is refused)."""
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            self._no_duplicate(self._key(event, 1), seen, event)
            self._value(self._next(), 1)

    def _claims_list(self, event: yaml.Event) -> Iterator[Record]:
        if isinstance(event, yaml.ScalarEvent) and self._scalar(event) is None:
            return  # an empty list ("claims:" with nothing after it)
        if not isinstance(event, yaml.SequenceStartEvent):
            raise self._error(event, "'claims' must be a list")
        self._refuse_anchor(event)
        while not isinstance(event := self._next(), yaml.SequenceEndEvent):
            line = event.start_mark.line + 1
            if not isinstance(event, yaml.MappingStartEvent):
                raise self._error(event, "a claim must be a mapping of fields")
            self._refuse_anchor(event)
            item, field_lines = self._mapping(2, with_lines=True)
            yield Record(item, line, field_lines)

    # --- values ---------------------------------------------------------------------------

    def _value(self, event: yaml.Event, depth: int) -> Any:
        if isinstance(event, yaml.ScalarEvent):
            self._refuse_anchor(event)
            return self._scalar(event)
        if depth > MAX_DEPTH:
            raise self._error(event, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(event, yaml.MappingStartEvent):
            self._refuse_anchor(event)
            return self._mapping(depth + 1)[0]
        if isinstance(event, yaml.SequenceStartEvent):
            self._refuse_anchor(event)
            items = []
            while not isinstance(item := self._next(), yaml.SequenceEndEvent):
                items.append(self._value(item, depth + 1))
            return items
        if isinstance(event, yaml.AliasEvent):
            raise self._alias(event)
        raise self._error(event, "unexpected YAML structure")

    def _mapping(self, depth: int, with_lines: bool = False) -> tuple[dict[str, Any],
                                                                     dict[str, int]]:
        mapping: dict[Any, Any] = {}
        lines: dict[str, int] = {}
        while not isinstance(event := self._next(), yaml.MappingEndEvent):
            key = self._key(event, depth)
            self._no_duplicate(key, mapping, event)
            if with_lines:
                lines[str(key)] = event.start_mark.line + 1
            value_event = self._next()
            if type(value_event) is yaml.ScalarEvent and value_event.anchor is None and (
                    value_event.tag is None):
                # The common case, inlined: a plain or quoted value of a field.
                text = value_event.value
                mapping[key] = text if not value_event.implicit[0] else self._plain(
                    text, value_event)
            else:
                mapping[key] = self._value(value_event, depth)
        return mapping, lines

    def _key(self, event: yaml.Event, depth: int) -> Any:
        key = self._value(event, depth)
        if isinstance(key, dict | list):  # "? [a, b]": no claims file has one
            raise self._error(event, "a mapping key must be a plain value")
        return key

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        value, tag = event.value, event.tag
        if tag is not None and tag not in _CORE_TAGS:
            raise self._error(event, f"the tag {tag[:40]!r} is not allowed in a claims file")
        kind = _CORE_TAGS.get(tag or "")
        if kind == "str" or (kind is None and not event.implicit[0]):
            return value  # quoted, or tagged as text
        return self._plain(value, event, kind)

    def _plain(self, value: str, event: yaml.ScalarEvent, kind: str | None = None) -> Any:
        try:
            return typed(value, kind)
        except (ValueError, OverflowError) as error:  # 4,000 digits; 2017-13-45
            raise self._error(event, f"a value cannot be read: {str(error)[:80]}") from None

    # --- checks and errors ----------------------------------------------------------------

    def parse_error(self, error: yaml.YAMLError) -> ClaimsFileError:
        """The ClaimsFileError (file, line) for what libyaml could not parse."""
        if isinstance(error, yaml.reader.ReaderError):
            return ClaimsFileError(
                f"not valid YAML: the control character U+{error.character:04X} is not allowed"
                if isinstance(error.character, int) else f"not valid YAML: {error.reason}",
                source=self.source, line=self.text.count("\n", 0, error.position) + 1,
                hint="remove it (is this really a YAML text file?)")
        mark = getattr(error, "problem_mark", None)
        problem = str(getattr(error, "problem", None) or error).splitlines()[0]
        if "nesting" in problem:
            problem += f" (nested more than {MAX_DEPTH} levels is refused)"
        return ClaimsFileError(f"not valid YAML: {problem}", source=self.source,
                               line=None if mark is None else mark.line + 1)

    def _refuse_anchor(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            raise self._alias(event)

    def _alias(self, event: yaml.Event) -> ClaimsFileError:
        return ClaimsFileError("anchors and aliases (&name, *name) are not allowed in a "
                               "claims file", source=self.source,
                               line=event.start_mark.line + 1, hint="write each value out")

    def _no_duplicate(self, key: Any, seen: Any, event: yaml.Event) -> None:
        if key in seen:
            raise self._error(event, f"duplicate key {str(key)[:40]!r}",
                              hint="give each field once")
        if isinstance(seen, set):
            seen.add(key)

    def _error(self, event: yaml.Event, message: str,
               hint: str | None = None) -> ClaimsFileError:
        return ClaimsFileError(message, source=self.source, line=event.start_mark.line + 1,
                               hint=hint)


"""Hypothesis strategies for the fuzz suite (tests/test_fuzz*.py): malformed claims files,
hostile and pathological news text, broken boundary files and odd output paths.

Each generated claims file carries what the rule expects of it: ``must_refuse`` when a
mutation made a field unreadable (a number that is not one number, a list where a name goes,
a coordinate off the globe ...): reading it with exit 0 would be a silent misread. Other
mutations (a dropped quote, a control character in a quote, another encoding) may be read or
refused, but never with a traceback.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

FORMATS = ("yaml", "json", "jsonl", "csv", "geojson")
PLACES = ("Mosul", "Raqqa", "Hawija", "الموصل", "Deir ez-Zor", "Tal Afar", "Kirkuk province")
CONTROL = "\x00\x07\x08\x1b[2J\x1b]0;owned\x07\x9b\u202e\u2066\x7f"
CONTROL_ON_TERMINAL = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + [chr(c) for c in range(0x7f, 0xa0)]
    + ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
       "\u2067", "\u2068", "\u2069"])


@dataclass(frozen=True)
class ClaimsFile:
    """A generated claims file: its name, its bytes, what was done to it, and whether every
    command must refuse it (exit 2)."""

    name: str
    data: bytes
    mutation: str
    must_refuse: bool

    @property
    def size(self) -> int:
        return len(self.data)


def seed_record(number: int) -> dict[str, Any]:
    """A valid claim record, as a claims file writes it."""
    return {"id": f"c{number}", "value": 1200 + number, "unit": "sq km", "kind": "liberated",
            "places": [PLACES[number % 3]], "date": "2017-01-15", "source": "wire",
            "quote": f"Forces retook {1200 + number} sq km."}


# (field, bad value): a record holding it must be refused by every reader. Checked against
# the readers; each is a silent misread if read with exit 0.
REFUSED_VALUES: list[tuple[str, Any]] = [
    ("value", "41 000"), ("value", "4l000"), ("value", "41000-50000"), ("value", "1/2"),
    ("value", "41.000,5"), ("value", [1, 2]), ("value", {"a": 1}), ("value", True),
    ("value", -41000), ("value", 0), ("value", 10**400), ("value", float("nan")),
    ("value", float("inf")), ("value", 1e30), ("value", "lots"),
    ("unit", "furlongs"), ("unit", [1]), ("kind", "conquered"), ("kind", [1]),
    ("date", "2017-13-45"), ("date", True), ("date", [2017]), ("date", "yesterday"),
    ("places", 5), ("places", [5]), ("places", [[1, 2]]), ("places", [True]),
    ("places", [{"name": "X", "lat": 999, "lon": 43}]),
    ("places", [{"name": "X", "lat": 35.0}]), ("places", [{"name": 5, "lat": 1, "lon": 2}]),
    ("places", [{"name": "X", "lat": 1, "lon": 2, "country": [1]}]),
    ("scope", 5), ("scope", [1]), ("scope", True), ("comparison", 5),
    ("comparison", {"reference": 5}), ("comparison", {"reference": "Sweden", "factor": "x"}),
    ("percent", "a lot"), ("percent", -5), ("qualifier", "roughly-ish"), ("id", [1]),
    ("id", True), ("quote", [1]), ("text", 5), ("text", ["a"]),
]
# CSV has no types: only the values that stay wrong as text.
CSV_REFUSED = [(f, v) for f, v in REFUSED_VALUES
               if isinstance(v, str) or (f == "value" and isinstance(v, int | float)
                                         and not isinstance(v, bool))]


def serialise(records: list[dict[str, Any]], fmt: str) -> str:
    """Records as the text of one claims file of format ``fmt``."""
    if fmt == "yaml":
        return yaml.safe_dump({"claims": records}, allow_unicode=True, sort_keys=False)
    if fmt == "json":
        return json.dumps({"claims": records}, ensure_ascii=False)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt == "geojson":
        return json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": r, "geometry": None} for r in records]})
    columns = list(dict.fromkeys(key for record in records for key in record))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value)
    return str(value)


def _drop_quote(text: str, draw: Any) -> str:
    quotes = [i for i, c in enumerate(text) if c in "\"'"]
    if not quotes:
        return text
    cut = quotes[draw(st.integers(0, len(quotes) - 1))]
    return text[:cut] + text[cut + 1:]


def _repeat_line(text: str, draw: Any) -> str:
    lines = text.splitlines(keepends=True)
    line = draw(st.integers(0, len(lines) - 1))
    return "".join(lines[:line + 1] + lines[line:])


def _deep(text: str, draw: Any) -> str:
    depth = draw(st.sampled_from([20, 200, 5_000, 100_000]))
    return "[" * depth + "]" * depth


# name -> (mutation of the text, must every reader refuse the result)
_TEXT_MUTATIONS: dict[str, tuple[Callable[[str, Any], str | bytes], bool]] = {
    "none": (lambda text, draw: text, False),
    "drop-quote": (_drop_quote, False),
    "truncate": (lambda text, draw: text[:draw(st.integers(0, len(text)))], False),
    "control": (lambda text, draw: text + draw(st.sampled_from(list(CONTROL))), False),
    "nul": (lambda text, draw: text[:len(text) // 2] + "\x00" + text[len(text) // 2:], True),
    "latin-1": (lambda text, draw: (text + "\nCafé").encode("latin-1", "replace"), True),
    "utf-16": (lambda text, draw: text.encode("utf-16"), True),
    "deep": (_deep, True),
    "huge-digits": (lambda text, draw: text.replace(
        "1200", "9" * draw(st.sampled_from([40, 5_000])), 1), True),
    "duplicate-line": (_repeat_line, False),
}


def _text_mutations(text: str, draw: Any) -> tuple[str | bytes, str, bool]:
    """A mutation of the file's text: (new text or bytes, its name, must it be refused)."""
    kind = draw(st.sampled_from(sorted(_TEXT_MUTATIONS)))
    mutate, refused = _TEXT_MUTATIONS[kind]
    return mutate(text, draw), kind, refused


@st.composite
def claims_files(draw: Any, formats: tuple[str, ...] = FORMATS) -> ClaimsFile:
    """A claims file built from valid records, then mutated: one field set to a value every
    reader must refuse, or its text damaged (dropped quote, truncation, control characters,
    NUL, another encoding, deep nesting, thousands of digits, a repeated line)."""
    fmt = draw(st.sampled_from(formats))
    records = [seed_record(n) for n in range(draw(st.integers(1, 4)))]
    must_refuse = False
    mutation = "text"
    if draw(st.booleans()):
        field, value = draw(st.sampled_from(CSV_REFUSED if fmt == "csv" else REFUSED_VALUES))
        target = records[draw(st.integers(0, len(records) - 1))]
        if field == "text":
            target.clear()
        target[field] = value
        if field in ("value",) and "unit" not in target:
            target["unit"] = "sq km"
        mutation, must_refuse = f"{field}={value!r:.40}", True
    try:
        text = serialise(records, fmt)
    except ValueError:  # an integer json cannot write: the mutation is the text itself
        text = serialise([seed_record(0)], fmt).replace("1200", "9" * 5000, 1)
    if not must_refuse:
        data, mutation, must_refuse = _text_mutations(text, draw)
    else:
        data = text
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    return ClaimsFile(f"claims.{fmt}", raw, f"{fmt}: {mutation}", must_refuse)


_WORDS = st.sampled_from([
    "Iraqi", "forces", "retook", "liberated", "more than", "about", "nearly", "sq km",
    "square kilometers", "square miles", "km2", "hectares", "percent of", "the size of",
    "times the size of", "Belgium", "Virginia", "ISIS", "held", "lost", "territory", "in",
    "near", "across", "Iraq", "Syria", ",", ".", ";", "(", ")", "\n", "\n\n", "—", "Anbar",
    "الموصل", "الرقة", "ثلث", "Мосул", "摩苏尔", "\u0301", "\u200b", "\u202e", "\x1b[2J",
    "\x07", "-", "½", "٤١٬٠٠٠", "4mn", "1,000", "41,000", "15,800", "98", "2017", "January",
])


@st.composite
def news_texts(draw: Any) -> str:
    """Hostile and pathological news text: figures, units, comparisons and places in any
    order, mixed scripts, combining marks, bidi and escape codes, long lines, repeats."""
    words = draw(st.lists(_WORDS | st.integers(0, 10**9).map(str), min_size=0, max_size=60))
    text = " ".join(words)
    if draw(st.booleans()):
        text += " " + draw(st.text(max_size=80))
    repeat = draw(st.sampled_from([1, 1, 1, 5, 40]))
    return (text + " ") * repeat


def pathological_text(kind: str, kilobytes: int) -> str:
    """About ``kilobytes`` kB of text that once made extraction superlinear."""
    unit = {
        "figures": "1 sq km 2 sq km 3 sq km 4 sq km ",  # figures in one endless sentence
        "comparisons": "twelve times the size of Belgium and ",
        "sentences": "Iraqi forces retook 41,000 sq km near Mosul. ",
        "mixed": "القوات 41,000 كم² Мосул 摩苏尔 \u202e12 times the size of DC\u202c ",
    }[kind]
    return unit * max(1, kilobytes * 1024 // len(unit.encode("utf-8")))


BOUNDARY_FAULTS = {
    "nan": "[[[43,35],[NaN,35],[44,36],[43,36],[43,35]]]",
    "infinity": "[[[43,35],[Infinity,35],[44,36],[43,36],[43,35]]]",
    "off-globe": "[[[43,35],[1e300,35],[44,36],[43,36],[43,35]]]",
    "one-point-ring": "[[[43,35]]]",
    "text-coordinate": '[[[43,35],["a",35],[44,36],[43,36],[43,35]]]',
    "empty": "[]",
    "too-deep": "[[[[[[43,35]]]]]]",
}


@st.composite
def boundary_files(draw: Any) -> tuple[str, bytes, bool]:
    """(description, GeoJSON bytes, must refuse) of a boundary file: a good square unit with
    one fault in its coordinates, properties or geometry, or none."""
    square = "[[[43,35],[44,35],[44,36],[43,36],[43,35]]]"
    fault = draw(st.sampled_from([*BOUNDARY_FAULTS, "name-number", "name-control",
                                  "properties-list", "geometry-text", "none"]))
    coordinates = BOUNDARY_FAULTS.get(fault, square)
    properties = {"name-number": '{"name": 5}', "name-control": '{"name": "A\\u001b[2J\\u0007"}',
                  "properties-list": "[1]"}.get(fault, '{"name": "A"}')
    geometry = ('"here"' if fault == "geometry-text"
                else f'{{"type": "Polygon", "coordinates": {coordinates}}}')
    text = ('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            f'{properties}, "geometry": {geometry}}}]}}')
    refused = fault in BOUNDARY_FAULTS or fault in ("properties-list", "geometry-text")
    return fault, text.encode("utf-8"), refused


OUTPUT_PATHS = ("missing-folder", "device", "fifo", "long-name", "folder", "file-as-folder",
                "undecodable", "ok")

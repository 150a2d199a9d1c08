"""Bad input to every command: one table, one rule.

Every row runs ``contested`` (in-process, through :func:`contested.cli.main`, exactly as the
console script does) on one bad input. The rule: the expected exit code (2 for bad input,
3 for an unknown place), a message on stderr that names the input, no traceback, nothing
on stdout, and no output file (or temp file) left behind. A few rows are valid but hostile
(a ``<script>`` quote) and must succeed without the script reaching the output unescaped.

Rows a command does not pass yet are strict xfails naming what happens instead, so the suite
stays green and flips when the command is fixed. ``scripts/bad_input_table.py`` prints the
same table with what each row actually got.
"""

from __future__ import annotations

import io
import os
import sys
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LONG_NAME = "Qaryat " + "A" * 10_240
HOSTILE = "<script>alert('owned')</script>"
UNKNOWN = "Zzyzx Qqqv"

GOOD_CLAIM = """\
claims:
  - id: good-1
    value: 1200
    unit: sq km
    kind: liberated
    places: [Mosul]
    date: 2017-01-15
    source: test
"""


def _claims_yaml(**fields: str) -> bytes:
    body = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    return ("claims:\n  - id: bad-1\n" + body).encode("utf-8")


# Inputs written into the case folder before each run (name -> bytes; a name ending in "/"
# is a directory).
FILES: dict[str, bytes] = {
    "good.yaml": GOOD_CLAIM.encode(),
    "malformed.yaml": b"claims:\n  - id: a\n    value: [1, 2\n    unit: km2\n",
    "malformed.csv": b"id,value,unit\na,100,km2,surplus,cells\n",
    "unclosed_quote.csv": b'id,value,unit,source\na,100,km2,"never closed\n',
    "malformed.json": b'{"claims": [{"id": "a", "value": 1,, }]}',
    "malformed.jsonl": b'{"id": "a", "value": 1, "unit": "km2"}\n{"id": "b", value: 2}\n',
    "polygon_claim.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"id": "a", "value": 5, "unit": "km2"}, "geometry": {"type": "Point", '
        b'"coordinates": [4400000, 3900000]}}]}'
    ),
    "not_features.geojson": b'{"type": "FeatureCollection", "features": [1, 2]}',
    "text_value.yaml": _claims_yaml(value="lots", unit="km2"),
    "list_value.json": b'[{"id": "a", "value": [1, 2], "unit": "km2"}]',
    "bool_date.yaml": _claims_yaml(value="5", unit="km2", date="true"),
    "negative.yaml": _claims_yaml(value="-41000", unit="km2"),
    "zero.csv": b"id,value,unit\na,0,km2\n",
    "absurd.yaml": _claims_yaml(value="1e12", unit="km2"),
    "nan.jsonl": b'{"id": "a", "value": NaN, "unit": "km2"}\n',
    "unknown_unit.yaml": _claims_yaml(value="30", unit="furlongs"),
    "unknown_place.yaml": _claims_yaml(value="30", unit="km2", places=f"[{UNKNOWN}]"),
    "long_place.yaml": _claims_yaml(value="30", unit="km2", places=f"[{LONG_NAME}]"),
    "hostile.yaml": (
        GOOD_CLAIM + f'    quote: "{HOSTILE} 1,200 sq km"\n    speaker: "{HOSTILE}"\n'
    ).encode(),
    "latin1.yaml": "claims:\n  - id: a\n    value: 5\n    unit: km2\n    source: Café\n".encode(
        "latin-1"
    ),
    "latin1.txt": "Le café: 41,000 sq km libérés près de Mossoul.".encode("latin-1"),
    "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)),
    "binary.geojson": b"\x00\x01\x02\x03" * 64,
    "nul.yaml": b"claims:\n  - id: a\x00\n    value: 5\n    unit: km2\n",
    "empty.yaml": b"",
    "empty.csv": b"",
    "empty.jsonl": b"",
    "empty.geojson": b"",
    "empty.txt": b"",
    "claims.docx": b"PK\x03\x04 not really a word file",
    "folder.yaml/": b"",
    "folder/": b"",
    "garbage_boundaries.geojson": b'{"type": "FeatureCollection", "features": [',
    # --- classes added by the adversarial suite (issue 17) ---
    "place_number.yaml": b"claims:\n  - id: a\n    km2: 10\n    places: [5]\n",
    "place_list.jsonl": b'{"id": "a", "km2": 10, "places": [[1, 2]]}\n',
    "lone_lat.yaml": b"- id: a\n  km2: 10\n  places: [{name: X, lat: 35.0}]\n",
    "reference_number.json": b'[{"id": "a", "km2": 10, "comparison": {"reference": 5}}]',
    "country_list.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"km2": 10, "country": [1]}, "geometry": {"type": "Point", "coordinates": [43, 35]}}]}'
    ),
    "bool_point.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"km2": 10}, "geometry": {"type": "Point", "coordinates": [true, false]}}]}'
    ),
    "empty_geometry.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"km2": 10}, "geometry": {}}]}'
    ),
    "text_number.jsonl": b'{"text": 5}\n',
    "nul_text.jsonl": b'{"text": "Iraqi forces retook 3,000 sq km\\u0000"}\n',
    "nul.csv": b'id,km2,quote\na,10,"Forc\x00es"\n',
    "semicolons.csv": b"id;value;unit\na;5;km2\n",
    "bad_date.csv": b"id,km2,date\na,10,2017-13-45\n",
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "blank.txt": b" \n\t \n",
    "nan_boundaries.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": '
        b'"A"}, "geometry": {"type": "Polygon", "coordinates": [[[43, 35], [NaN, 35], [44, 36], '
        b'[43, 36], [43, 35]]]}}]}'
    ),
    "one_point_boundaries.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": '
        b'"A"}, "geometry": {"type": "Polygon", "coordinates": [[[43, 35]]]}}]}'
    ),
    "off_globe_boundaries.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": '
        b'"A"}, "geometry": {"type": "Polygon", "coordinates": [[[43, 35], [1e300, 35], '
        b'[44, 36], [43, 36], [43, 35]]]}}]}'
    ),
    "binary.toml": b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)),
    "huge.toml": b"online = true\n" + b"# padding\n" * 120_000,
    "points_boundaries.geojson": (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"name": "x"}, "geometry": {"type": "Point", "coordinates": [43, 35]}}]}'
    ),
}


@dataclass(frozen=True)
class Case:
    """One bad input: the command line ({d} is the case folder), the exit code it must get,
    words stderr must contain (the input's name), and the output file that must not exist."""

    id: str
    args: tuple[str, ...]
    exit_code: int
    names: tuple[str, ...]
    output: str | None = None
    # A valid hostile input must succeed: "escaped" (HTML: no raw <script> reaches the page)
    # or "verbatim" (data formats: the quote survives exactly, escaping is the reader's job).
    hostile: str | None = None
    lenient: bool = False  # a documented lenient reading: exit 0 with a warning naming it
    xfail: str | None = None
    skip_as_root: bool = False
    marks: tuple = field(default=(), compare=False)


def case(
    id: str,
    *args: str,
    exit_code: int = 2,
    names: tuple[str, ...] | str = (),
    output: str | None = None,
    xfail: str | None = None,
    **options,
) -> Case:
    if isinstance(names, str):
        names = (names,)
    return Case(id, args, exit_code, tuple(names), output, xfail=xfail, **options)


OUT = "{d}/out"  # an existing, empty, writable folder for outputs
CASES: list[Case] = [
    # --- resolve -----------------------------------------------------------------------------
    case("resolve unknown place", "resolve", UNKNOWN, exit_code=3, names=UNKNOWN),
    # Refused as too long (an input error) before any lookup: exit 2 is right.
    case("resolve 10 kB name", "resolve", LONG_NAME, exit_code=2, names="Qaryat AAAA"),
    case("resolve hostile name", "resolve", HOSTILE, exit_code=3, names=HOSTILE),
    case("resolve empty name", "resolve", "", names=("empty",)),
    case("resolve bad --country", "resolve", "Mosul", "--country", "ZZZ", names="ZZZ"),
    case("resolve bad --near", "resolve", "Mosul", "--near", "north", names="north"),
    case(
        "resolve undecodable name",
        "resolve",
        "Caf\udce9",  # what Python makes of a Latin-1 byte in argv
        names=("Caf\\xe9", "not valid UTF-8"),
    ),
    # --- extract -----------------------------------------------------------------------------
    case("extract missing file", "extract", "{d}/missing.txt", names="missing.txt"),
    case("extract directory", "extract", "{d}/folder", names="folder"),
    case("extract empty file", "extract", "{d}/empty.txt", names="empty.txt"),
    case("extract binary file", "extract", "{d}/binary.txt", names="binary.txt"),
    # Documented choice of `extract`: bytes that are not UTF-8 are replaced, with a warning
    # naming the file, so one stray byte in a scraped article does not lose the article.
    case(
        "extract non-UTF-8 text",
        "extract",
        "{d}/latin1.txt",
        exit_code=0,
        names="latin1.txt",
        lenient=True,
    ),
    case("extract bad --date", "extract", "{d}/latin1.txt", "--date", "yesterday", names="date"),
    # --- check -------------------------------------------------------------------------------
    case("check malformed YAML", "check", "{d}/malformed.yaml", names="malformed.yaml"),
    case("check CSV with surplus cells", "check", "{d}/malformed.csv", names="malformed.csv"),
    case(
        "check CSV with unclosed quote",
        "check",
        "{d}/unclosed_quote.csv",
        names=("unclosed_quote.csv", "line 2", "never closed"),
    ),
    case("check malformed JSON", "check", "{d}/malformed.json", names="malformed.json"),
    case("check malformed JSONL", "check", "{d}/malformed.jsonl", names="malformed.jsonl"),
    case(
        "check GeoJSON point not lon/lat",
        "check",
        "{d}/polygon_claim.geojson",
        names="polygon_claim.geojson",
    ),
    case(
        "check GeoJSON features not objects",
        "check",
        "{d}/not_features.geojson",
        names="not_features.geojson",
    ),
    case("check text for a number", "check", "{d}/text_value.yaml", names="text_value.yaml"),
    case("check list for a number", "check", "{d}/list_value.json", names="list_value.json"),
    case("check boolean date", "check", "{d}/bool_date.yaml", names="bool_date.yaml"),
    case("check negative area", "check", "{d}/negative.yaml", names="negative.yaml"),
    case("check zero area", "check", "{d}/zero.csv", names="zero.csv"),
    case("check absurd area", "check", "{d}/absurd.yaml", names="absurd.yaml"),
    case("check NaN area", "check", "{d}/nan.jsonl", names="nan.jsonl"),
    case("check unknown unit", "check", "{d}/unknown_unit.yaml", names="unknown_unit.yaml"),
    case(
        "check unknown place",
        "check",
        "{d}/unknown_place.yaml",
        exit_code=3,
        names=("unknown_place.yaml", "claim bad-1", UNKNOWN),
    ),
    case("check non-UTF-8 YAML", "check", "{d}/latin1.yaml", names="latin1.yaml"),
    case("check binary YAML", "check", "{d}/binary.yaml", names="binary.yaml"),
    case("check binary GeoJSON", "check", "{d}/binary.geojson", names="binary.geojson"),
    case(
        "check YAML with a NUL byte",
        "check",
        "{d}/nul.yaml",
        names="nul.yaml",
    ),
    case(
        "check empty YAML",
        "check",
        "{d}/empty.yaml",
        names=("empty.yaml", "no claims"),
    ),
    case(
        "check empty CSV",
        "check",
        "{d}/empty.csv",
        names=("empty.csv", "no claims"),
    ),
    case(
        "check empty JSONL",
        "check",
        "{d}/empty.jsonl",
        names=("empty.jsonl", "no claims"),
    ),
    case("check empty GeoJSON", "check", "{d}/empty.geojson", names="empty.geojson"),
    case("check directory", "check", "{d}/folder.yaml", names="folder.yaml"),
    case("check missing file", "check", "{d}/missing.yaml", names="missing.yaml"),
    case("check unknown file type", "check", "{d}/claims.docx", names="claims.docx"),
    case(
        "check --report into missing folder",
        "check",
        "{d}/good.yaml",
        "--report",
        "{d}/nowhere/report.md",
        names="report.md",
        output="{d}/nowhere/report.md",
    ),
    case(
        "check --report unwritable",
        "check",
        "{d}/good.yaml",
        "--report",
        "/sys/contested-report.md",
        names="contested-report.md",
        output="/sys/contested-report.md",
    ),
    case(
        "check bad --tolerance",
        "check",
        "{d}/good.yaml",
        "--tolerance",
        "units=lots",
        names="units",
    ),
    # --- export ------------------------------------------------------------------------------
    case(
        "export malformed YAML",
        "export",
        "{d}/malformed.yaml",
        "-o",
        OUT + "/claims.gpkg",
        names="malformed.yaml",
        output=OUT + "/claims.gpkg",
    ),
    case(
        "export negative area",
        "export",
        "{d}/negative.yaml",
        "-o",
        OUT + "/claims.geojson",
        names="negative.yaml",
        output=OUT + "/claims.geojson",
    ),
    case(
        "export unknown place",
        "export",
        "{d}/unknown_place.yaml",
        "-o",
        OUT + "/claims.geojson",
        exit_code=3,
        names=("unknown_place.yaml", "claim bad-1", UNKNOWN),
        output=OUT + "/claims.geojson",
    ),
    case(
        "export binary input",
        "export",
        "{d}/binary.yaml",
        "-o",
        OUT + "/claims.fgb",
        names="binary.yaml",
        output=OUT + "/claims.fgb",
    ),
    case(
        "export empty input",
        "export",
        "{d}/empty.yaml",
        "-o",
        OUT + "/claims.parquet",
        names=("empty.yaml", "no claims"),
        output=OUT + "/claims.parquet",
    ),
    case(
        "export into missing folder",
        "export",
        "{d}/good.yaml",
        "-o",
        "{d}/nowhere/claims.gpkg",
        names="claims.gpkg",
        output="{d}/nowhere/claims.gpkg",
    ),
    case(
        "export unwritable place",
        "export",
        "{d}/good.yaml",
        "-o",
        "/sys/contested-claims.geojson",
        names="contested-claims.geojson",
        output="/sys/contested-claims.geojson",
    ),
    case(
        "export to a directory",
        "export",
        "{d}/good.yaml",
        "-o",
        "{d}/folder.yaml",
        names="folder.yaml",
    ),
    case(
        "export unknown format",
        "export",
        "{d}/good.yaml",
        "-o",
        OUT + "/claims.docx",
        names="claims.docx",
        output=OUT + "/claims.docx",
    ),
    case(
        "export hostile quote",
        "export",
        "{d}/hostile.yaml",
        "-o",
        OUT + "/claims.geojson",
        exit_code=0,
        output=OUT + "/claims.geojson",
        hostile="verbatim",
    ),
    # --- map ---------------------------------------------------------------------------------
    case(
        "map malformed JSON",
        "map",
        "{d}/malformed.json",
        "-o",
        OUT + "/map.html",
        "--offline",
        names="malformed.json",
        output=OUT + "/map.html",
    ),
    case(
        "map absurd area",
        "map",
        "{d}/absurd.yaml",
        "-o",
        OUT + "/map.html",
        "--offline",
        names="absurd.yaml",
        output=OUT + "/map.html",
    ),
    case(
        "map unknown unit",
        "map",
        "{d}/unknown_unit.yaml",
        "-o",
        OUT + "/map.html",
        "--offline",
        names="unknown_unit.yaml",
        output=OUT + "/map.html",
    ),
    case(
        "map 10 kB place name",
        "map",
        "{d}/long_place.yaml",
        "-o",
        OUT + "/map.html",
        "--offline",
        names=("long_place.yaml", "places", "Qaryat AAAA"),
        output=OUT + "/map.html",
    ),
    case(
        "map empty input",
        "map",
        "{d}/empty.geojson",
        "-o",
        OUT + "/map.html",
        "--offline",
        names="empty.geojson",
        output=OUT + "/map.html",
    ),
    case(
        "map into missing folder",
        "map",
        "{d}/good.yaml",
        "-o",
        "{d}/nowhere/map.html",
        "--offline",
        names="map.html",
        output="{d}/nowhere/map.html",
    ),
    case(
        "map unwritable place",
        "map",
        "{d}/good.yaml",
        "-o",
        "/sys/contested-map.html",
        "--offline",
        names="contested-map.html",
        output="/sys/contested-map.html",
    ),
    case(
        "map garbage --boundaries",
        "map",
        "{d}/good.yaml",
        "-o",
        OUT + "/map.html",
        "--offline",
        "--boundaries",
        "{d}/garbage_boundaries.geojson",
        names="garbage_boundaries.geojson",
        output=OUT + "/map.html",
    ),
    case(
        "map missing --boundaries",
        "map",
        "{d}/good.yaml",
        "-o",
        OUT + "/map.html",
        "--offline",
        "--boundaries",
        "{d}/missing.geojson",
        names="missing.geojson",
        output=OUT + "/map.html",
    ),
    case(
        "map hostile quote",
        "map",
        "{d}/hostile.yaml",
        "-o",
        OUT + "/map.html",
        "--offline",
        exit_code=0,
        output=OUT + "/map.html",
        hostile="escaped",
    ),
    # Documented choice: --skip-unresolved goes on without the unknown place, warning about
    # it by file, claim and name.
    case(
        "map unknown place, --skip-unresolved",
        "map",
        "{d}/unknown_place.yaml",
        "-o",
        OUT + "/map.html",
        "--offline",
        "--skip-unresolved",
        exit_code=0,
        names=("unknown_place.yaml", "claim bad-1", UNKNOWN, "skipped"),
        lenient=True,
    ),
    # --- run ---------------------------------------------------------------------------------
    # `run -o DIR` names a folder and creates it when missing; everything else refuses first.
    case(
        "run malformed claims file",
        "run",
        "{d}/malformed.yaml",
        "-o",
        OUT + "/run",
        names="malformed.yaml",
        output=OUT + "/run",
    ),
    case(
        "run empty claims file",
        "run",
        "{d}/empty.csv",
        "--no-example",
        "-o",
        OUT + "/run",
        names=("empty.csv", "no claims"),
        output=OUT + "/run",
    ),
    case(
        "run unknown place",
        "run",
        "{d}/unknown_place.yaml",
        "-o",
        OUT + "/run",
        exit_code=3,
        names=("unknown_place.yaml", "claim bad-1", UNKNOWN),
        output=OUT + "/run",
    ),
    case(
        "run unwritable --out",
        "run",
        "{d}/good.yaml",
        "--no-example",
        "-o",
        "/sys/contested-run-out",
        names="contested-run-out",
        output="/sys/contested-run-out",
    ),
    case(
        "run --out is a file",
        "run",
        "{d}/good.yaml",
        "--no-example",
        "-o",
        "{d}/malformed.csv",
        names="malformed.csv",
    ),
    # --- added by the adversarial suite (issue 17): places, fields, documents, encodings ----
    case("check place as a number", "check", "{d}/place_number.yaml",
         names=("place_number.yaml", "places.1")),
    case("check place as a list", "check", "{d}/place_list.jsonl",
         names=("place_list.jsonl", "places.1")),
    case("check place with lat, no lon", "check", "{d}/lone_lat.yaml",
         names=("lone_lat.yaml", "both lat and lon")),
    case("check comparison to a number", "check", "{d}/reference_number.json",
         names=("reference_number.json", "comparison.reference")),
    case("check GeoJSON country as a list", "check", "{d}/country_list.geojson",
         names=("country_list.geojson", "country")),
    case("check GeoJSON boolean coordinates", "check", "{d}/bool_point.geojson",
         names=("bool_point.geojson", "coordinates")),
    case("check GeoJSON empty geometry", "check", "{d}/empty_geometry.geojson",
         names=("empty_geometry.geojson", "geometry")),
    case("check document text a number", "check", "{d}/text_number.jsonl",
         names=("text_number.jsonl", "text")),
    case("map document text with NUL", "map", "{d}/nul_text.jsonl", "-o", OUT + "/map.html",
         names=("nul_text.jsonl", "NUL"), output=OUT + "/map.html"),
    case("check CSV with a NUL byte", "check", "{d}/nul.csv", names=("nul.csv", "line 2")),
    case("check CSV with semicolons", "check", "{d}/semicolons.csv",
         names=("semicolons.csv", "delimiter")),
    case("check impossible date", "check", "{d}/bad_date.csv", names=("bad_date.csv", "date")),
    case("check JSON nested 100,000 deep", "check", "{d}/deep.json", names=("deep.json", "nested")),
    case("extract white space only", "extract", "{d}/blank.txt", names=("blank.txt", "empty")),
    case("run white space only", "run", "{d}/blank.txt", "--no-example", "-o", OUT + "/run",
         names=("blank.txt", "empty"), output=OUT + "/run"),
    case("check binary --config", "check", "{d}/good.yaml", "--config", "{d}/binary.toml",
         names=("binary.toml", "UTF-8")),
    case("check 1 MB --config", "check", "{d}/good.yaml", "--config", "{d}/huge.toml",
         names=("huge.toml", "1 MB")),
    case("map undecodable --title", "map", "{d}/good.yaml", "-o", OUT + "/map.html",
         "--title", "Caf\udce9", names=("Caf\\xe9", "not valid UTF-8"), output=OUT + "/map.html"),
    case("export undecodable file name", "export", "{d}/Caf\udce9.yaml", "-o",
         OUT + "/claims.gpkg", names=("Caf\\xe9", "not valid UTF-8"), output=OUT + "/claims.gpkg"),
    # --- outputs: names over 255 bytes, devices ----------------------------------------------
    case("map -o name over 255 bytes", "map", "{d}/good.yaml", "-o", OUT + "/" + "m" * 300,
         names="longer than 255 bytes"),
    case("export -o folder name over 255 bytes", "export", "{d}/good.yaml", "-o",
         OUT + "/" + "e" * 300, names="longer than 255 bytes"),
    case("run -o name over 255 bytes", "run", "{d}/good.yaml", "--no-example", "-o",
         OUT + "/" + "r" * 300, names="longer than 255 bytes"),
    case("check --report name over 255 bytes", "check", "{d}/good.yaml", "--report",
         OUT + "/" + "c" * 300 + ".md", names="longer than 255 bytes"),
    case("timeline -o name over 255 bytes", "timeline", "{d}/good.yaml", "-o",
         OUT + "/" + "t" * 300 + ".svg", names="longer than 255 bytes"),
    case("boundaries fetch -o name over 255 bytes", "boundaries", "fetch", "IRQ", "-o",
         OUT + "/" + "b" * 300 + ".geojson", names="longer than 255 bytes"),
    case("export -o /dev/null", "export", "{d}/good.yaml", "-o", "/dev/null",
         names=("/dev/null", "not a folder")),
    case("ledger NaN in a document", "ledger", "{d}/nul_text.jsonl", names="nul_text.jsonl"),
    # --- boundaries show ---------------------------------------------------------------------
    case("boundaries show NaN coordinates", "boundaries", "show", "A", "--boundaries",
         "{d}/nan_boundaries.geojson", names=("nan_boundaries.geojson", "finite")),
    case("boundaries list one-point ring", "boundaries", "list", "--boundaries",
         "{d}/one_point_boundaries.geojson", names="one_point_boundaries.geojson"),
    case("map off-globe --boundaries", "map", "{d}/good.yaml", "-o", OUT + "/map.html",
         "--boundaries", "{d}/off_globe_boundaries.geojson",
         names=("off_globe_boundaries.geojson", "off the globe"), output=OUT + "/map.html"),
    case("boundaries show unknown", "boundaries", "show", UNKNOWN, exit_code=3, names=UNKNOWN),
    case(
        "boundaries show 10 kB name",
        "boundaries",
        "show",
        LONG_NAME,
        exit_code=2,
        names="Qaryat AAAA",
    ),
    case(
        "boundaries show hostile name",
        "boundaries",
        "show",
        HOSTILE,
        exit_code=3,
        names=HOSTILE,
    ),
    case(
        "boundaries show garbage file",
        "boundaries",
        "show",
        "Mosul",
        "--boundaries",
        "{d}/garbage_boundaries.geojson",
        names="garbage_boundaries.geojson",
    ),
    case(
        "boundaries show points file",
        "boundaries",
        "show",
        "x",
        "--boundaries",
        "{d}/points_boundaries.geojson",
        names="points_boundaries.geojson",
    ),
    case(
        "boundaries show empty file",
        "boundaries",
        "show",
        "Mosul",
        "--boundaries",
        "{d}/empty.geojson",
        names="empty.geojson",
    ),
    case(
        "boundaries show binary file",
        "boundaries",
        "show",
        "Mosul",
        "--boundaries",
        "{d}/binary.geojson",
        names="binary.geojson",
    ),
    case(
        "boundaries show missing file",
        "boundaries",
        "show",
        "Mosul",
        "--boundaries",
        "{d}/missing.geojson",
        names="missing.geojson",
    ),
    case(
        "boundaries show directory",
        "boundaries",
        "show",
        "Mosul",
        "--boundaries",
        "{d}/folder",
        names="folder",
    ),
]


@dataclass
class Outcome:
    """What one run got."""

    exit_code: int | str  # an int, or "crash: ExcType" when an exception escaped main()
    stdout: str
    stderr: str
    output_exists: bool
    leftovers: list[str]

    @property
    def traceback(self) -> bool:
        return isinstance(self.exit_code, str) or "Traceback (most recent call last)" in (
            self.stderr
        )


def prepare(folder: Path) -> None:
    """Write every input of :data:`FILES` into ``folder`` (and an empty ``out/``)."""
    (folder / "out").mkdir(parents=True, exist_ok=True)
    # A file whose name is not UTF-8 (its bytes reach argv as a lone surrogate).
    with open(os.fsencode(folder) + b"/Caf\xe9.yaml", "wb") as handle:
        handle.write(FILES["good.yaml"])
    for name, content in FILES.items():
        if name.endswith("/"):
            (folder / name.rstrip("/")).mkdir(exist_ok=True)
        else:
            (folder / name).write_bytes(content)


def run_case(row: Case, folder: Path) -> Outcome:
    """Run one row through ``contested.cli.main`` and collect what it did."""
    from contested.cli import main

    args = [arg.replace("{d}", str(folder)) for arg in row.args]
    stdout, stderr = io.StringIO(), io.StringIO()
    before = set(os.listdir(folder / "out"))
    exit_code: int | str = 0
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            main(args)
        except SystemExit as exit_:
            exit_code = (
                exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
            )
        except Exception as error:  # what a user would see as a traceback
            exit_code = f"crash: {type(error).__name__}"
            stderr.write("".join(traceback.format_exception(error)))
    output = row.output.replace("{d}", str(folder)) if row.output else None
    output_exists = bool(output) and Path(output).exists()
    leftovers = sorted(set(os.listdir(folder / "out")) - before)
    return Outcome(exit_code, stdout.getvalue(), stderr.getvalue(), output_exists, leftovers)


def verdict(row: Case, outcome: Outcome, folder: Path) -> list[str]:
    """Which parts of the rule a run broke (empty: it passed)."""
    problems: list[str] = []
    if outcome.traceback:
        problems.append(f"traceback ({outcome.exit_code})")
    if outcome.exit_code != row.exit_code:
        problems.append(f"exit {outcome.exit_code}, expected {row.exit_code}")
    if row.hostile:
        out_file = row.output.replace("{d}", str(folder)) if row.output else ""
        written = (
            Path(out_file).read_text(encoding="utf-8", errors="replace")
            if Path(out_file).is_file()
            else ""
        )
        if row.hostile == "escaped" and "<script>alert(" in outcome.stdout + written:
            problems.append("raw <script> in the output")
        if row.hostile == "verbatim" and HOSTILE not in written:
            problems.append("the quote did not survive verbatim")
        return problems
    missing = [name for name in row.names if name not in outcome.stderr]
    if missing:
        problems.append(f"stderr does not name {missing[0][:30]!r}")
    if row.lenient:
        return problems
    if outcome.stdout.strip():
        problems.append("wrote to stdout")
    if outcome.output_exists:
        problems.append("left the output file")
    elif outcome.leftovers:
        problems.append(f"left {outcome.leftovers[0]}")
    return problems


def first_line(text: str, width: int = 110) -> str:
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def _param(row: Case):
    marks = []
    if row.xfail:
        marks.append(pytest.mark.xfail(strict=True, reason=row.xfail))
    if row.skip_as_root and hasattr(os, "geteuid") and os.geteuid() == 0:
        marks.append(pytest.mark.skip(reason="root can write anywhere"))
    return pytest.param(row, id=row.id, marks=marks)


@pytest.mark.parametrize("row", [_param(row) for row in CASES])
def test_bad_input_gets_its_exit_code_a_message_naming_it_and_leaves_nothing(
    row: Case, tmp_path: Path
) -> None:
    prepare(tmp_path)  # a fresh folder per row: no row sees another's leftovers
    outcome = run_case(row, tmp_path)

    problems = verdict(row, outcome, tmp_path)

    assert not problems, f"{row.id}: {'; '.join(problems)}\nstderr: {outcome.stderr[-2000:]}"


def test_the_table_covers_every_command_the_issue_names() -> None:
    commands = {row.args[0] if row.args[0] != "boundaries" else f"boundaries {row.args[1]}"
                for row in CASES}
    assert commands == {
        "resolve", "extract", "check", "export", "map", "run", "boundaries show",
        "boundaries list", "boundaries fetch", "ledger", "timeline",
    }


if __name__ == "__main__":  # pragma: no cover - use scripts/bad_input_table.py
    sys.exit("run scripts/bad_input_table.py for the table")

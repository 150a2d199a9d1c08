"""Claims files as raw records: YAML, CSV, JSON Lines, JSON and GeoJSON text → mappings.

Each :class:`Record` keeps where it came from (line, or "feature 3") so that a bad field can
be named with its file and line; :mod:`contested.claims.validate` turns a record into a
Claim. Every reader refuses what it cannot read whole (a file loads whole or not at all).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from contested.claims.fields import shown
from contested.core.exceptions import ClaimsFileError
from contested.core.json_limits import nesting_depth

# A claim is a mapping of fields, some holding a list of mappings (a GeoJSON claims file:
# collection, features, feature, properties, places, place, alternatives, alternative): a
# file nested deeper is not a claims file (YAML and JSON alike).
MAX_DEPTH = 12
# Flat spellings of the comparison in CSV columns / GeoJSON properties.
_COMPARISON_COLUMNS = {
    "comparison_reference": "reference",
    "comparison_factor": "factor",
    "comparison_qualifier": "qualifier",
    "comparison_stated_reference_km2": "stated_reference_km2",
}


@dataclass(frozen=True, slots=True)
class Record:
    """One raw record and where it came from, for error messages."""

    data: dict[str, Any]
    line: int | None
    field_lines: Mapping[str, int]  # a dict, or yaml_fast.LazyFieldLines (found when asked)
    label: str | None = None  # "feature 3" where a line is not known


def _csv_error(error: csv.Error, source: str, line: int) -> ClaimsFileError:
    if "unexpected end of data" in str(error):
        # Strict mode's word for a quote never closed: the cell swallowed the rest of the file.
        return ClaimsFileError(
            "not valid CSV: a quoted cell that starts on this line is never closed "
            "(it runs to the end of the file)",
            source=source,
            line=line,
            hint='close the quote; write a quote inside a quoted cell as ""',
        )
    return ClaimsFileError(f"not valid CSV: {error}", source=source, line=line)


def csv_records(text: str, source: str) -> Iterator[Record]:
    # strict: a stray or unclosed quote is an error, not a cell that eats the next rows.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise _csv_error(error, source, 1) from None
    header = [name.strip() for name in header]
    duplicate = {name for name in header if header.count(name) > 1}
    if duplicate:
        raise ClaimsFileError(
            f"duplicate column {sorted(duplicate)[0]!r}", source=source, line=reader.line_num
        )
    previous_end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _csv_error(error, source, previous_end + 1) from None
        line = previous_end + 1  # physical line where the record starts
        previous_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise ClaimsFileError(
                f"{len(row)} cells but {len(header)} columns", source=source, line=line
            )
        data = {name: _unquote(cell) for name, cell in zip(header, row, strict=False)
                if cell != ""}
        yield Record(_unflatten(data, source, line), line, {})


def _unquote(cell: str) -> str:
    """Undo the apostrophe the writer puts before a cell a spreadsheet would run as a
    formula ("'=HYPERLINK(…)") or that starts with an apostrophe itself."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "'"):
        return cell[1:]
    return cell


def jsonl_records(text: str, source: str) -> Iterator[Record]:
    # split("\n"), not splitlines(): JSON text may hold a raw U+2028 inside a string.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        data = parse_json(raw, source, number)
        if not isinstance(data, dict):
            raise ClaimsFileError("each line must be a JSON object", source=source, line=number)
        yield Record(data, number, {})


def parse_json(text: str | bytes, source: str, line: int | None = None,
               what: str = "a claims file") -> Any:
    """``json.loads`` whose every failure is a ClaimsFileError naming the file and line
    (``what`` the file should be, for the message: "a claims file", "a document record")."""
    too_deep = f"nested more than {MAX_DEPTH} levels deep: not {what}"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ClaimsFileError(f"not valid JSON: {error.msg}", source=source,
                              line=line if line is not None else error.lineno) from None
    except RecursionError:
        raise ClaimsFileError(too_deep, source=source, line=line) from None
    except ValueError as error:  # an integer of more than 4,300 digits
        raise ClaimsFileError(f"not valid JSON: {str(error)[:80]}", source=source,
                              line=line) from None
    if nesting_depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise ClaimsFileError(too_deep, source=source, line=line)
    return data


def json_records(text: str, source: str) -> Iterator[Record]:
    data = parse_json(text, source)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        yield from _geojson_records(data, source)
        return
    if isinstance(data, dict) and "claims" in data:
        data = data["claims"]
    if not isinstance(data, list):
        raise ClaimsFileError(
            "expected a list of claims, {'claims': [...]} or a GeoJSON FeatureCollection",
            source=source,
        )
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ClaimsFileError(f"claim {number} is not an object", source=source)
        yield Record(item, None, {}, label=f"claim {number}")


def _geojson_records(collection: dict[str, Any], source: str) -> Iterator[Record]:
    features = collection.get("features")
    if not isinstance(features, list):
        raise ClaimsFileError("a FeatureCollection's 'features' must be a list", source=source,
                              field="features")
    for number, feature in enumerate(features, start=1):
        label = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ClaimsFileError(f"{label} is not a GeoJSON Feature", source=source)
        properties, geometry = feature.get("properties"), feature.get("geometry")
        if not isinstance(properties, dict | None):
            raise ClaimsFileError(f"{label}: 'properties' must be an object", source=source,
                                  field="properties")
        if not isinstance(geometry, dict | None):
            raise ClaimsFileError(f"{label}: 'geometry' must be an object or null",
                                  source=source, field="geometry")
        data = _unflatten(dict(properties or {}), source, None, label)
        if feature.get("id") is not None and data.get("id") is None:
            data["id"] = feature["id"]
        if geometry is not None and not data.get("places"):
            data["places"] = [_place_from_point(geometry, data, source, label)]
        yield Record(data, None, {}, label=label)


def _place_from_point(
    geometry: dict[str, Any], data: dict[str, Any], source: str, label: str
) -> dict[str, Any]:
    if geometry.get("type") != "Point":
        raise ClaimsFileError(
            f"{label}: a claim's geometry must be a Point (its place), got "
            f"{str(geometry.get('type'))[:40]}",
            source=source,
            field="geometry",
        )
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) not in (2, 3) or not all(
            isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates):
        raise ClaimsFileError(f"{label}: a Point's coordinates are [longitude, latitude], got "
                              f"{shown(coordinates)}", source=source,
                              field="geometry.coordinates")
    lon, lat = float(coordinates[0]), float(coordinates[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ClaimsFileError(f"{label}: Point ({lon}, {lat}) is not lon/lat", source=source,
                              field="geometry.coordinates")
    for key in ("place_name", "scope", "country"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise ClaimsFileError(f"{label}: expected text, got {shown(data[key])}",
                                  source=source, field=key)
    name = str(data.get("place_name") or data.get("scope") or f"{lat:.5f}, {lon:.5f}")
    return {
        "query": name,
        "name": name,
        "lat": lat,
        "lon": lon,
        "country": data.get("country"),
        "admin1": None,
        "kind": "point",
        "id": f"point:{lon:.6f},{lat:.6f}",
        "score": 1.0,
        "precision": "point",
    }


def _unflatten(
    data: dict[str, Any], source: str, line: int | None, label: str | None = None
) -> dict[str, Any]:
    """Flat columns (CSV, GeoJSON properties) → a record: JSON cells, comparison_* columns."""
    for field_name in ("stated", "places", "comparison", "linked", "tally"):
        value = data.get(field_name)
        if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
            try:
                data[field_name] = parse_json(value, source, line)
            except ClaimsFileError as error:
                prefix = f"{label}: " if label else ""
                raise ClaimsFileError(f"{prefix}{error.message}", source=source, line=line,
                                      field=field_name) from None
    if isinstance(data.get("places"), str):
        data["places"] = [name.strip() for name in data["places"].split(";") if name.strip()]
    flat = {key: data.pop(key) for key in list(data) if key in _COMPARISON_COLUMNS}
    if flat:
        comparison = data.get("comparison")
        if not isinstance(comparison, dict):
            comparison = {"reference": comparison} if comparison is not None else {}
        for key, value in flat.items():
            comparison.setdefault(_COMPARISON_COLUMNS[key], value)
        data["comparison"] = comparison
    return data



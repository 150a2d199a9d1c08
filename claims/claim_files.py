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

import csv
import datetime as dt
import io
import json
import math
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from contested.claims.model import KINDS, QUALIFIERS, Claim, Comparison, Stated
from contested.claims.units import canonical_unit, to_km2
from contested.core.exceptions import ClaimsFileError, InputError
from contested.core.files import write_bytes_atomic
from contested.gazetteer.place import Place
from contested.geo.area import EARTH_SURFACE_KM2

__all__ = [
    "FORMATS",
    "claim_record",
    "load_claims",
    "load_claims_by_file",
    "read_claims",
    "save_claims",
]

# Extension → format. ".json" holds a list of claims, {"claims": [...]} or a FeatureCollection.
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

# Fields of a claim record besides the area and the places (which have their own rules).
_INT_FIELDS = ("start", "end", "population")
_FLOAT_FIELDS = ("percent", "of_total_km2")
_TEXT_FIELDS = ("quote", "scope", "source", "speaker", "actor", "of_total", "unit_note",
                "scope_note")
_DATE_FIELDS = ("date", "since", "period", "ref_date")
_AREA_FIELDS = ("value", "unit", "km2", "value_max", "area", "stated")
_KNOWN_FIELDS = frozenset(
    ("id", "qualifier", "kind", "places", "comparison", "percent_max", "linked")
    + _INT_FIELDS
    + _FLOAT_FIELDS
    + _TEXT_FIELDS
    + _DATE_FIELDS
    + _AREA_FIELDS
)
# Flat spellings of the comparison in CSV columns / GeoJSON properties.
_COMPARISON_COLUMNS = {
    "comparison_reference": "reference",
    "comparison_factor": "factor",
    "comparison_qualifier": "qualifier",
    "comparison_stated_reference_km2": "stated_reference_km2",
}
PLACE_NAMES = "place_names"  # claim.extra key of place names not yet resolved


@dataclass(frozen=True, slots=True)
class _Record:
    """One raw record and where it came from, for error messages."""

    data: dict[str, Any]
    line: int | None
    field_lines: dict[str, int]
    label: str | None = None  # "feature 3" where a line is not known


# --- reading --------------------------------------------------------------------------------


def load_claims(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Claim]:
    """Read claims from one or more files (format from the extension; ``-`` is stdin text).

    Raises ClaimsFileError (file, line, field) on the first bad record; ids must be unique
    across all files.
    """
    return [claim for _, claims in load_claims_by_file(paths) for claim in claims]


def load_claims_by_file(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[tuple[str, list[Claim]]]:
    """:func:`load_claims`, keeping which file each claim came from: (file, claims) pairs in
    the order given, so that a later message can name the file of a claim."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    loaded: list[tuple[str, list[Claim]]] = []
    seen: dict[str, str] = {}
    for path in paths:
        claims = read_claims(path)
        for claim in claims:
            if claim.id in seen:
                raise ClaimsFileError(
                    f"duplicate claim id {claim.id!r} (also in {seen[claim.id]})",
                    source=str(path),
                    field="id",
                    hint="give every claim its own id",
                )
            seen[claim.id] = str(path)
        loaded.append((str(path), claims))
    return loaded


def read_claims(path: str | os.PathLike[str], fmt: str | None = None) -> list[Claim]:
    """Read the claims of one file; ``fmt`` overrides the format guessed from the extension."""
    if str(path) == "-":
        return _read_text(sys.stdin.read(), "stdin")
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
        return _read_text(text, file.name, source=str(file))
    records = {
        "yaml": _yaml_records,
        "csv": _csv_records,
        "jsonl": _jsonl_records,
        "json": _json_records,
        "geojson": _json_records,
    }[fmt](text, str(file))
    claims = _claims_from_records(records, file)
    if not claims:
        # An empty file is almost always the wrong file (or a failed export): say so.
        raise ClaimsFileError(
            "no claims in the file",
            source=str(file),
            hint="a claims file lists at least one claim; see contested/data/example_claims.yaml",
        )
    return claims


def _claims_from_records(records: Iterable[_Record], file: Path) -> list[Claim]:
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


def _read_text(text: str, name: str, source: str | None = None) -> list[Claim]:
    # Imported here: extraction pulls in the gazetteer's matcher, which files of claims
    # never need.
    from contested.claims.extract import extract_claims
    from contested.gazetteer import default_gazetteer

    extracted = extract_claims(text, source=source or name, gazetteer=default_gazetteer())
    return [
        claim if claim.id else claim.replace(id=f"{name}:{number}")
        for number, claim in enumerate(extracted, start=1)
    ]


def _yaml_records(text: str, source: str) -> Iterator[_Record]:
    loader = None
    try:
        # Built inside the try: the loader checks the characters of the stream as it starts.
        loader = yaml.SafeLoader(text)
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.reader.ReaderError as error:
        raise ClaimsFileError(
            f"not valid YAML: the control character U+{error.character:04X} is not allowed",
            source=source,
            line=text.count("\n", 0, error.position) + 1,
            hint="remove it (is this really a YAML text file?)",
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ClaimsFileError(
            f"not valid YAML: {getattr(error, 'problem', error)}",
            source=source,
            line=None if mark is None else mark.line + 1,
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return
    items_node, items = root, data
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if key_node.value == "claims":
                items_node, items = value_node, data["claims"]
                break
        else:
            raise ClaimsFileError(
                "a YAML claims file is a list of claims or a mapping with 'claims:'",
                source=source,
                line=root.start_mark.line + 1,
            )
    if items is None:
        return
    if not isinstance(items_node, yaml.SequenceNode) or not isinstance(items, list):
        raise ClaimsFileError(
            "'claims' must be a list", source=source, line=items_node.start_mark.line + 1
        )
    for item_node, item in zip(items_node.value, items, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            raise ClaimsFileError("a claim must be a mapping of fields", source=source, line=line)
        field_lines = (
            {str(k.value): k.start_mark.line + 1 for k, _ in item_node.value}
            if isinstance(item_node, yaml.MappingNode)
            else {}
        )
        yield _Record(item, line, field_lines)


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


def _csv_records(text: str, source: str) -> Iterator[_Record]:
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
        data = {name: cell for name, cell in zip(header, row, strict=False) if cell != ""}
        yield _Record(_unflatten(data, source, line), line, {})


def _jsonl_records(text: str, source: str) -> Iterator[_Record]:
    # split("\n"), not splitlines(): JSON text may hold a raw U+2028 inside a string.
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ClaimsFileError(
                f"not valid JSON: {error.msg}", source=source, line=number
            ) from None
        if not isinstance(data, dict):
            raise ClaimsFileError("each line must be a JSON object", source=source, line=number)
        yield _Record(data, number, {})


def _json_records(text: str, source: str) -> Iterator[_Record]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ClaimsFileError(
            f"not valid JSON: {error.msg}", source=source, line=error.lineno
        ) from None
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
        yield _Record(item, None, {}, label=f"claim {number}")


def _geojson_records(collection: dict[str, Any], source: str) -> Iterator[_Record]:
    for number, feature in enumerate(collection.get("features") or [], start=1):
        label = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise ClaimsFileError(f"{label} is not a GeoJSON Feature", source=source)
        data = _unflatten(dict(feature.get("properties") or {}), source, None, label)
        if feature.get("id") is not None and data.get("id") is None:
            data["id"] = feature["id"]
        geometry = feature.get("geometry")
        if geometry and not data.get("places"):
            data["places"] = [_place_from_point(geometry, data, source, label)]
        yield _Record(data, None, {}, label=label)


def _place_from_point(
    geometry: dict[str, Any], data: dict[str, Any], source: str, label: str
) -> dict[str, Any]:
    if geometry.get("type") != "Point":
        raise ClaimsFileError(
            f"{label}: a claim's geometry must be a Point (its place), got {geometry.get('type')}",
            source=source,
            field="geometry",
        )
    try:
        lon, lat = (float(c) for c in geometry["coordinates"][:2])
    except (KeyError, TypeError, ValueError):
        raise ClaimsFileError(f"{label}: bad Point coordinates", source=source) from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ClaimsFileError(f"{label}: Point ({lon}, {lat}) is not lon/lat", source=source)
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
    for field_name in ("stated", "places", "comparison", "linked"):
        value = data.get(field_name)
        if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
            try:
                data[field_name] = json.loads(value)
            except json.JSONDecodeError as error:
                prefix = f"{label}: " if label else ""
                raise ClaimsFileError(
                    f"{prefix}not valid JSON: {error.msg}",
                    source=source,
                    line=line,
                    field=field_name,
                ) from None
    if isinstance(data.get("places"), str):
        data["places"] = [name.strip() for name in data["places"].split(";") if name.strip()]
    flat = {key: data.pop(key) for key in list(data) if key in _COMPARISON_COLUMNS}
    if flat:
        comparison = data.get("comparison")
        if comparison is None or isinstance(comparison, str | list):
            comparison = {"reference": comparison} if comparison is not None else {}
        for key, value in flat.items():
            comparison.setdefault(_COMPARISON_COLUMNS[key], value)
        data["comparison"] = comparison
    return data


# --- one record → one Claim -----------------------------------------------------------------


class _Fail(Exception):
    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.field, self.message, self.hint = field, message, hint


def claim_from_record(
    data: dict[str, Any],
    *,
    default_id: str,
    source: str | None = None,
    line: int | None = None,
    field_lines: dict[str, int] | None = None,
    label: str | None = None,
) -> Claim:
    """Validate one record (a mapping of claim fields) and build its Claim."""
    try:
        return _build_claim(data, default_id)
    except _Fail as failure:
        field_line = (field_lines or {}).get(failure.field.split(".")[0], line)
        message = f"{label}: {failure.message}" if label else failure.message
        raise ClaimsFileError(
            message, source=source, line=field_line, field=failure.field, hint=failure.hint
        ) from None


def _build_claim(data: dict[str, Any], default_id: str) -> Claim:
    claim_id = data.get("id")
    if claim_id is None or (isinstance(claim_id, str) and not claim_id.strip()):
        claim_id = default_id
    elif not isinstance(claim_id, str | int):
        raise _Fail("id", f"an id is text, got {claim_id!r}")
    stated, area_qualifier = _read_area(data)
    qualifier = _read_qualifier(data.get("qualifier"), "qualifier") or area_qualifier
    kind = data.get("kind")
    if kind is not None:
        kind = str(kind).strip().lower().replace(" ", "_").replace("-", "_")
        if kind not in KINDS:
            raise _Fail("kind", f"unknown kind {data['kind']!r}", "use one of: " + ", ".join(KINDS))
    places, place_names = _read_places(data.get("places"))
    extra = {key: value for key, value in data.items() if key not in _KNOWN_FIELDS}
    if place_names:
        extra[PLACE_NAMES] = place_names
    return Claim(
        id=str(claim_id),
        quote=_text(data, "quote"),
        start=_integer(data, "start"),
        end=_integer(data, "end"),
        stated=stated,
        qualifier=qualifier,
        kind=kind,
        scope=_text(data, "scope"),
        places=places,
        percent=_number(data, "percent"),
        of_total_km2=_area_km2(data.get("of_total_km2"), "of_total_km2"),
        population=_integer(data, "population"),
        comparison=_read_comparison(data.get("comparison")),
        date=_date(data, "date"),
        source=_text(data, "source"),
        speaker=_text(data, "speaker"),
        since=_date(data, "since"),
        period=_date(data, "period"),
        ref_date=_date(data, "ref_date"),
        actor=_text(data, "actor"),
        of_total=_text(data, "of_total"),
        percent_max=_number(data, "percent_max"),
        unit_note=_text(data, "unit_note"),
        scope_note=_text(data, "scope_note"),
        linked=_linked(data.get("linked")),
        extra=extra,
    )


def _linked(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    if isinstance(value, list) and all(isinstance(item, str | int) for item in value):
        return tuple(str(item) for item in value)
    raise _Fail("linked", "expected a list of claim ids")


def _text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise _Fail(name, f"expected text, got {type(value).__name__}")
    return str(value)


def _date(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if isinstance(value, dt.date):  # YAML reads 2017-09-22 as a date
        return value.isoformat()
    if isinstance(value, bool):
        raise _Fail(name, f"expected a date like 2017-09-22, got {value!r}")
    return _text(data, name)


def _to_float(value: Any, name: str) -> float:
    if isinstance(value, bool):
        raise _Fail(name, f"expected a number, got {value!r}")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        from contested.claims.quantity import parse_number

        try:
            number = float(value)
        except ValueError:
            try:
                number = parse_number(value)
            except InputError:
                raise _Fail(name, f"not a number: {value!r}") from None
    else:
        raise _Fail(name, f"expected a number, got {type(value).__name__}")
    if not math.isfinite(number):
        raise _Fail(name, f"not a finite number: {value!r}")
    return number


def _number(data: dict[str, Any], name: str) -> float | None:
    value = data.get(name)
    if value is None:
        return None
    number = _to_float(value, name)
    if number < 0:
        raise _Fail(name, f"must not be negative, got {value!r}")
    return number


def _integer(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    number = _to_float(value, name)
    if number < 0 or number != int(number):
        raise _Fail(name, f"expected a whole number ≥ 0, got {value!r}")
    return int(number)


def _area_km2(value: Any, name: str) -> float | None:
    if value is None:
        return None
    km2 = _to_float(value, name)
    _check_area(km2, name)
    return km2


def _check_area(km2: float, name: str) -> None:
    if km2 <= 0:
        raise _Fail(name, f"an area must be positive, got {km2:g} km²")
    if km2 > EARTH_SURFACE_KM2:
        raise _Fail(
            name,
            f"{km2:,.0f} km² is more than the surface of the Earth ({EARTH_SURFACE_KM2:,.0f} km²)",
            "check the unit and the number of zeros",
        )


def _read_qualifier(value: Any, name: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from contested.claims.quantity import canonical_qualifier

    text = str(value).strip().lower()
    qualifier = text if text in QUALIFIERS else canonical_qualifier(text)
    if qualifier is None:
        raise _Fail(name, f"unknown qualifier {value!r}", "use one of: " + ", ".join(QUALIFIERS))
    return qualifier


def _read_unit(value: Any, name: str) -> str:
    try:
        return canonical_unit(str(value))
    except InputError as error:
        raise _Fail(name, error.message, error.hint) from None


def _read_area(data: dict[str, Any]) -> tuple[tuple[Stated, ...], str | None]:
    """The claim's figures (``stated``) and a qualifier written inside an ``area`` string."""
    flat_given = data.get("value") is not None or data.get("km2") is not None
    if data.get("stated"):  # [] (no figure) is what `contested extract --json` prints
        items = data["stated"]
        if not isinstance(items, list):
            raise _Fail("stated", "expected a list of {value, unit, km2}")
        stated = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise _Fail(f"stated.{number}", "expected {value, unit, km2}")
            stated.append(_one_stated(item, f"stated.{number}."))
        if data.get("area") is not None:
            raise _Fail("area", "give the area once: both 'stated' and 'area' found")
        # `contested extract --json` repeats stated[0] as value/unit/km2: allowed if equal.
        if flat_given and _one_stated(data, "") != stated[0]:
            raise _Fail("value", "value/unit/km2 differ from the first of 'stated'")
        return tuple(stated), None
    if data.get("area") is not None and flat_given:
        raise _Fail("area", "give the area once: both 'area' and value/km2 found")
    if data.get("area") is not None:
        from contested.claims.quantity import parse_area

        area = data["area"]
        if isinstance(area, int | float) and not isinstance(area, bool):
            raise _Fail(
                "area",
                f"'area' is a figure with its unit, got the bare number {area}",
                'write e.g. "41,000 sq km", or use km2:',
            )
        try:
            quantity = parse_area(str(area))
        except InputError as error:
            raise _Fail("area", error.message, error.hint) from None
        for stated_figure in quantity.stated:
            _check_area(stated_figure.km2, "area")
        return quantity.stated, quantity.qualifier
    if data.get("value") is None and data.get("km2") is None:
        if data.get("unit") is not None or data.get("value_max") is not None:
            raise _Fail("value", "a unit or value_max without a value")
        return (), None
    return (_one_stated(data, ""),), None


def _one_stated(data: dict[str, Any], prefix: str) -> Stated:
    value, unit, km2 = data.get("value"), data.get("unit"), data.get("km2")
    if value is None:
        if km2 is None:
            raise _Fail(prefix + "value", "no value")
        km2_number = _to_float(km2, prefix + "km2")
        _check_area(km2_number, prefix + "km2")
        unit_name = "km2" if unit is None else _read_unit(unit, prefix + "unit")
        if unit_name != "km2":
            raise _Fail(prefix + "value", f"km2 given in {unit!r} without the value")
        return Stated(km2_number, "km2", km2_number, _value_max(data, prefix, "km2"))
    value_number = _to_float(value, prefix + "value")
    if unit is None:
        raise _Fail(prefix + "unit", f"value {value} has no unit", 'add unit: "sq km" (or km2:)')
    unit_name = _read_unit(unit, prefix + "unit")
    converted = to_km2(value_number, unit_name)
    _check_area(converted, prefix + "value")
    if km2 is None:
        km2_number = converted
    else:
        km2_number = _to_float(km2, prefix + "km2")
        _check_area(km2_number, prefix + "km2")
        # Both given: they must say the same thing (rounding of a converted figure allowed).
        if abs(km2_number - converted) > 0.01 * converted:
            raise _Fail(
                prefix + "km2",
                f"km2 {km2_number:g} does not match {value_number:g} {unit_name} "
                f"(= {converted:,.2f} km²)",
                "drop km2 or fix it",
            )
    return Stated(value_number, unit_name, km2_number, _value_max(data, prefix, unit_name))


def _value_max(data: dict[str, Any], prefix: str, unit: str) -> float | None:
    value_max = data.get("value_max")
    if value_max is None:
        return None
    number = _to_float(value_max, prefix + "value_max")
    _check_area(to_km2(number, unit), prefix + "value_max")
    low = data.get("value") if data.get("value") is not None else data.get("km2")
    if number < _to_float(low, prefix + "value"):
        raise _Fail(prefix + "value_max", f"value_max {number:g} is below the value {low}")
    return number


def _read_places(value: Any) -> tuple[tuple[Place, ...], list[str]]:
    if value is None:
        return (), []
    items = [value] if isinstance(value, str | dict) else value
    if not isinstance(items, list | tuple):
        raise _Fail("places", "expected a list of names or resolve objects")
    places: list[Place] = []
    names: list[str] = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Place):
            places.append(item)
        elif isinstance(item, str):
            if item.strip():
                _check_place_name(item, f"places.{number}")
                names.append(item.strip())
        elif isinstance(item, dict):
            if not item.get("name"):
                raise _Fail(f"places.{number}", "a place object needs a 'name'")
            try:
                place = Place.from_dict(item)
            except (KeyError, TypeError, ValueError) as error:
                raise _Fail(f"places.{number}", f"bad place object: {error}") from None
            for axis in ("lat", "lon"):
                coordinate = getattr(place, axis)
                if coordinate is not None and not isinstance(coordinate, int | float):
                    raise _Fail(f"places.{number}.{axis}", f"not a number: {coordinate!r}")
            places.append(place)
        else:
            raise _Fail(f"places.{number}", f"expected a name or an object, got {item!r}")
    return tuple(places), names


def _check_place_name(name: str, field_name: str) -> None:
    # The gazetteer refuses a 10 kB "name" (text pasted into the field) or a control
    # character; refusing it here names the file, line and field instead of the claim.
    from contested.gazetteer.resolver import clean_name

    try:
        clean_name(name, field_name)
    except InputError as error:
        raise _Fail(field_name, error.message, error.hint) from None


def _read_comparison(value: Any) -> Comparison | None:
    if value is None:
        return None
    if isinstance(value, str | list):
        value = {"reference": value}
    if not isinstance(value, dict):
        raise _Fail("comparison", "expected a reference name or {reference, factor, ...}")
    reference = value.get("reference")
    if isinstance(reference, str):
        reference = [reference]
    if not reference or not all(isinstance(r, str) and r.strip() for r in reference):
        raise _Fail("comparison.reference", "a comparison needs the name of what it compares to")
    unknown = set(value) - {"reference", "factor", "qualifier", "stated_reference_km2"}
    if unknown:
        raise _Fail(f"comparison.{sorted(unknown)[0]}", "unknown comparison field")
    factor = value.get("factor")
    factor_number = None if factor is None else _to_float(factor, "comparison.factor")
    if factor_number is not None and factor_number <= 0:
        raise _Fail("comparison.factor", f"a size factor must be positive, got {factor}")
    return Comparison(
        reference=tuple(str(r) for r in reference),
        factor=factor_number,
        qualifier=_read_qualifier(value.get("qualifier"), "comparison.qualifier"),
        stated_reference_km2=_area_km2(
            value.get("stated_reference_km2"), "comparison.stated_reference_km2"
        ),
    )


# --- writing --------------------------------------------------------------------------------


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as a plain record (what the writers store): no None values, nested fields.

    One figure is written as value/unit/km2 (+ value_max); several as ``stated``. Places are
    resolve objects followed by the names still unresolved.
    """
    record: dict[str, Any] = {"id": claim.id}
    if len(claim.stated) == 1:
        record.update(claim.stated[0].to_dict())
    elif claim.stated:
        record["stated"] = [stated.to_dict() for stated in claim.stated]
    for name in ("qualifier", "kind", "scope"):
        record[name] = getattr(claim, name)
    places: list[Any] = [place.to_dict() for place in claim.places]
    places += list(claim.extra.get(PLACE_NAMES) or [])
    record["places"] = places or None
    record["percent"] = claim.percent
    record["of_total_km2"] = claim.of_total_km2
    record["population"] = claim.population
    record["comparison"] = None if claim.comparison is None else claim.comparison.to_dict()
    record["percent_max"] = claim.percent_max
    record["of_total"] = claim.of_total
    for name in ("date", "ref_date", "since", "period", "actor", "source", "speaker", "quote",
                 "start", "end", "unit_note", "scope_note"):
        record[name] = getattr(claim, name)
    record["linked"] = list(claim.linked) or None
    for key, value in claim.extra.items():
        if key != PLACE_NAMES and key not in record:
            record[key] = value
    return {key: value for key, value in record.items() if value is not None}


def save_claims(claims: Iterable[Claim], path: str | os.PathLike[str]) -> Path:
    """Write claims to YAML, CSV, JSON Lines or GeoJSON (by extension), atomically.

    :func:`load_claims` reads the file back to equal claims (CSV: extra fields as text).
    """
    file = Path(path)
    fmt = FORMATS.get(file.suffix.lower())
    records = [claim_record(claim) for claim in claims]
    if fmt == "yaml":
        text = yaml.safe_dump({"claims": records}, allow_unicode=True, sort_keys=False, width=100)
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "json":
        text = json.dumps({"claims": records}, ensure_ascii=False, indent=1) + "\n"
    elif fmt == "geojson":
        text = json.dumps(_feature_collection(records), ensure_ascii=False) + "\n"
    elif fmt == "csv":
        text = _csv_text(records)
    else:
        raise InputError(
            "cannot write claims in this format",
            source=str(file),
            hint="use .yaml, .csv, .jsonl or .geojson",
        )
    write_atomically(file, text.encode("utf-8"))
    return file


def write_atomically(file: Path, content: bytes) -> None:
    """Write ``content`` to a temp file beside ``file`` and move it into place."""
    write_bytes_atomic(file, content)


def _feature_collection(records: list[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for record in records:
        point = next(
            (
                p
                for p in record.get("places") or []
                if isinstance(p, dict) and p.get("lat") is not None and p.get("lon") is not None
            ),
            None,
        )
        geometry = (
            None
            if point is None
            else {"type": "Point", "coordinates": [round(point["lon"], 6), round(point["lat"], 6)]}
        )
        features.append({"type": "Feature", "geometry": geometry, "properties": record})
    return {"type": "FeatureCollection", "features": features}


_CSV_COLUMNS = (
    "id",
    "value",
    "unit",
    "km2",
    "value_max",
    "stated",
    "qualifier",
    "kind",
    "scope",
    "places",
    "percent",
    "percent_max",
    "of_total",
    "of_total_km2",
    "population",
    "comparison",
    "date",
    "ref_date",
    "since",
    "period",
    "actor",
    "source",
    "speaker",
    "quote",
    "start",
    "end",
    "unit_note",
    "scope_note",
    "linked",
)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _csv_text(records: list[dict[str, Any]]) -> str:
    extra_columns: list[str] = []
    for record in records:
        extra_columns += [k for k in record if k not in _CSV_COLUMNS and k not in extra_columns]
    columns = [c for c in _CSV_COLUMNS if any(c in r for r in records)] + extra_columns
    rows = [columns]
    for record in records:
        row = dict(record)
        places = row.get("places")
        # Names alone read best as "Mosul; Hawija"; objects (or a ';' in a name) need JSON.
        if places and all(isinstance(p, str) and ";" not in p and p.strip() == p for p in places):
            row["places"] = "; ".join(places)
        rows.append([_csv_cell(row.get(column)) for column in columns])
    # The writer quotes a cell holding any character of its line terminator: with "\r\n" a
    # lone "\r" is quoted too (with "\n" it was not, and the reader ended the row there).
    # Rows still end with "\n": each is written alone and its "\r\n" swapped.
    lines = []
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        lines.append(buffer.getvalue()[:-2] + "\n")
    return "".join(lines)

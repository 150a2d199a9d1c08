"""Write claims files: YAML, CSV, JSON Lines, JSON and GeoJSON, atomically.

:func:`save_claims` writes what :func:`contested.claims.claim_files.load_claims` reads back
to equal claims.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from contested.claims.model import Claim
from contested.claims.validate import PLACE_NAMES
from contested.core.exceptions import InputError
from contested.core.files import write_bytes_atomic
from contested.gazetteer.place import Place

# Extensions save_claims writes (the readers also take news text).
WRITABLE = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv", ".jsonl": "jsonl",
            ".ndjson": "jsonl", ".json": "json", ".geojson": "geojson"}


def place_record(place: Place) -> dict[str, Any]:
    """A resolve object plus what a claims file needs to give the same Place back: its
    population and alternate names (when it has them) and unrounded scores."""
    record = place.to_dict()
    # Scores unrounded (the resolve object rounds them for reading): the same Place back.
    record["score"] = place.score
    for alternative, written in zip(place.alternatives, record["alternatives"], strict=True):
        written["score"] = alternative.score
    if place.population:
        record["population"] = place.population
    if place.alt_names:
        record["alt_names"] = list(place.alt_names)
    return record


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
    places: list[Any] = [place_record(place) for place in claim.places]
    places += list(claim.extra.get(PLACE_NAMES) or [])
    record["places"] = places or None
    record["percent"] = claim.percent
    record["of_total_km2"] = claim.of_total_km2
    record["population"] = claim.population
    record["comparison"] = None if claim.comparison is None else claim.comparison.to_dict()
    record["percent_max"] = claim.percent_max
    record["of_total"] = claim.of_total
    for name in ("date", "ref_date", "since", "period", "actor", "source", "document",
                 "speaker", "quote", "start", "end", "unit_note", "scope_note"):
        record[name] = getattr(claim, name)
    record["linked"] = list(claim.linked) or None
    record["tally"] = None if claim.tally is None else claim.tally.to_dict()
    for key, value in claim.extra.items():
        if key != PLACE_NAMES and key not in record:
            record[key] = value
    return {key: value for key, value in record.items() if value is not None}


def save_claims(claims: Iterable[Claim], path: str | os.PathLike[str]) -> Path:
    """Write claims to YAML, CSV, JSON Lines or GeoJSON (by extension), atomically.

    :func:`load_claims` reads the file back to equal claims (CSV: extra fields as text).
    """
    file = Path(path)
    fmt = WRITABLE.get(file.suffix.lower())
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
    write_bytes_atomic(file, text.encode("utf-8"))
    return file


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
    "tally",
    "date",
    "ref_date",
    "since",
    "period",
    "actor",
    "source",
    "document",
    "speaker",
    "quote",
    "start",
    "end",
    "unit_note",
    "scope_note",
    "linked",
)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's CSV
# injection rule): such a text cell is written with a leading apostrophe, which the reader
# takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, bool | int | float):
        return str(value)
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS + ("'",)) else text


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


"""Claims as GeoParquet: one row per claim, its fields as columns, a point at its place.

The schema is fixed (:data:`CLAIM_SCHEMA`), so every partition of a corpus has the same
columns and types whatever its claims hold, and DuckDB, Spark, pyarrow datasets and
dask-geopandas read ``OUT/claims/`` as one table. Nested fields (``stated``, ``places``,
``comparison``; a ``tally`` and unknown keys, in ``extra``) are JSON text; ``linked`` is a
list of ids. The geometry is the point of the place the claim's figure is drawn at (its
scope's place, else the first place it names; null when none has coordinates), WKB in
EPSG:4326 (lon, lat).
:func:`claims_from_table` reads rows back to equal claims.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

import pyarrow as pa

from contested.claims.model import Claim
from contested.gazetteer.place import Place

TEXT_FIELDS = ("id", "document", "source", "date", "ref_date", "since", "period", "quote",
               "qualifier", "kind", "scope", "of_total", "actor", "speaker", "unit_note",
               "scope_note", "unit")
NUMBER_FIELDS = ("value", "value_max", "km2", "percent", "percent_max", "of_total_km2")
INTEGER_FIELDS = ("start", "end", "population")
JSON_FIELDS = ("stated", "places", "comparison", "extra")
# value, unit, km2 and value_max repeat stated[0] for queries; ``stated`` holds every figure
# and is what a claim is read back from.

CLAIM_SCHEMA = pa.schema(
    [pa.field(name, pa.string()) for name in TEXT_FIELDS]
    + [pa.field(name, pa.float64()) for name in NUMBER_FIELDS]
    + [pa.field(name, pa.int64()) for name in INTEGER_FIELDS]
    + [pa.field(name, pa.string()) for name in JSON_FIELDS]
    + [pa.field("linked", pa.list_(pa.string()))]
    + [pa.field("place_id", pa.string()), pa.field("place_name", pa.string()),
       pa.field("place_country", pa.string()), pa.field("lat", pa.float64()),
       pa.field("lon", pa.float64()), pa.field("geometry", pa.binary())]
)
@cache
def _geo_metadata() -> bytes:
    """GeoParquet 1.0.0 metadata: WKB points in EPSG:4326 (as PROJJSON; WKB keeps x = lon)."""
    from pyproj import CRS

    column = {"encoding": "WKB", "geometry_types": ["Point"],
              "crs": CRS.from_epsg(4326).to_json_dict()}
    return json.dumps({"version": "1.0.0", "primary_column": "geometry",
                       "columns": {"geometry": column}}).encode("utf-8")


def claims_table(claims: Sequence[Claim], targets: Sequence[Place | None],
                 metadata: dict[str, Any] | None = None) -> pa.Table:
    """The claims (and the place each is drawn at) as an Arrow table in CLAIM_SCHEMA, with
    GeoParquet metadata and ``metadata`` (JSON-able) under the key ``contested``."""
    rows = [_row(claim, target) for claim, target in zip(claims, targets, strict=True)]
    table = pa.Table.from_pylist(rows, schema=CLAIM_SCHEMA)
    extra = {b"geo": _geo_metadata(),
             b"contested": json.dumps(metadata or {}, ensure_ascii=False).encode("utf-8")}
    return table.replace_schema_metadata(extra)


def _row(claim: Claim, target: Place | None) -> dict[str, Any]:
    record = claim.to_dict()
    row: dict[str, Any] = {name: record.pop(name, None)
                           for name in (*TEXT_FIELDS, *NUMBER_FIELDS, *INTEGER_FIELDS)}
    first = claim.stated[0] if claim.stated else None
    row["value_max"] = first.value_max if first else None
    row["stated"] = _json(record.pop("stated") or None)
    row["places"] = _json(record.pop("places") or None)
    row["comparison"] = _json(record.pop("comparison"))
    row["linked"] = record.pop("linked") or None
    if record.get("tally") is None:
        record.pop("tally", None)  # rare: kept with the extra keys, no column of its own
    row["extra"] = _json(record or None)  # what is left: keys the model does not know
    row.update(_target_columns(target))
    return row


def _target_columns(target: Place | None) -> dict[str, Any]:
    if target is None:
        return {}
    columns = {"place_id": target.id, "place_name": target.name,
               "place_country": target.country, "lat": target.lat, "lon": target.lon}
    if target.lat is not None and target.lon is not None:
        # WKB point: little-endian byte order, type 1, x (lon), y (lat).
        columns["geometry"] = struct.pack("<BIdd", 1, 1, target.lon, target.lat)
    return columns


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def claims_from_table(table: pa.Table) -> Iterator[Claim]:
    """The claims of a table written by :func:`claims_table`, equal to those written."""
    columns = [*TEXT_FIELDS, *NUMBER_FIELDS, *INTEGER_FIELDS, *JSON_FIELDS, "linked"]
    for batch in table.select(columns).to_batches(max_chunksize=4096):
        for row in batch.to_pylist():
            yield _claim(row)


def _claim(row: dict[str, Any]) -> Claim:
    # Written by _row from Claim.to_dict, so read back with its inverse (no validation:
    # what the extractor made is what a claims file may not say, e.g. a bare comparison).
    record = {key: value for key, value in row.items()
              if value is not None and key not in (*JSON_FIELDS, "value_max")}
    for key in ("stated", "places", "comparison"):
        if row[key] is not None:
            record[key] = json.loads(row[key])
    if row["extra"] is not None:
        for key, value in json.loads(row["extra"]).items():
            record.setdefault(key, value)
    return Claim.from_dict(record)


def partition_metadata(schema: pa.Schema) -> dict[str, Any]:
    """What :func:`claims_table` stored under ``contested`` (documents, failures, ...)."""
    raw = (schema.metadata or {}).get(b"contested")
    return json.loads(raw) if raw else {}


def targets_of(places: Iterable[Any]) -> list[Place | None]:
    """The target place of each claim from the resolution stage's ClaimPlaces."""
    return [entry.target for entry in places]

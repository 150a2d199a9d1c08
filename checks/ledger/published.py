"""Published estimates of territory held, bundled with their sources, and the user's own.

The bundled table is ``checks/data/published_estimates.csv`` (see its PROVENANCE.md): one
row per published figure, with the URL it was read at. A user's table (``--reference
FILE``) has the same columns::

    conflict,actor,ref_date,quantity,value,value_max,qualifier,unit,of,scope,
    source_org,outlet,url,quote,notes

``quantity`` is held, peak, lost, liberated or gained; ``unit`` km2, sq mi or percent; a
percent is ``of`` the ``country`` (the scope's whole territory) or the actor's ``peak``;
``scope`` names countries, joined by "+" ("Iraq+Syria"). Held and peak figures and losses
as a share of the peak feed the ledger's bands; area taken in a period is listed but not
banded (its period is prose).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from contested.checks.ledger.actors import actor_key, local_actor
from contested.checks.ledger.estimates import Estimate, bounds_of, scope_countries
from contested.checks.model import date_range, fmt_km2, fmt_number
from contested.claims.scope import Scope, ScopeUnit
from contested.claims.units import canonical_unit, to_km2
from contested.core.exceptions import ContestedError, DataError, InputError
from contested.gazetteer.official_areas import ReferenceTable

COLUMNS = ("conflict", "actor", "ref_date", "quantity", "value", "value_max", "qualifier",
           "unit", "of", "scope", "source_org", "outlet", "url", "quote", "notes")
REQUIRED = ("actor", "ref_date", "quantity", "value", "unit", "scope", "source_org", "url")
QUANTITIES = ("held", "peak", "lost", "liberated", "gained")
MAX_ROWS = 100_000
_QUALIFIERS = {"": None, "about": None, "more than": "more than", "over": "more than",
               ">": "more than", "at least": "at least", "less than": "less than",
               "<": "less than", "under": "less than", "up to": "up to", "nearly": "nearly",
               "almost": "nearly"}


@dataclass(frozen=True, slots=True)
class PublishedTable:
    """The rows of a published-estimates table and the estimates the ledger bands from."""

    path: str
    rows: tuple[dict[str, str], ...]
    estimates: tuple[Estimate, ...]


def bundled_path() -> Path:
    return Path(str(resources.files("contested.checks") / "data" / "published_estimates.csv"))


def load_published(path: str | Path | None, areas: ReferenceTable) -> PublishedTable:
    """Read a table (None: the bundled one); a bad row is an InputError naming line and
    field, a missing bundled table a DataError."""
    file = Path(path) if path is not None else bundled_path()
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        if path is None:
            raise DataError(f"the bundled published estimates {file} are missing; "
                            "reinstall contested") from None
        raise InputError("no such file", source=str(file)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read: {error}", source=str(file)) from None
    rows = _rows(text, str(file))
    estimates = [e for number, row in rows
                 if (e := _estimate(row, areas, str(file), number)) is not None]
    return PublishedTable(str(file), tuple(row for _, row in rows), tuple(estimates))


def _rows(text: str, source: str) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"missing column {missing[0]!r}", source=source, line=1,
                         hint="columns: " + ",".join(COLUMNS))
    rows = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError(f"more than {MAX_ROWS:,} rows", source=source)
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()
                                           if k is not None}))
    except csv.Error as error:
        raise InputError(f"not valid CSV: {error}", source=source,
                         line=reader.line_num) from None
    return rows


def _estimate(row: dict[str, str], areas: ReferenceTable, source: str,
              line: int) -> Estimate | None:
    """One row as an Estimate for the bands; None for a row the bands do not use."""
    quantity = row["quantity"].lower()
    if quantity not in QUANTITIES:
        raise InputError(f"unknown quantity {row['quantity'][:30]!r}", source=source, line=line,
                         field="quantity", hint="one of: " + ", ".join(QUANTITIES))
    as_of = date_range(row["ref_date"])
    if as_of is None:
        raise InputError(f"not a date: {row['ref_date'][:30]!r}", source=source, line=line,
                         field="ref_date", hint="write it as 2017-10-08 (or 2017-10, 2017)")
    value, value_max = _number(row, "value", source, line), _optional(row, source, line)
    qualifier = _QUALIFIERS.get(row.get("qualifier", "").lower(), None)
    scope = _scope(row["scope"], areas, source, line)
    unit, of = row["unit"].lower(), row.get("of", "").lower()
    cite = (f"{row['source_org']}, {row['ref_date']}: {_written(row)} "
            f"({row.get('outlet') or 'source'}, {row['url']})")
    actor = local_actor(actor_key(row["actor"]), scope_countries(scope))
    base = {"actor": actor, "scope": scope, "as_of": as_of,
            "document": row["url"], "source": cite}
    if unit == "percent" and of == "peak" and quantity == "lost":
        low, high = bounds_of(value / 100, None if value_max is None else value_max / 100,
                              qualifier, cap=1.0)
        return Estimate("lost_share", value / 100, low, high,
                        how=f"{_written(row)} of its peak lost ({row['source_org']})", **base)
    if quantity not in ("held", "peak") or (unit == "percent" and of not in ("country", "")):
        return None  # ground taken in a period, or a share of something else: listed only
    km2, km2_max = _km2(value, value_max, unit, scope, areas, (source, line))
    low, high = bounds_of(km2, km2_max, qualifier)
    return Estimate(quantity, km2, low, high, how=f"{fmt_km2(km2)} ({row['source_org']})",
                    **base)


def _km2(value: float, value_max: float | None, unit: str, scope: Scope,
         areas: ReferenceTable, where: tuple[str, int]) -> tuple[float, float | None]:
    if unit == "percent":
        total = sum(areas.get(unit_.id).total_km2 for unit_ in scope.units)  # type: ignore[union-attr]
        return value / 100 * total, None if value_max is None else value_max / 100 * total
    try:
        canonical = canonical_unit(unit)
    except ContestedError:
        raise InputError(f"unknown unit {unit!r}", source=where[0], line=where[1],
                         field="unit", hint="km2, sq mi or percent") from None
    return to_km2(value, canonical), None if value_max is None else to_km2(value_max, canonical)


def _scope(text: str, areas: ReferenceTable, source: str, line: int) -> Scope:
    units = []
    for part in filter(None, (p.strip() for p in text.split("+"))):
        key = areas.exact_key(part) or (f"country:{part.upper()}" if len(part) == 2 else None)
        reference = areas.get(key) if key else None
        if reference is None or reference.kind != "country":
            raise InputError(f"unknown country {part!r}", source=source, line=line,
                             field="scope", hint="name countries, joined by '+': Iraq+Syria")
        units.append(ScopeUnit(reference.key, reference.name, "country", reference.code))
    if not units:
        raise InputError("no scope", source=source, line=line, field="scope")
    return Scope(" and ".join(u.name for u in units), tuple(units))


def _number(row: dict[str, str], name: str, source: str, line: int) -> float:
    try:
        number = float(row[name].replace(",", ""))
    except (KeyError, ValueError):
        raise InputError(f"not a number: {row.get(name, '')[:30]!r}", source=source,
                         line=line, field=name) from None
    if not math.isfinite(number) or number < 0:
        raise InputError(f"not a number ≥ 0: {row[name][:30]!r}", source=source, line=line,
                         field=name)
    return number


def _optional(row: dict[str, str], source: str, line: int) -> float | None:
    return _number(row, "value_max", source, line) if row.get("value_max") else None


def _written(row: dict[str, str]) -> str:
    value = fmt_number(float(row["value"].replace(",", "")))
    if row.get("value_max"):
        value += f"–{fmt_number(float(row['value_max'].replace(',', '')))}"
    qualifier = f"{row['qualifier']} " if row.get("qualifier") else ""
    unit = "%" if row["unit"].lower() == "percent" else f" {row['unit']}"
    of = f" of {row['of']}" if row.get("of") and row["unit"].lower() == "percent" else ""
    return f"{qualifier}{value}{unit}{of}"

"""Yardsticks: the places other than countries and US states that news measures territory by
("an area the size of Wales", "twice the size of Manhattan", "16% of the Gaza Strip").

The table is ``gazetteer/data/reference_areas.csv``, curated by hand (not built by
scripts/build_pack.py), one row per place, columns ``name, alt_names, kind, code, total_km2,
land_km2, source, url, notes``:

* ``alt_names``: other spellings news uses, ``|``-separated ("NYC|City of New York").
* ``kind``: nation, region, county, city, borough, island, park, territory (or country, for
  a country whose official row has no usable figure: GeoNames rounds the Vatican to 0 km²).
* ``code``: an ISO 3166-2 code where one names exactly this unit, else a short slug; the
  row's key is ``kind:code`` ("nation:GB-WLS", "city:FR-75C").
* ``total_km2``: land and inland water, like the official table; ``land_km2`` where the source
  gives it (a stated reference area may be either, see the comparison rule).
* ``source``: the citation; what comes before the first ";" is what a message shows.
* ``url``: where the figure was read; ``notes``: what the figure covers and what else
  sources say. Where each figure comes from: ``reference_areas.PROVENANCE.md`` beside it.

A row without a usable total is left out like an official one; a test holds the shipped file
to a positive total and a URL on every row, so none goes missing quietly.
"""

from __future__ import annotations

import csv
from pathlib import Path

from contested.core.exceptions import DataError
from contested.gazetteer.official_areas import Reference, positive_km2

__all__ = ["COLUMNS", "REFERENCE_AREAS_CSV", "positive_km2", "read_reference_areas",
           "reference_from_row", "short_source"]

REFERENCE_AREAS_CSV = Path(__file__).resolve().parent / "data" / "reference_areas.csv"
COLUMNS = ("name", "alt_names", "kind", "code", "total_km2", "land_km2", "source", "url",
           "notes")


def read_reference_areas(path: Path = REFERENCE_AREAS_CSV) -> list[Reference]:
    """The yardsticks in ``path`` as :class:`Reference` rows (rows with no usable total, or
    no name, kind or code, are left out)."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError as error:
        raise DataError(f"reference area table {path} is missing; reinstall contested") from error
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"reference area table {path} cannot be read ({error}); "
                        "reinstall contested") from error
    return [reference for reference in map(reference_from_row, rows) if reference is not None]


def reference_from_row(row: dict[str, str | None]) -> Reference | None:
    """One row of the table as a :class:`Reference`, or None when it has no usable total
    (missing, not a number, not positive) or no name, kind or code."""
    name, kind, code = (_text(row, column) for column in ("name", "kind", "code"))
    total, land = positive_km2(_text(row, "total_km2")), positive_km2(_text(row, "land_km2"))
    if not (name and kind and code) or total is None:
        return None
    alt_names = tuple(part.strip() for part in _text(row, "alt_names").split("|") if part.strip())
    return Reference(name=name, kind=kind, code=code, total_km2=total,
                     source=short_source(_text(row, "source")), land_km2=land,
                     alt_names=alt_names)


def short_source(source: str) -> str:
    """The citation a message shows: the source up to its first ";"."""
    return source.split(";")[0].strip()


def _text(row: dict[str, str | None], column: str) -> str:
    return (row.get(column) or "").strip()

"""Areas of admin-1 units as containment uses them: the published (official) total where
one is bundled, the shipped polygon's geodesic area otherwise, and which of the two it is.

Natural Earth's polygons can be far from a unit's official area (its "Baghdad" is 658 km²,
the governorate 4,555 km²; its Quneitra leaves out the occupied Golan). The official table,
``checks/data/official_unit_areas.csv`` (Iraq, Syria, Ukraine; a source and URL per row),
is matched to the shipped units by folded name within the country.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from contested.core.exceptions import DataError
from contested.gazetteer.fold import fold


@dataclass(frozen=True, slots=True)
class UnitArea:
    """A unit's area and where the figure comes from."""

    km2: float
    official: bool
    source: str


def table_path() -> Path:
    return Path(str(resources.files("contested.checks") / "data" / "official_unit_areas.csv"))


@lru_cache(maxsize=1)
def unit_areas() -> dict[str, UnitArea]:
    """admin1_id → area: official where the table matches the unit, else the polygon's."""
    from contested.geo.boundaries import admin1

    frame = admin1()
    areas = {
        str(unit_id): UnitArea(float(km2), False, "Natural Earth polygon, geodesic")
        for unit_id, km2 in zip(frame["admin1_id"], frame["area_km2"], strict=True)
    }
    by_name: dict[tuple[str, str], str] = {}
    for unit_id, country, *names in zip(frame["admin1_id"], frame["country"], frame["name"],
                                       frame["name_en"], frame["name_alt"], strict=True):
        for name in _names(*names):
            by_name.setdefault((str(country), name), str(unit_id))
    for row in _official_rows():
        unit_id = next((by_name[(row["country"], name)] for name in _names(row["name"])
                        if (row["country"], name) in by_name), None)
        if unit_id is not None:
            areas[unit_id] = UnitArea(float(row["total_km2"]), True,
                                      f"official, {row['source'].split(';')[0]}")
    return areas


def _names(*values: object) -> set[str]:
    """Folded names of a unit, each part of "Erbil (Arbil)" and of "a|b" lists alike."""
    names = set()
    for value in values:
        if not isinstance(value, str):
            continue
        for part in re.split(r"[|()]", value):
            folded = fold(part.replace(" Oblast", "").strip())
            if folded:
                names.add(folded)
    return names


def _official_rows() -> list[dict[str, str]]:
    try:
        with open(table_path(), encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise DataError(f"the bundled official unit areas {table_path()} cannot be read "
                        f"({error.strerror}); reinstall contested") from None

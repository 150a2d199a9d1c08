"""The ``places`` of a claims record: names (resolved later) and resolve objects, checked
field by field (``contested resolve --json`` objects, or what a claims file writer saved)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from contested.claims.fields import FieldFail as _Fail
from contested.claims.fields import shown as _shown
from contested.core.exceptions import InputError
from contested.gazetteer.place import Place

__all__ = ["place_from_record", "read_places"]


def read_places(value: Any) -> tuple[tuple[Place, ...], list[str]]:
    """(resolve objects as Places, names to resolve later) of a record's ``places``: one
    name or object, or a list of them; anything else is refused naming ``places.N``."""
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
            places.append(_place_object(item, f"places.{number}"))
        else:
            raise _Fail(f"places.{number}", f"expected a name or an object, got {_shown(item)}")
    return tuple(places), names


def _place_object(item: dict[str, Any], field_name: str) -> Place:
    """A resolve object (``contested resolve --json``): a name, and lon/lat that are one."""
    if not isinstance(item.get("name"), str) or not item["name"].strip():
        raise _Fail(field_name, "a place object needs a 'name'")
    _check_place_fields(item, field_name)
    for axis, limit in (("lat", 90.0), ("lon", 180.0)):
        coordinate = item.get(axis)
        if coordinate is None:
            continue
        if isinstance(coordinate, bool) or not isinstance(coordinate, int | float):
            raise _Fail(f"{field_name}.{axis}", f"not a number: {_shown(coordinate)}")
        if not math.isfinite(coordinate) or abs(coordinate) > limit:
            raise _Fail(f"{field_name}.{axis}",
                        f"{axis} must be a finite number between -{limit:g} and {limit:g}, "
                        f"got {coordinate!r}")
    try:
        return place_from_record(item)
    except (KeyError, TypeError, ValueError) as error:
        raise _Fail(field_name, f"bad place object: {_shown(error)}") from None


# The text fields of a resolve object (``contested resolve --json``).
_PLACE_TEXT_FIELDS = ("query", "name", "country", "admin1", "kind", "id", "precision",
                      "admin1_id", "qualifier")


def _check_place_fields(item: dict[str, Any], field_name: str) -> None:
    """Every field of a place object has its resolve object's type; lat and lon together."""
    for key in _PLACE_TEXT_FIELDS:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise _Fail(f"{field_name}.{key}", f"expected text, got {_shown(value)}")
    score = item.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)
                              or not math.isfinite(score)):
        raise _Fail(f"{field_name}.score", f"not a number: {_shown(score)}")
    if (item.get("lat") is None) != (item.get("lon") is None):
        raise _Fail(field_name, "a place object gives both lat and lon, or neither",
                    "copy the object from `contested resolve NAME --json`")
    alternatives = item.get("alternatives")
    if alternatives is not None and not (isinstance(alternatives, list) and all(
            isinstance(a, dict) and isinstance(a.get("name"), str) for a in alternatives)):
        raise _Fail(f"{field_name}.alternatives", "expected a list of named objects")


def place_from_record(item: dict[str, Any]) -> Place:
    """A Place from a claims file's place object: the resolve object plus what it needs to
    be the same Place again (``population``, ``alt_names``; see writers.place_record)."""
    place = Place.from_dict(item)
    population, alt_names = item.get("population"), item.get("alt_names")
    if population is None and not alt_names:
        return place
    if population is not None and (isinstance(population, bool)
                                   or not isinstance(population, int | float)):
        raise ValueError(f"population is not a number: {population!r}")
    if alt_names is not None and not (isinstance(alt_names, list)
                                      and all(isinstance(n, str) for n in alt_names)):
        raise ValueError("alt_names must be a list of names")
    return dataclasses.replace(place, population=int(population or 0),
                               alt_names=tuple(alt_names or ()))


def _check_place_name(name: str, field_name: str) -> None:
    # The gazetteer refuses a 10 kB "name" (text pasted into the field) or a control
    # character; refusing it here names the file, line and field instead of the claim.
    from contested.gazetteer.resolver import clean_name

    try:
        clean_name(name, field_name)
    except InputError as error:
        raise _Fail(field_name, error.message, error.hint) from None

"""One raw record of a claims file → one validated :class:`~contested.claims.model.Claim`.

Every field is checked: numbers are one number, units known, qualifiers and kinds from the
model's lists, areas positive and smaller than the Earth, place names usable. A bad field
raises :class:`~contested.core.exceptions.ClaimsFileError` naming the file, line and field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from contested.claims.fields import FieldFail as _Fail
from contested.claims.fields import shown as _shown
from contested.claims.model import KINDS, QUALIFIERS, Claim, Comparison, Stated
from contested.claims.place_fields import read_places
from contested.claims.tally_fields import read_tally
from contested.claims.units import EARTH_SURFACE_KM2, canonical_unit, to_km2
from contested.core.exceptions import ClaimsFileError, InputError

# Fields of a claim record besides the area and the places (which have their own rules).
_INT_FIELDS = ("start", "end", "population")
_FLOAT_FIELDS = ("percent", "of_total_km2")
_TEXT_FIELDS = ("quote", "scope", "source", "speaker", "actor", "of_total", "unit_note",
                "scope_note", "document")
_DATE_FIELDS = ("date", "since", "period", "ref_date")
# Text fields that name a place or a holder: a number there is not a name ("scope: 5").
_NAME_FIELDS = ("scope", "actor", "of_total", "document")
_AREA_FIELDS = ("value", "unit", "km2", "value_max", "area", "stated")
_KNOWN_FIELDS = frozenset(
    ("id", "qualifier", "kind", "places", "comparison", "percent_max", "linked", "tally")
    + _INT_FIELDS
    + _FLOAT_FIELDS
    + _TEXT_FIELDS
    + _DATE_FIELDS
    + _AREA_FIELDS
)
# Flat spellings of the comparison in CSV columns / GeoJSON properties.
PLACE_NAMES = "place_names"  # claim.extra key of place names not yet resolved


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
    elif isinstance(claim_id, bool) or not isinstance(claim_id, str | int):
        raise _Fail("id", f"an id is text, got {_shown(claim_id)}")
    stated, area_qualifier = _read_area(data)
    _refuse_claim_without_quantity(data, stated)
    qualifier = _read_qualifier(data.get("qualifier"), "qualifier") or area_qualifier
    kind = data.get("kind")
    if kind is not None:
        kind = str(kind).strip().lower().replace(" ", "_").replace("-", "_")
        if kind not in KINDS:
            raise _Fail("kind", f"unknown kind {_shown(data['kind'])}",
                        "use one of: " + ", ".join(KINDS))
    places, place_names = read_places(data.get("places"))
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
        document=_text(data, "document"),
        tally=read_tally(data.get("tally")),
        extra=extra,
    )


# What makes a record a claim: something to check (a figure, a share, a size comparison).
_QUANTITY_FIELDS = ("percent", "comparison", "of_total_km2", "population")


def _refuse_claim_without_quantity(data: dict[str, Any], stated: tuple[Stated, ...]) -> None:
    """A record with no figure, share or comparison but fields the reader does not know is
    refused: it is a CSV with the wrong header or delimiter, whose cells all went to unknown
    columns (a claim written without a figure, in known fields only, is kept)."""
    if stated or any(data.get(name) is not None for name in _QUANTITY_FIELDS):
        return
    unknown = [str(key) for key in data if key not in _KNOWN_FIELDS][:3]
    if unknown:
        raise _Fail("value", "no figure, share or comparison, only unknown fields "
                    + ", ".join(repr(k[:30]) for k in unknown),
                    "check the header and the delimiter (commas); a claim gives value and "
                    "unit, km2, area, stated, percent or comparison")


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
    if isinstance(value, dict | list | bool) or (
            name in _NAME_FIELDS and not isinstance(value, str)):
        raise _Fail(name, f"expected text, got {_shown(value)}",
                    "quote it" if not isinstance(value, dict | list) else None)
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate ("\udce9") from JSON escapes
        raise _Fail(name, f"not valid Unicode: an unpaired surrogate at character "
                          f"{error.start}", "save the file as UTF-8 text") from None
    return text


def _date(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if isinstance(value, dt.date):  # YAML reads 2017-09-22 as a date
        return value.isoformat()
    if isinstance(value, bool):
        raise _Fail(name, f"expected a date like 2017-09-22, got {_shown(value)}")
    text = _text(data, name)
    if text is None or not text.strip():
        return None
    if not _is_iso_date(text.strip()) and not (name == "period"
                                               and _ISO_DURATION.fullmatch(text.strip())):
        raise _Fail(name, f"not a date: {_shown(text)}",
                    "write it as 2017-09-22 (or 2017-09, 2017)")
    return text.strip()


# A date as files write it: 2017, 2017-09, 2017-09-22, or a timestamp starting with one;
# a period may also be an ISO duration (P2W: "in the past two weeks").
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_ISO_DURATION = re.compile(r"P\d{1,4}[DWMY]")


def _is_iso_date(text: str) -> bool:
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# One number as a file writes it: digits, optionally grouped by commas in threes, a decimal
# part, an exponent. "41 000", "4l000", "41000-50000", "41.000,5" or "1/2" are not one.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d{1,3})?")
_MAX_DIGITS = 30  # no area, percent or count needs more; a 4,000-digit integer is an attack


def _to_float(value: Any, name: str) -> float:
    if isinstance(value, bool):
        raise _Fail(name, f"expected a number, got {value!r}")
    if isinstance(value, int):
        if value.bit_length() > 100:
            raise _Fail(name, f"a number with more than {_MAX_DIGITS} digits")
        number = float(value)
    elif isinstance(value, float):
        number = value
    elif isinstance(value, str):
        number = _parse_number_text(value, name)
    else:
        raise _Fail(name, f"expected a number, got {type(value).__name__}")
    if not math.isfinite(number):
        raise _Fail(name, f"not a finite number: {_shown(value)}")
    return number


def _parse_number_text(value: str, name: str) -> float:
    text = value.strip()
    if len(text) > _MAX_DIGITS + 10 or not _NUMBER.fullmatch(text):
        raise _Fail(name, f"not one number: {_shown(value)}",
                    "write the figure alone, like 41000 or 41,000.5; a range goes in "
                    "value and value_max, a figure with its unit in area:")
    return float(text.replace(",", ""))


def _number(data: dict[str, Any], name: str) -> float | None:
    value = data.get(name)
    if value is None:
        return None
    number = _to_float(value, name)
    if number < 0:
        raise _Fail(name, f"must not be negative, got {_shown(value)}")
    return number


def _integer(data: dict[str, Any], name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    number = _to_float(value, name)
    if number < 0 or number != int(number):
        raise _Fail(name, f"expected a whole number ≥ 0, got {_shown(value)}")
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
        raise _Fail(name, f"unknown qualifier {_shown(value)}",
                    "use one of: " + ", ".join(QUALIFIERS))
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
        if data.get("area") is not None:
            raise _Fail("area", "give the area once: both 'stated' and 'area' found")
        stated = _read_stated_list(data["stated"])
        # `contested extract --json` repeats stated[0] as value/unit/km2: allowed if equal.
        if flat_given and _one_stated(data, "") != stated[0]:
            raise _Fail("value", "value/unit/km2 differ from the first of 'stated'")
        return stated, None
    if data.get("area") is not None:
        if flat_given:
            raise _Fail("area", "give the area once: both 'area' and value/km2 found")
        return _read_area_text(data["area"])
    if not flat_given:
        if data.get("unit") is not None or data.get("value_max") is not None:
            raise _Fail("value", "a unit or value_max without a value")
        return (), None
    return (_one_stated(data, ""),), None


def _read_stated_list(items: Any) -> tuple[Stated, ...]:
    if not isinstance(items, list):
        raise _Fail("stated", "expected a list of {value, unit, km2}")
    stated = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise _Fail(f"stated.{number}", "expected {value, unit, km2}")
        stated.append(_one_stated(item, f"stated.{number}."))
    return tuple(stated)


def _read_area_text(area: Any) -> tuple[tuple[Stated, ...], str | None]:
    """``area: "more than 41,000 sq km"``: a figure as news writes it, read by parse_area."""
    from contested.claims.quantity import parse_area

    if not isinstance(area, str):
        raise _Fail("area", f"'area' is a figure with its unit, got {_shown(area)}",
                    'write e.g. "41,000 sq km", or use km2:')
    try:
        quantity = parse_area(area)
    except InputError as error:
        raise _Fail("area", error.message, error.hint) from None
    for stated_figure in quantity.stated:
        _check_area(stated_figure.km2, "area")
    return quantity.stated, quantity.qualifier


def _one_stated(data: dict[str, Any], prefix: str) -> Stated:
    value, unit, km2 = data.get("value"), data.get("unit"), data.get("km2")
    if value is None:
        if km2 is None:
            raise _Fail(prefix + "value", "no value")
        km2_number = _to_float(km2, prefix + "km2")
        _check_area(km2_number, prefix + "km2")
        unit_name = "km2" if unit is None else _read_unit(unit, prefix + "unit")
        if unit_name != "km2":
            raise _Fail(prefix + "value", f"km2 given in {_shown(unit)} without the value")
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
    if not isinstance(reference, list) or not reference or not all(
            isinstance(r, str) and r.strip() for r in reference):
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



"""Checking what a caller passes in: a place name and the hints (country, kind, near).

Every check raises :class:`~contested.core.exceptions.InputError` naming the field, so the CLI
exits 2 with a message and a library caller gets one exception type for bad input.
"""

from __future__ import annotations

import re
import unicodedata

from contested.core.exceptions import InputError
from contested.gazetteer.kinds import HINT_KINDS

MAX_NAME_LENGTH = 200

_CONTROL_OK = "\t\n\r"
_ISO2_RE = re.compile(r"^[A-Za-z]{2}$")


def clean_name(name: object, field_name: str = "name") -> str:
    """Validate a query: a non-empty string of printable text, at most 200 characters."""
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, not {type(name).__name__}",
                         field=field_name)
    if not name.isprintable():  # fast path: most names are printable
        for char in name:
            category = unicodedata.category(char)
            if category == "Cc" and char not in _CONTROL_OK:
                raise InputError(
                    f"place name {_preview(name)} contains the control character "
                    f"U+{ord(char):04X}",
                    field=field_name, hint="remove it and retry",
                )
            if category == "Cs":  # an undecodable byte: "Mos\udc80ul" is not "Moss"
                raise InputError(
                    f"place name {_preview(name)} is not valid Unicode (an unpaired "
                    f"surrogate, U+{ord(char):04X})",
                    field=field_name, hint="decode the text as UTF-8 first",
                )
    text = " ".join(name.split())
    if not text:
        raise InputError("empty place name", field=field_name,
                         hint="give a name such as 'Mosul' or 'الموصل'")
    if len(text) > MAX_NAME_LENGTH:
        raise InputError(
            f"place name {_preview(text)} is {len(text)} characters long; "
            f"a place name has at most {MAX_NAME_LENGTH}",
            field=field_name, hint="pass the place name, not the text around it",
        )
    return text


def _preview(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def clean_country(country: str | None) -> str | None:
    """An ISO 3166-1 alpha-2 code in upper case, or None."""
    if country is None or country == "":
        return None
    if not isinstance(country, str) or not _ISO2_RE.match(country.strip()):
        raise InputError(f"country {country!r} is not an ISO 3166-1 alpha-2 code",
                         field="country", hint="use a two-letter code such as IQ or SY")
    return country.strip().upper()


def clean_kind(kind: str | None) -> str | None:
    """A kind hint the gazetteer knows ("city", "governorate", "river", …), or None."""
    if kind is None or kind == "":
        return None
    normalized = str(kind).strip().lower()
    if normalized not in HINT_KINDS:
        raise InputError(f"unknown kind {kind!r}", field="kind",
                         hint="one of " + ", ".join(sorted(HINT_KINDS)))
    return normalized


def clean_near(near: object) -> tuple[float, float] | None:
    """A (lat, lon) pair within range, or None."""
    if near is None:
        return None
    try:
        lat, lon = (float(v) for v in near)  # type: ignore[union-attr]
    except (TypeError, ValueError) as error:
        raise InputError(f"near {near!r} is not a (lat, lon) pair", field="near",
                         hint="for example near=(36.34, 43.13)") from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"near ({lat}, {lon}) is outside lat ±90 / lon ±180", field="near")
    return lat, lon

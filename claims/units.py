"""Area units in one place: canonical names, spellings news uses, and conversion to km².

1 international mile = 1.609344 km exactly, so 1 sq mi = 2.589988110336 km².
"""

from __future__ import annotations

import re

from contested.core.exceptions import UnitError

# The surface of the WGS84 ellipsoid (4πR² on its authalic sphere; contested.geo.area computes
# the same from the ellipsoid, and a test holds the two equal): no claimed area exceeds it.
EARTH_SURFACE_KM2 = 510_065_621.724

KM2_PER_UNIT: dict[str, float] = {
    "km2": 1.0,
    "sq mi": 2.589988110336,
    "ha": 0.01,
    "acre": 0.0040468564224,
    "m2": 1e-6,
    "dunam": 0.001,  # metric dunam (1,000 m²), the unit of Iraqi and Syrian land records
    "feddan": 0.0042,  # Egyptian and Sudanese feddan (4,200 m²)
}

# Spellings as written, folded to lower case with runs of space, dots and hyphens collapsed.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "km2": (
        "km2", "km²", "km^2", "sq km", "sqkm", "sq. km", "sq km.", "sq. km.", "square km",
        "square kilometre", "square kilometres", "square kilometer", "square kilometers",
        "sq kilometre", "sq kilometres", "sq kilometer", "sq kilometers", "kilometres square",
        "kilometers square", "square-kilometre", "square-kilometer", "square-kilometres",
        "square-kilometers", "kmsq", "km sq", "sq kms", "square kms", "km squared",
        "kms squared", "kilometres squared", "kilometers squared", "sq.km", "sq-km",
    ),
    "sq mi": (
        "sq mi", "sq. mi", "sq mi.", "sq. mi.", "sqmi", "square mile", "square miles",
        "sq mile", "sq miles", "sq. miles", "square-mile", "square-miles", "mi2", "mi²",
        "miles squared", "sq mis",
    ),
    "ha": ("ha", "hectare", "hectares"),
    "acre": ("acre", "acres"),
    "m2": (
        "m2", "m²", "sq m", "sq. m", "sq. m.", "square metre", "square metres", "square meter",
        "square meters", "square-metre", "square-meter", "square-metres", "square-meters",
    ),
    "dunam": ("dunam", "dunams", "dunum", "dunums", "donum", "donums", "dönüm"),
    "feddan": ("feddan", "feddans", "faddan", "faddans"),
}


def _fold_unit(text: str) -> str:
    folded = text.strip().lower().replace("\u00a0", " ")
    folded = re.sub(r"\s+", " ", folded)
    folded = re.sub(r"\s*\.\s*", ". ", folded).strip()
    folded = re.sub(r"\s+", " ", folded)
    return folded.rstrip()


UNIT_ALIASES: dict[str, str] = {
    _fold_unit(spelling): unit for unit, spellings in _SPELLINGS.items() for spelling in spellings
}
for _unit in KM2_PER_UNIT:
    UNIT_ALIASES[_fold_unit(_unit)] = _unit


def canonical_unit(text: str) -> str:
    """Return the canonical unit name ("km2", "sq mi", ...) for a spelling, or raise UnitError."""
    key = _fold_unit(text)
    unit = UNIT_ALIASES.get(key) or UNIT_ALIASES.get(key.rstrip(". "))
    if unit is None:
        known = ", ".join(sorted(KM2_PER_UNIT))
        raise UnitError(f"unknown area unit {text!r}", hint=f"use one of: {known}")
    return unit


def to_km2(value: float, unit: str) -> float:
    """Convert ``value`` in ``unit`` (any known spelling) to square kilometres."""
    return float(value) * KM2_PER_UNIT[canonical_unit(unit)]


def from_km2(km2: float, unit: str) -> float:
    """Convert square kilometres to ``unit`` (any known spelling)."""
    return float(km2) / KM2_PER_UNIT[canonical_unit(unit)]

"""Errors of the geometry layer, on top of the hierarchy in :mod:`gazetteer.exceptions`.

Import every contested exception from here: the base classes are re-exported.
"""

from __future__ import annotations

from gazetteer.exceptions import (
    ContestedError,
    DataError,
    InputError,
    NetworkError,
    UnknownPlace,
)

__all__ = [
    "ClaimsFileError",
    "ContestedError",
    "DataError",
    "GeometryError",
    "InputError",
    "NetworkError",
    "UnitError",
    "UnknownPlace",
]


class ClaimsFileError(InputError):
    """A claims file (YAML, CSV, JSON Lines, GeoJSON, text) cannot be read."""


class UnitError(InputError):
    """An area unit or quantity the parser does not know."""


class GeometryError(InputError):
    """A geometry that is invalid and cannot be repaired, or a boundary file that cannot be read."""

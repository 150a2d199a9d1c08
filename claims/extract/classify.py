"""Names this module held before extraction was split into single-job modules, kept for
callers not yet moved (``claims/scope.py`` reads :data:`DEMONYMS`). New code imports from
:mod:`~contested.claims.extract.demonyms`, :mod:`~contested.claims.extract.kinds`,
:mod:`~contested.claims.extract.comparisons` and :mod:`~contested.claims.extract.populations`.
"""

from __future__ import annotations

from contested.claims.extract.comparisons import (
    ComparisonMatch,
    find_comparisons,
    normalise_reference,
)
from contested.claims.extract.demonyms import DEMONYMS
from contested.claims.extract.kinds import find_kind
from contested.claims.extract.populations import find_populations

__all__ = [
    "DEMONYMS",
    "ComparisonMatch",
    "find_comparisons",
    "find_kind",
    "find_populations",
    "normalise_reference",
]

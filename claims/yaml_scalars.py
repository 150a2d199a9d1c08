"""YAML 1.1 typing of plain scalars, as PyYAML's safe loader types them (both YAML readers).

    >>> [typed(text, None) for text in ("yes", "~", "1_000", "1.5", "1e5", "2017-01-02", "x")]
    [True, None, 1000, 1.5, '1e5', datetime.date(2017, 1, 2), 'x']

Text comes back as the very object given, so ``typed(text, None) is text`` says "stays text".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

NULL = {"", "~", "null", "Null", "NULL"}
BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
        "FALSE": False, "yes": True, "Yes": True, "YES": True, "no": False, "No": False,
        "NO": False, "on": True, "On": True, "ON": True, "off": False, "Off": False,
        "OFF": False}
WORDS = NULL | set(BOOL)
_NUMBER_STARTS = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
# PyYAML's float resolver (YAML 1.1), sexagesimal left as text.
FLOAT = re.compile(r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.[0-9][0-9_]*"
                   r"(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def typed(value: str, kind: str | None) -> Any:
    """A plain scalar typed as YAML 1.1's core schema does (or as its explicit tag says)."""
    if kind is None and value[:1] not in _NUMBER_STARTS and value not in WORDS:
        return value  # text, the common case, without a regular expression
    if kind == "null" or (kind is None and value in NULL):
        return None
    if kind == "bool" or (kind is None and value in BOOL):
        return BOOL[value] if value in BOOL else bool(value)
    if kind == "int" or (kind is None and _INT.fullmatch(value)):
        return int(value.replace("_", ""))
    if kind == "float" or (kind is None and FLOAT.fullmatch(value)):
        return float(value.replace("_", "").replace(".inf", "inf").replace(".Inf", "inf")
                     .replace(".INF", "inf").replace(".nan", "nan").replace(".NaN", "nan")
                     .replace(".NAN", "nan"))
    if kind is None and _DATE.fullmatch(value):
        year, month, day = (int(part) for part in value.split("-"))
        return dt.date(year, month, day)
    return value

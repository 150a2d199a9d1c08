"""The ``tally`` field of a claims record: a count of units and its breakdown.

    tally: {total: 212, parts: [120, 92], noun: villages}

Counts are whole numbers (a count written "1,200" is read as 1200); a breakdown has two
parts or more. What is wrong names the field: ``tally.parts.1``.
"""

from __future__ import annotations

import re
from typing import Any

from contested.claims.fields import FieldFail, shown
from contested.claims.model import Tally

MAX_PARTS = 50  # a breakdown written out in a sentence; more is not a tally but a table
MAX_COUNT = 10**9  # more units than any country has villages
_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_FIELDS = {"total", "parts", "noun"}


def read_tally(value: Any) -> Tally | None:
    """A validated :class:`~contested.claims.model.Tally`, or None when the field is empty."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FieldFail("tally", f"expected {{total, parts, noun}}, got {shown(value)}",
                        "write tally: {total: 212, parts: [120, 92], noun: villages}")
    unknown = set(value) - _FIELDS
    if unknown:
        raise FieldFail(f"tally.{sorted(map(str, unknown))[0]}", "unknown tally field",
                        "a tally has total, parts and noun")
    parts = value.get("parts")
    if not isinstance(parts, list) or not 2 <= len(parts) <= MAX_PARTS:
        raise FieldFail("tally.parts", f"expected a list of 2 to {MAX_PARTS} counts, got "
                        f"{shown(parts)}")
    noun = value.get("noun")
    if not isinstance(noun, str) or not noun.strip() or len(noun) > 60:
        raise FieldFail("tally.noun", f"expected what is counted (\"townships\"), got "
                        f"{shown(noun)}")
    return Tally(total=_count(value.get("total"), "tally.total"),
                 parts=tuple(_count(part, f"tally.parts.{index}")
                             for index, part in enumerate(parts)),
                 noun=noun.strip())


def _count(value: Any, name: str) -> int:
    if isinstance(value, str) and _COUNT.fullmatch(value.strip()):
        value = int(value.strip().replace(",", ""))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise FieldFail(name, f"expected a whole number from 0 to {MAX_COUNT:,}, got "
                        f"{shown(value)}")
    return value

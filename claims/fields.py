"""What the validators of a claims record share: the failure that names a field, and a
value shown in a message without ever formatting a huge one whole."""

from __future__ import annotations

from typing import Any


class FieldFail(Exception):
    """A bad field: ``field`` (dotted: ``places.1.lat``), what is wrong, what to do."""

    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.field, self.message, self.hint = field, message, hint


def shown(value: Any, limit: int = 60) -> str:
    """A value for a message: repr, cut short (a message never formats a huge value whole)."""
    if isinstance(value, dict | list | tuple | set):
        return f"a {type(value).__name__} of {len(value)} items"
    text = repr(value) if len(str(value)) <= limit * 4 else repr(str(value)[: limit * 4])
    return text if len(text) <= limit else text[: limit - 1] + "…"

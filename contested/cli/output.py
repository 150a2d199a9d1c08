"""Helpers every subcommand uses to print: JSON Lines on stdout, messages on stderr."""

from __future__ import annotations

import json
import math
from typing import Any

import click

from contested.core.text import json_printable, printable


def _clean(value: Any) -> Any:
    # JSON has no NaN/Infinity: absent numbers are null.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def emit_json(record: dict[str, Any]) -> None:
    """Print one JSON object as one line on stdout (UTF-8; what could drive a terminal, C1
    controls, bidirectional overrides, line separators and unpaired surrogates, as \\u
    escapes: the same JSON value)."""
    click.echo(json_printable(json.dumps(_clean(record), ensure_ascii=False,
                                         separators=(",", ":"))))


def say(message: str) -> None:
    """A human message on stderr, control characters escaped."""
    click.echo(printable(message), err=True)


def echo(text: str) -> None:
    """Human output on stdout (tables, paths), control characters escaped."""
    click.echo(printable(text))

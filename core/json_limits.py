"""Limits on parsed JSON that Python's parser does not set itself.

``json.loads`` stops deep nesting only at the interpreter's recursion limit (a RecursionError
near 1,000 levels) and reads ``NaN`` and ``Infinity``, which are not JSON (RFC 8259). Readers
call :func:`nesting_depth` after parsing, with their own documented limit (claims files 12,
answers of online services 32), and pass :func:`refuse_constant` as ``parse_constant`` where
a NaN can only be a broken or hostile answer.

    >>> nesting_depth({"a": [[1], {"b": []}]}, limit=12)
    4
"""

from __future__ import annotations

from typing import Any


def refuse_constant(name: str) -> Any:
    """``parse_constant`` for ``json.loads``: NaN, Infinity and -Infinity are refused."""
    raise ValueError(f"{name} is not a JSON number (RFC 8259)")


def nesting_depth(data: Any, limit: int) -> int:
    """How deeply ``data`` (parsed JSON) nests lists and objects, counted up to ``limit + 1``
    (iteratively: no recursion, and no more work than the data's size)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, list | dict):
            continue
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, list | dict))
    return deepest

"""The Python facade's arguments, checked before any work.

A wrong-typed argument (``contested.check("claims.yaml")``, ``extract(123)``, ``save_map(m,
None)``) is an :class:`~contested.core.exceptions.InputError` (also a ``ValueError``) that
names the argument and shows the call that works, never a raw ``TypeError`` or
``AttributeError`` from deep inside. Text arguments must be valid Unicode (no unpaired
surrogate: it could not be written to any file).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from contested.claims.model import Claim
from contested.core.exceptions import InputError

PathLike = str | os.PathLike


def type_name(value: Any) -> str:
    return type(value).__name__


def text(value: Any, name: str, hint: str) -> str:
    """``value`` if it is a str of valid Unicode; else InputError naming ``name``."""
    if not isinstance(value, str):
        raise InputError(f"{name} must be text, got {type_name(value)}", hint=hint)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InputError(f"{name} is not valid Unicode: an unpaired surrogate at character "
                         f"{error.start}", hint="decode the text as UTF-8 first") from None
    return value


def optional_text(value: Any, name: str, hint: str) -> str | None:
    return None if value is None else text(value, name, hint)


def path(value: Any, name: str, hint: str) -> Path:
    """A file system path (str or os.PathLike, not empty)."""
    if isinstance(value, bytes) or not isinstance(value, str | os.PathLike):
        raise InputError(f"{name} takes a path (str or pathlib.Path), got {type_name(value)}",
                         hint=hint)
    if not os.fspath(value):
        raise InputError(f"{name} is empty", hint=hint)
    return Path(value)


def paths(value: Any, name: str, hint: str) -> list[PathLike]:
    """One path or an iterable of paths, as a list."""
    if isinstance(value, str | os.PathLike | bytes):
        return [path(value, name, hint)]
    if isinstance(value, Claim):
        raise InputError(f"{name} takes file paths, got a Claim", hint=hint)
    items = _items(value, f"{name} takes a path or a list of paths", hint)
    return [path(item, f"{name}[{number}]", hint) for number, item in enumerate(items)]


def _items(value: Any, takes: str, hint: str) -> list[Any]:
    """``value`` as a list; InputError("<takes>, got <type>") when it cannot be iterated."""
    try:
        return list(value)
    except TypeError:
        raise InputError(f"{takes}, got {type_name(value)}", hint=hint) from None


def flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{name} must be True or False, got {value!r:.40}")
    return value


def instance(value: Any, kind: type, name: str, example: str) -> Any:
    """``value`` when it is None or a ``kind``; InputError naming ``name`` otherwise."""
    if value is not None and not isinstance(value, kind):
        raise InputError(f"{name} must be a {kind.__name__}, got {type_name(value)}",
                         hint=f"{name}={example}")
    return value


def callback(value: Any, name: str) -> Callable[..., Any] | None:
    if value is not None and not callable(value):
        raise InputError(f"{name} must be a function (or None), got {type_name(value)}",
                         hint=f"{name}=print")
    return value


def date(value: Any, name: str) -> str | None:
    """An ISO date (2017-10-17, 2017-10, 2017) or None; an impossible one is refused."""
    if value is None:
        return None
    from contested.claims.documents import iso_date

    given = text(value, name, f'{name}="2017-10-17"')
    iso = iso_date(given, source=name, field=name)
    if iso != given.strip():
        raise InputError(f"{name} {given!r:.40} is not a date like 2017-10-17",
                         hint=f'{name}="2017-10-17"')
    return iso


def names(value: Any, name: str, example: str = "Virginia") -> tuple[str, ...]:
    """A list of names (a lone str is refused: it would be read letter by letter)."""
    hint = f'{name}=["{example}"]'
    if isinstance(value, str):
        raise InputError(f"{name} takes a list of names, got one string", hint=hint)
    items = _items(value, f"{name} takes a list of names", hint)
    return tuple(text(item, f"{name}[{n}]", hint) for n, item in enumerate(items))


def keywords(given: dict[str, Any], allowed: Iterable[str], function: str) -> None:
    """Refuse a keyword ``function`` does not take, naming the ones it does."""
    known = tuple(allowed)
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InputError(f"{function}() takes no argument {unknown[0]!r}",
                         hint="it takes: " + ", ".join(known))


def findings(value: Any) -> list[Any] | None:
    """None, or an iterable of checks.Finding."""
    if value is None:
        return None
    from contested.checks.model import Finding

    hint = "pass the result of contested.check(claims)"
    items = _items(value, "findings must be a list of Finding", hint)
    wrong = next((item for item in items if not isinstance(item, Finding)), None)
    if wrong is not None:
        raise InputError(f"findings must be a list of Finding, got {type_name(wrong)} in it",
                         hint=hint)
    return items


def rules(value: Any) -> tuple[str, ...] | None:
    """None, or rule ids from checks.RULES."""
    if value is None:
        return None
    from contested.checks import RULES

    if isinstance(value, str):
        raise InputError("rules takes a list of rule ids, got one string",
                         hint=f"rules=[{value!r:.30}]")
    chosen = names(value, "rules", "units")
    unknown = [rule for rule in chosen if rule not in RULES]
    if unknown:
        raise InputError(f"unknown rule {unknown[0]!r:.40}", hint="one of: " + ", ".join(RULES))
    return chosen

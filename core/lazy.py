"""Module attributes imported on first use, so that importing a package stays cheap, and
regular expressions compiled on first use (:class:`LazyRegex`).

``import geo`` or ``import contested`` must not pull in geopandas, pyproj or folium: the
command line's cold start (``contested resolve``) depends on it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any


def lazy_exports(
    namespace: dict[str, Any], exports: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``__getattr__`` and ``__dir__`` for a module whose public names are lazy.

    ``namespace`` is the module's ``globals()``; ``exports`` maps a public name to
    "module:attribute". A name is imported on first access and then kept in the namespace.
    """
    module_name = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        target = exports.get(name)
        if target is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        source, attribute = target.split(":")
        value = getattr(importlib.import_module(source), attribute)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__


# What a compiled pattern offers; a LazyRegex answers each of these once it has compiled.
_PATTERN_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                       "split", "scanner", "pattern", "flags", "groups", "groupindex")


class LazyRegex:
    """A regular expression compiled on its first use, then used as a compiled one.

    CPython compiles patterns in pure Python: the claim reader's patterns took half the CPU of
    a one-article ``contested extract``, and many serve wordings most texts never have. After
    the first use the compiled pattern's methods sit on the instance, so a call costs what a
    call on the compiled pattern costs.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Reached only while ``name`` is not on the instance, i.e. before the first compile.
        if name not in _PATTERN_ATTRIBUTES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        compiled = re.compile(self._source, self._flags)
        for attribute in _PATTERN_ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyRegex({self._source!r}, {self._flags!r})"

"""Module attributes imported on first use, so that importing a package stays cheap.

``import geo`` or ``import contested`` must not pull in geopandas, pyproj or folium: the
command line's cold start (``contested resolve``) depends on it.
"""

from __future__ import annotations

import importlib
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

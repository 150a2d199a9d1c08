"""The offline gazetteer: any spelling of a place (Latin or Arabic script) → coordinates.

    >>> from contested.gazetteer import default_gazetteer
    >>> place = default_gazetteer().resolve("Huwayjah")
    >>> place.name, place.country, place.precision
    ('Al Ḩawījah', 'IQ', 'point')

The index is an SQLite file built once per data version in the user cache dir (see
:mod:`gazetteer.index`); names are folded by :mod:`gazetteer.fold` and ranked by
:mod:`gazetteer.resolver`. This package imports neither geopandas nor pyproj.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from contested.core.exceptions import ContestedError, DataError, InputError, UnknownPlace
from contested.gazetteer.fold import fold, skeletons, split_qualifier
from contested.gazetteer.place import Alternative, Place

__all__ = [
    "Alternative",
    "Gazetteer",
    "Place",
    "UnknownPlace",
    "default_gazetteer",
    "fold",
    "skeletons",
    "split_qualifier",
]


class Gazetteer:
    """Resolve place names against the shipped pack.

    ``Gazetteer()`` opens (building if needed) the index of the shipped data in the cache dir;
    ``Gazetteer(path)`` opens an index file built by :func:`gazetteer.index.build_index`.
    Reads are thread-safe.
    """

    def __init__(self, path: Path | str | None = None, *, quiet: bool = False) -> None:
        from contested.gazetteer.index import ensure_index, read_pack
        from contested.gazetteer.resolver import Resolver

        self.pack = read_pack()
        self.path = Path(path) if path is not None else ensure_index(quiet=quiet)
        focus, countries = self.pack.get("focus") or (), self.pack.get("countries") or ()
        try:
            self._resolver = Resolver(self.path, focus=focus, countries=countries)
        except DataError:
            if path is not None:
                raise
            # The cached index passed its checks but its key map does not load: rebuild once.
            self.path = ensure_index(force=True, quiet=quiet)
            self._resolver = Resolver(self.path, focus=focus, countries=countries)

    def resolve(
        self,
        name: str,
        country: str | None = None,
        kind: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[str | Place] = (),
    ) -> Place:
        """The best place for ``name``; raises :class:`UnknownPlace` (with suggestions).

        ``country``: ISO2 hint ("IQ"); ``kind``: "city", "governorate", "district",
        "country", "mountain", … (words in the name such as "province" act the same way);
        ``near``: (lat, lon) to prefer nearby places; ``context``: other place names (or
        Places) of the same text, to prefer candidates in their country and governorate.
        Raises :class:`~contested.core.exceptions.InputError` for an empty, over-long or
        control-character name, or a malformed hint.
        """
        return self._resolver.resolve(name, country=country, kind=kind, near=near,
                                      context=context)

    def resolve_many(
        self,
        names: Sequence[str],
        *,
        country: str | None = None,
        kind: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[str | Place] | None = None,
    ) -> list[Place | ContestedError]:
        """Resolve each name; failures come back in place as the exception, not raised.

        Without an explicit ``context`` the other names of the batch are each name's context
        (they usually come from one text).
        """
        results: list[Place | ContestedError] = []
        for index, name in enumerate(names):
            if context is None:
                own_context: Iterable[str | Place] = [
                    other for other_index, other in enumerate(names)
                    if other_index != index and isinstance(other, str) and other.strip()
                ]
            else:
                own_context = context
            try:
                results.append(self.resolve(name, country=country, kind=kind, near=near,
                                            context=own_context))
            except (UnknownPlace, InputError) as error:
                results.append(error)
        return results

    def get(self, place_id: str) -> Place:
        """The place with this id ("geonames:99072", "admin1:IRQ-3049"); UnknownPlace if none."""
        return self._resolver.get(place_id)

    def keys(self, form: str = "exact") -> Iterator[tuple[str, str]]:
        """(folded key, place id) pairs, sorted, for multi-pattern matching in running text.

        Exact keys are ``fold(name)``: tokens folded one by one and joined with single spaces
        (articles dropped), so text tokens folded with :func:`fold` and joined the same way
        meet them. ``form="skeleton"`` yields the skeleton keys instead (no spaces).
        """
        if form not in ("exact", "skeleton"):
            raise InputError(f"unknown key form {form!r}", field="form",
                             hint="'exact' or 'skeleton'")
        return self._resolver.keys(form)

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        """The nearest known names to a (misspelt) name."""
        from contested.gazetteer.resolver import clean_name

        return self._resolver.suggestions(clean_name(name), limit=limit)


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer of the shipped data (built on first use, then cached)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Gazetteer()
    return _default


def reset_default_gazetteer() -> None:
    """Forget the cached default (tests that switch ``CONTESTED_CACHE_DIR`` use this)."""
    global _default
    with _default_lock:
        _default = None


__all__ += ["DataError", "reset_default_gazetteer"]

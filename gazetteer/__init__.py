"""The offline gazetteer: any spelling of a place, in any script → coordinates.

    >>> from contested.gazetteer import default_gazetteer
    >>> place = default_gazetteer().resolve("Huwayjah")
    >>> place.name, place.country, place.precision
    ('Al Ḩawījah', 'IQ', 'point')

The index is an SQLite file built once per data version in the cache dir (see
:mod:`gazetteer.index`); names are folded by :mod:`gazetteer.fold` and resolved by
:mod:`gazetteer.resolver`. This package imports neither geopandas nor pyproj, and reads no
environment variable: the cache dir comes from :class:`contested.core.settings.Settings`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from contested.core.exceptions import ContestedError, DataError, InputError, UnknownPlace
from contested.core.settings import Settings
from contested.gazetteer.fold import fold, skeletons, split_qualifier
from contested.gazetteer.place import Alternative, Place

__all__ = [
    "Alternative",
    "DataError",
    "Gazetteer",
    "Place",
    "UnknownPlace",
    "default_gazetteer",
    "fold",
    "reset_default_gazetteer",
    "skeletons",
    "split_qualifier",
]


class Gazetteer:
    """Resolve place names against the shipped pack (or an index file built from another).

    ``Gazetteer(cache_dir=...)`` opens the index of the shipped data in that folder, building
    it first when it is missing or unsound; ``path=`` opens an index file built by
    :func:`gazetteer.index.ensure_index` instead. Reads are thread-safe.
    """

    def __init__(self, *, cache_dir: Path | str | None = None, path: Path | str | None = None,
                 quiet: bool = False) -> None:
        from contested.gazetteer.acceptance import Calibration
        from contested.gazetteer.index import ensure_index, read_pack
        from contested.gazetteer.resolver import Resolver
        from contested.gazetteer.store import Store

        if path is None and cache_dir is None:
            raise InputError("a Gazetteer needs its cache_dir (or the path of an index)",
                             field="cache_dir", hint="Gazetteer(cache_dir=settings.cache_dir)")
        self.pack = read_pack()
        self.path = Path(path) if path is not None else ensure_index(Path(cache_dir),
                                                                     quiet=quiet)
        self.cache_dir = self.path.parent
        self.store = Store(self.path)
        self._resolver = Resolver(self.store, focus=self.pack.get("focus") or (),
                                  home=self.pack.get("transliterated") or (),
                                  calibration=Calibration.load())

    @property
    def version(self) -> str:
        """The name of the index file without its suffix: one per data and rules version."""
        return self.path.stem

    def artifact_path(self, name: str) -> Path:
        """A file beside the index that belongs to this data version ("matcher.pickle")."""
        return self.path.with_name(f"{self.path.stem}-{name}")

    def resolve(
        self,
        name: str,
        country: str | None = None,
        kind: str | None = None,
        near: tuple[float, float] | None = None,
        context: Iterable[str | Place] = (),
    ) -> Place:
        """The best place for ``name``; raises :class:`UnknownPlace` (with suggestions).

        ``country``: ISO2 hint ("IQ"): an answer outside it must be a country, a unit or a
        large city; ``kind``: "city", "governorate", "district", "river", "mountain", …
        (words in the name such as "province" act the same way); ``near``: (lat, lon) to
        prefer nearby places; ``context``: other place names (or Places) of the same text, to
        prefer candidates in their country and governorate. Raises
        :class:`~contested.core.exceptions.InputError` for an empty, over-long or
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
        (they usually come from one text). Linear in the batch: every name is resolved once
        without context, and each name's context is the batch's countries and admin-1 units
        less its own; answers, unknown names included, are cached.
        """
        if context is not None:
            shared = self._resolver.context_of(context)
            return [self._one(name, country, kind, near, shared) for name in names]
        plain = [self._plain(name) for name in names]
        countries = Counter(p.country for p in plain if p is not None and p.country)
        units = Counter(p.admin1_id for p in plain if p is not None and p.admin1_id)
        results: list[Place | ContestedError] = []
        for name, own in zip(names, plain, strict=True):
            results.append(self._one(name, country, kind, near,
                                     _others(countries, units, own)))
        return results

    def _plain(self, name: object) -> Place | None:
        try:
            return self._resolver.resolve_in(name) if isinstance(name, str) else None
        except (UnknownPlace, InputError):
            return None

    def _one(self, name: str, country, kind, near, context) -> Place | ContestedError:
        try:
            return self._resolver.resolve_in(name, country=country, kind=kind, near=near,
                                             context=context)
        except (UnknownPlace, InputError) as error:
            return error

    def get(self, place_id: str) -> Place:
        """The place with this id ("geonames:99072", "admin1:IRQ-3049"); UnknownPlace if none."""
        return self._resolver.get(place_id)

    def keys(self, form: str = "exact") -> Iterator[tuple[str, str]]:
        """(folded key, place id) pairs, sorted, of every place.

        Exact keys are ``fold(name)``: tokens folded one by one and joined with single spaces
        (articles dropped). ``form="skeleton"`` yields the skeleton keys instead (no spaces).
        """
        from contested.gazetteer.spelling import EXACT_FORMS, SKELETON_FORMS

        if form not in ("exact", "skeleton"):
            raise InputError(f"unknown key form {form!r}", field="form",
                             hint="'exact' or 'skeleton'")
        forms = EXACT_FORMS if form == "exact" else SKELETON_FORMS
        ids = self.store.place_ids()
        yield from sorted({(key, ids[pid]) for key, pid in self.store.keys(forms)})

    def text_keys(self) -> list[tuple[str, tuple[str, ...]]]:
        """(exact key, place ids) of the places worth finding in running text: countries,
        admin units, districts, curated features, towns of 15,000+ people anywhere and every
        place of the focus countries (a village somewhere is no reason to read a word as a
        place). Sorted by key; computed with the index."""
        return self.store.text_keys()

    def text_ids(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The place ids of those folded keys that are worth finding in running text (see
        :meth:`text_keys`); one indexed query per 500 keys, nothing loaded up front."""
        return self.store.text_ids(list(keys))

    def suggestions(self, name: str, limit: int = 3) -> list[str]:
        """The nearest known names to a (misspelt) name."""
        from contested.gazetteer.query import clean_name

        return self._resolver.suggestions(clean_name(name), limit=limit)


def _others(countries: Counter, units: Counter, own: Place | None):  # noqa: ANN202
    """The context of one name of a batch: the batch's countries and units less its own."""
    from contested.gazetteer.ranking import Context

    context = Context(set(countries), set(units))
    if own is not None:
        if own.country and countries[own.country] == 1:
            context.countries.discard(own.country)
        if own.admin1_id and units[own.admin1_id] == 1:
            context.admin1_ids.discard(own.admin1_id)
    return context


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The process-wide gazetteer of the shipped data, in the settings' cache dir.

    For the top layer only (command line, pipeline, facade): everything below takes the
    gazetteer it is given. ``settings`` defaults to :meth:`Settings.load`.
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                settings = settings if settings is not None else Settings.load()
                _default = Gazetteer(cache_dir=settings.cache_dir)
    return _default


def reset_default_gazetteer() -> None:
    """Forget the cached default (tests that switch cache dirs use this)."""
    global _default
    with _default_lock:
        _default = None

"""Reading a built index: keys, places and fuzzy pools, each fetched once and kept.

A query touches a handful of keys and places, so nothing is loaded up front: opening an index
costs a few milliseconds whatever its size, and a process that resolves one name reads a few
pages of SQLite. Reads are thread-safe (one connection behind a lock; caches are dicts).
"""

from __future__ import annotations

import marshal
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from contested.core.exceptions import DataError
from contested.gazetteer.schema import ALT_SEPARATOR, PLACE_COLUMNS
from contested.gazetteer.spelling import Row

_CACHE_LIMIT = 200_000
_PLACE_SELECT = (f"SELECT {', '.join('places.' + c for c in PLACE_COLUMNS)}, alt.names "
                 "FROM places JOIN alt ON alt.pid = places.pid")


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One row of ``places`` as the resolver uses it."""

    pid: int
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1_id: str | None
    admin1: str | None
    kind: str
    feature_code: str | None
    population: int
    precision: str | None
    alt_text: str = ""  # the alternate names, joined by ALT_SEPARATOR (split for answers)


class Store:
    """The keys and places of one index file (see :mod:`gazetteer.build` for the tables)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                               check_same_thread=False)
            self._connection.execute("PRAGMA query_only = ON")
            self.meta = dict(self._connection.execute("SELECT k, v FROM meta"))
        except sqlite3.DatabaseError as error:
            raise self._broken(error) from error
        self._rows: dict[str, tuple[Row, ...]] = {}
        self._places: dict[int, PlaceRow] = {}
        self._pids: dict[str, int | None] = {}
        self._pools: dict[tuple[str, int], tuple[str, ...]] = {}
        self._unit_shares: dict[str, float] | None = None

    def _broken(self, error: Exception) -> DataError:
        return DataError(f"the gazetteer index {self.path} cannot be read ({error}); "
                         "rebuild it with `contested gazetteer build --force`")

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise self._broken(error) from error

    def rows(self, key: str) -> tuple[Row, ...]:
        """The (pid, form, matched name, aux) rows stored under a key."""
        found = self._rows.get(key)
        if found is None:
            self.prefetch((key,))
            found = self._rows[key]
        return found

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the rows of the keys not read yet, in one query (a query's exact key and its
        skeleton keys together)."""
        missing = tuple(dict.fromkeys(key for key in keys if key not in self._rows))
        if not missing:
            return
        marks = ",".join("?" * len(missing))
        result = dict(self._query(f"SELECT key, rows FROM names WHERE key IN ({marks})",
                                  missing))
        if len(self._rows) + len(missing) > _CACHE_LIMIT:
            self._rows.clear()
        try:
            for key in missing:
                blob = result.get(key)
                self._rows[key] = marshal.loads(blob) if blob is not None else ()
        except (ValueError, EOFError, TypeError) as error:
            raise self._broken(error) from error

    def place(self, pid: int) -> PlaceRow:
        """The place with this integer key (DataError when the index lacks it)."""
        row = self._places.get(pid)
        if row is None:
            self.load_places((pid,))
            row = self._places.get(pid)
            if row is None:
                raise DataError(f"the gazetteer index {self.path} has no place {pid}")
        return row

    def load_places(self, pids: Iterable[int]) -> None:
        """Read the places not read yet, in one query."""
        missing = list(dict.fromkeys(pid for pid in pids if pid not in self._places))
        if not missing:
            return
        if len(self._places) + len(missing) > _CACHE_LIMIT:
            self._places.clear()
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for values in self._query(f"{_PLACE_SELECT} WHERE places.pid IN ({marks})",
                                      tuple(chunk)):
                self._places[values[0]] = PlaceRow(*values)

    def alt_names(self, pid: int) -> tuple[str, ...]:
        """A place's alternate names (all scripts)."""
        text = self.place(pid).alt_text
        return tuple(text.split(ALT_SEPARATOR)) if text else ()

    def pid_of(self, place_id: str) -> int | None:
        """The integer key of a place id ("geonames:99072"), or None."""
        if place_id not in self._pids:
            result = self._query("SELECT pid FROM places WHERE id = ?", (place_id,))
            self._pids[place_id] = result[0][0] if result else None
        return self._pids[place_id]

    def pool(self, bucket: str, length: int) -> tuple[str, ...]:
        """Fuzzy-match keys of a bucket ("latin:k", "arabic:*") and key length."""
        found = self._pools.get((bucket, length))
        if found is None:
            result = self._query("SELECT keys FROM pools WHERE bucket = ? AND length = ?",
                                 (bucket, length))
            found = tuple(result[0][0].split("\n")) if result else ()
            self._pools[(bucket, length)] = found
        return found

    def unit_share(self, country: str | None) -> float:
        """A country's population over its number of admin-1 units (0 when unknown)."""
        if self._unit_shares is None:
            self._unit_shares = dict(self._query("SELECT country, population FROM unit_shares"))
        return self._unit_shares.get(country or "", 0.0) or 0.0

    def place_ids(self) -> dict[int, str]:
        """Every place's integer key → its id (for listing keys; 1 query)."""
        return dict(self._query("SELECT pid, id FROM places"))

    def keys(self, forms: tuple[int, ...]) -> Iterator[tuple[str, int]]:
        """(key, pid) for every stored row of these forms, in key order."""
        for key, blob in self._query("SELECT key, rows FROM names ORDER BY key"):
            for pid, form, _, _ in marshal.loads(blob):
                if form in forms:
                    yield key, pid

    def text_ids(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        """The place ids of those ``keys`` that are text keys (one query per 500 keys)."""
        found: dict[str, tuple[str, ...]] = {}
        for start in range(0, len(keys), 500):
            chunk = tuple(keys[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for key, ids in self._query(
                    f"SELECT key, ids FROM text_keys WHERE key IN ({marks})", chunk):
                found[key] = tuple(ids.split("\n"))
        return found

    def text_keys(self) -> list[tuple[str, tuple[str, ...]]]:
        """(exact key, place ids) of the notable places, for finding names in running text."""
        return [(key, tuple(ids.split("\n")))
                for key, ids in self._query("SELECT key, ids FROM text_keys ORDER BY key")]

    def close(self) -> None:
        with self._lock:
            self._connection.close()

"""Writing the SQLite index from the shipped places file, streaming (low memory, ~1 min).

Tables (all read by :mod:`gazetteer.store`):

- ``places``: one row per place (``pid`` is the integer key); ``alt`` holds each place's
  alternate names, joined by :data:`ALT_SEPARATOR`;
- ``names``: ``key`` → a ``marshal`` blob of ``(pid, form, matched name, aux)`` rows, one
  lookup per key (forms and aux: :mod:`gazetteer.spelling`);
- ``pools``: fuzzy-match keys of notable places by (script and first consonant class, key
  length), newline-joined;
- ``unit_shares``: per country, its population over its number of admin-1 units;
- ``text_keys``: the exact keys of notable places with their place ids, for the extractor's
  matcher (:func:`gazetteer.names.is_notable`);
- ``meta``: versions and counts, checked by :func:`gazetteer.index.check_index`.

Name rows go through a temporary table sorted by SQLite, so memory stays flat whatever the
size of the pack. The file is written to a temporary path beside the target and moved into
place when complete (:func:`contested.core.files.atomic_target`).
"""

from __future__ import annotations

import json
import lzma
import marshal
import sqlite3
import time
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from contested.core.exceptions import DataError
from contested.core.files import atomic_target
from contested.gazetteer.fold import FOLD_VERSION, fold
from contested.gazetteer.names import Capitals, is_notable, place_keys, skeleton_mode
from contested.gazetteer.schema import ALT_SEPARATOR, PYTHON_VERSION, SCHEMA_VERSION
from contested.gazetteer.spelling import EXACT_FORMS, OWN_NAME_LIKENESS, ratio

_BATCH = 20_000

_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA temp_store = FILE;
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, admin1_id TEXT, admin1 TEXT, kind TEXT NOT NULL, feature_code TEXT,
    population INTEGER NOT NULL, precision TEXT
);
CREATE TABLE alt (pid INTEGER PRIMARY KEY, names TEXT NOT NULL);
CREATE TABLE names (key TEXT PRIMARY KEY, rows BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE pools (bucket TEXT NOT NULL, length INTEGER NOT NULL, keys TEXT NOT NULL,
                    PRIMARY KEY (bucket, length)) WITHOUT ROWID;
CREATE TABLE text_keys (key TEXT PRIMARY KEY, ids TEXT NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE raw (key TEXT NOT NULL, pid INTEGER NOT NULL, form INTEGER NOT NULL,
                       name TEXT NOT NULL, aux TEXT NOT NULL, notable INTEGER NOT NULL,
                       findable INTEGER NOT NULL);
"""


def read_places(places_file: Path) -> Iterator[dict[str, Any]]:
    """The places of a pack file (xz- or gzip-compressed JSON Lines), one dict at a time."""
    opener = lzma.open if places_file.suffix == ".xz" else _gzip_open
    try:
        with opener(places_file, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    except FileNotFoundError as error:
        raise DataError(
            f"{places_file} is missing: the gazetteer data pack is not installed "
            "(rebuild it with scripts/build_pack.py or reinstall contested)"
        ) from error
    except (OSError, EOFError, ValueError, lzma.LZMAError) as error:
        raise DataError(f"{places_file} cannot be read ({error}); reinstall contested") from error


def _gzip_open(path: Path, mode: str, encoding: str):  # noqa: ANN202 - a file object
    import gzip

    return gzip.open(path, mode, encoding=encoding)


def build_index(target: Path, places_file: Path, pack: dict[str, Any]) -> dict[str, Any]:
    """Build the index into ``target`` atomically; return its meta (counts, seconds)."""
    started = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)  # the cache folder is ours to create
    with atomic_target(target) as temp_path:
        connection = sqlite3.connect(temp_path)
        try:
            connection.executescript(_SCHEMA)
            loose = pack.get("transliterated", pack.get("countries")) or ()
            counts = _write_places(connection, places_file, frozenset(pack.get("focus") or ()),
                                   frozenset(loose))
            counts["names"] = _write_names(connection)
            _write_pools(connection)
            _write_text_keys(connection)
            _write_unit_shares(connection)
            meta = _write_meta(connection, pack, counts)
        finally:
            connection.close()
    meta["build_seconds"] = round(time.perf_counter() - started, 3)
    return meta


def _write_places(connection: sqlite3.Connection, places_file: Path,
                  focus: frozenset[str], transliterated: frozenset[str]) -> dict[str, int]:
    capitals = Capitals()
    units: list[tuple[int, dict[str, Any]]] = []  # their keys wait for their capitals' names
    place_rows: list[tuple] = []
    alt_rows: list[tuple] = []
    name_rows: list[tuple] = []
    count = 0
    for pid, place in enumerate(read_places(places_file), start=1):
        count += 1
        place_rows.append(_place_row(pid, place))
        alt_rows.append((pid, ALT_SEPARATOR.join(place.get("alt_names") or ())))
        capitals.see(place)
        if place["id"].startswith("admin1:"):
            units.append((pid, place))
            continue
        name_rows.extend(_name_rows(pid, place, [], focus, transliterated))
        if len(name_rows) >= _BATCH:
            _flush(connection, place_rows, alt_rows, name_rows)
    for pid, place in units:
        name_rows.extend(_name_rows(pid, place, capitals.names(place.get("admin1_id")), focus,
                                    transliterated))
    _flush(connection, place_rows, alt_rows, name_rows)
    return {"places": count}


def _name_rows(pid: int, place: dict[str, Any], aliases: list[str], focus: frozenset[str],
               transliterated: frozenset[str]) -> Iterator[tuple]:
    """Raw name rows; ``findable``: whether running text may name the place by this key
    (outside the pack's region only its own name and spellings of it: its other names in
    other languages are often English words, "United", "Ryan")."""
    notable = int(is_notable(place, focus))
    mode = skeleton_mode(place, focus, transliterated)
    anywhere = place.get("country") in focus or place.get("country") in transliterated or \
        place["id"].startswith(("country:", "supplement:", "usstate:"))
    own = fold(place["name"])
    for key, form, name, aux in place_keys(place, aliases, mode):
        findable = anywhere or key == own or ratio(key, own) >= OWN_NAME_LIKENESS
        yield key, pid, form, name, aux, notable, int(findable)


def _place_row(pid: int, place: dict[str, Any]) -> tuple:
    return (pid, place["id"], place["name"], place.get("lat"), place.get("lon"),
            place.get("country"), place.get("admin1_id"), place.get("admin1"),
            place.get("kind") or "", place.get("feature_code"),
            int(place.get("population") or 0), place.get("precision"))


def _flush(connection: sqlite3.Connection, place_rows: list, alt_rows: list,
           name_rows: list) -> None:
    connection.executemany(f"INSERT INTO places VALUES ({','.join('?' * 12)})", place_rows)
    connection.executemany("INSERT INTO alt VALUES (?, ?)", alt_rows)
    connection.executemany("INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?)", name_rows)
    place_rows.clear()
    alt_rows.clear()
    name_rows.clear()


def _write_names(connection: sqlite3.Connection) -> int:
    """One marshalled blob per key, from the raw rows sorted by key."""
    connection.execute("CREATE INDEX temp.raw_key ON raw (key)")
    cursor = connection.execute("SELECT key, pid, form, name, aux FROM raw ORDER BY key")
    batch: list[tuple[str, bytes]] = []
    total = 0
    for key, rows in groupby(cursor, key=lambda row: row[0]):
        entries = tuple((pid, form, name, aux) for _, pid, form, name, aux in rows)
        total += len(entries)
        batch.append((key, marshal.dumps(entries)))
        if len(batch) >= _BATCH:
            connection.executemany("INSERT INTO names VALUES (?, ?)", batch)
            batch.clear()
    connection.executemany("INSERT INTO names VALUES (?, ?)", batch)
    return total


def _write_pools(connection: sqlite3.Connection) -> None:
    """Exact keys of notable places of Latin or Arabic script, by first consonant and length.

    Each key goes to its own first-consonant bucket and to the script's "*" bucket.
    """
    cursor = connection.execute(
        f"SELECT DISTINCT key, aux FROM raw WHERE notable = 1 AND aux != '' "
        f"AND form IN ({','.join(map(str, EXACT_FORMS))})")
    pools: dict[tuple[str, int], set[str]] = {}
    for key, aux in cursor:
        script = "latin" if key.isascii() else "arabic"
        for bucket in (f"{script}:{aux[0]}", f"{script}:*"):
            pools.setdefault((bucket, len(key)), set()).add(key)
    connection.executemany(
        "INSERT INTO pools VALUES (?, ?, ?)",
        [(bucket, length, "\n".join(sorted(keys)))
         for (bucket, length), keys in sorted(pools.items())])


def _write_text_keys(connection: sqlite3.Connection) -> None:
    """Findable exact keys of notable places, for finding names in running text."""
    cursor = connection.execute(
        "SELECT raw.key, places.id FROM raw JOIN places ON places.pid = raw.pid "
        "WHERE raw.notable = 1 AND raw.findable = 1 "
        f"AND raw.form IN ({','.join(map(str, EXACT_FORMS))}) ORDER BY raw.key, places.id")
    rows = [(key, "\n".join(dict.fromkeys(place_id for _, place_id in group)))
            for key, group in groupby(cursor, key=lambda row: row[0])]
    connection.executemany("INSERT INTO text_keys VALUES (?, ?)", rows)


def _write_unit_shares(connection: sqlite3.Connection) -> None:
    """Per country, its population over its number of admin-1 units: the size a unit stands
    for in ranking (a Samoan district is not a governorate of Iraq)."""
    connection.execute(
        "CREATE TABLE unit_shares AS SELECT units.country AS country, "
        "CAST(country.population AS REAL) / count(*) AS population FROM places AS units "
        "JOIN places AS country ON country.id = 'country:' || units.country "
        "WHERE units.id LIKE 'admin1:%' GROUP BY units.country")


def _write_meta(connection: sqlite3.Connection, pack: dict[str, Any],
                counts: dict[str, int]) -> dict[str, Any]:
    connection.execute("DROP TABLE raw")
    meta = {
        "schema": str(SCHEMA_VERSION),
        "fold_version": str(FOLD_VERSION),
        "python": PYTHON_VERSION,
        "pack_version": str(pack.get("version", "unknown")),
        "focus": ",".join(pack.get("focus") or ()),
        "countries": ",".join(pack.get("countries") or ()),
        "places": str(counts["places"]),
        "names": str(counts["names"]),
        "keys": str(connection.execute("SELECT count(*) FROM names").fetchone()[0]),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "page_count": "0",
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
    # Recorded last, after every page exists (an update in place adds none): a shorter file
    # on disk means truncation.
    page_count = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute("UPDATE meta SET v = ? WHERE k = 'page_count'", (str(page_count),))
    connection.commit()
    return dict(connection.execute("SELECT k, v FROM meta"))

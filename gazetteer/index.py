"""The embedded SQLite index: built from the shipped places.jsonl.gz, cached per data version.

File: ``<cache dir>/gazetteer-<pack version>-s<SCHEMA_VERSION>f<FOLD_VERSION>.sqlite`` in
``platformdirs.user_cache_dir("contested")`` or ``$CONTESTED_CACHE_DIR``. A new pack or new
folding rules give a new file name, so the next run rebuilds.

Building is safe with concurrent builders: each writes a private temporary file beside the
index and moves it into place with ``os.replace`` (:func:`contested.core.files.atomic_target`), so
a reader sees either no index or a complete one. A complete index records its own page count and
row counts in ``meta``; a truncated or corrupted file fails those checks (or raises
``sqlite3.DatabaseError``) and is rebuilt, with a message on stderr.

Tables: ``places`` (one row per place; ``pid`` is the integer key), ``names`` (``key`` → ``pid``,
``form``, the ``name`` it came from, ``aux``). Forms: 0 exact key of a name, 1 skeleton key of a
name, 2 exact key of a derived alias, 3 skeleton key of a derived alias (see
:func:`_place_names`). ``aux`` is what the resolver compares a hit with: for an exact key its
skeleton (fuzzy pools are bucketed by its first consonant class), for a skeleton key the
:func:`~gazetteer.fold.loose` form of the name it came from.

``blobs`` holds the same rows as one ``marshal`` blob (:func:`load_store`): a resolver loads
every key into memory in a few tens of milliseconds instead of asking SQLite per query. Marshal
is Python-version specific, so ``meta`` records the version and another Python rebuilds.
"""

from __future__ import annotations

import gzip
import json
import marshal
import os
import re
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contested.core.exceptions import DataError
from contested.core.files import atomic_target
from contested.gazetteer.fold import FOLD_VERSION, fold, is_arabic, loose, skeletons
from contested.gazetteer.kinds import INDEX_STRIPPABLE_HINTS, POPULATED, strip_generic

SCHEMA_VERSION = 8
# marshal data is only readable by the Python that wrote it.
PYTHON_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_FILE = DATA_DIR / "places.jsonl.gz"
PACK_FILE = DATA_DIR / "pack.json"

FORM_EXACT, FORM_SKELETON, FORM_ALIAS, FORM_ALIAS_SKELETON = 0, 1, 2, 3

# Airport/ISO codes GeoNames lists as alternate names ("BGW", "OSM", "IRQ"): not place names
# anyone writes in prose, and they collide with words.
_CODE_RE = re.compile(r"^[A-Z]{2,3}$")
_PAREN_RE = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")

_PLACE_COLUMNS = (
    "pid", "id", "name", "lat", "lon", "country", "admin1_id", "admin1", "kind", "feature_code",
    "population", "alt_names",
)


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
    alt_names: tuple[str, ...]


def cache_dir() -> Path:
    """Where indexes live: ``$CONTESTED_CACHE_DIR`` or the platform's user cache dir."""
    override = os.environ.get("CONTESTED_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("contested"))


def read_pack(pack_file: Path = PACK_FILE) -> dict[str, Any]:
    """The shipped pack.json (version, countries, focus, sources)."""
    try:
        return json.loads(pack_file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DataError(
            f"{pack_file} is missing: the gazetteer data pack is not installed "
            "(rebuild it with scripts/build_pack.py or reinstall contested)"
        ) from error
    except (OSError, ValueError) as error:
        raise DataError(f"{pack_file} cannot be read: {error}") from error


def index_path(pack: dict[str, Any], directory: Path | None = None) -> Path:
    """The index file for this pack version and these folding rules."""
    version = str(pack.get("version", "unknown"))
    safe_version = re.sub(r"[^A-Za-z0-9._-]", "_", version)
    name = f"gazetteer-{safe_version}-s{SCHEMA_VERSION}f{FOLD_VERSION}.sqlite"
    return (directory or cache_dir()) / name


def _read_places(places_file: Path) -> list[dict[str, Any]]:
    try:
        with gzip.open(places_file, "rt", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    except FileNotFoundError as error:
        raise DataError(
            f"{places_file} is missing: the gazetteer data pack is not installed "
            "(rebuild it with scripts/build_pack.py or reinstall contested)"
        ) from error
    except (OSError, EOFError, ValueError) as error:
        raise DataError(f"{places_file} cannot be read ({error}); reinstall contested") from error


def _split_parenthesis(name: str) -> list[str]:
    # "Homs (Hims)", "Makhmour Mountains (Qarachogh)": both parts are names of the place.
    match = _PAREN_RE.match(name)
    if match:
        return [match.group("outer"), match.group("inner")]
    return [name]


def _capital_aliases(places: list[dict[str, Any]]) -> dict[str, list[str]]:
    """admin1_id → names of its capital (PPLA, else its most populous populated place).

    A governorate is also known by its capital's name ("Kirkuk province" = At-Ta'mim), so each
    admin-1 unit gets its capital's names as aliases (a lower-quality form).
    """
    best: dict[str, tuple[tuple[int, int], dict[str, Any]]] = {}
    for place in places:
        admin1_id = place.get("admin1_id")
        if not admin1_id or place.get("kind") not in POPULATED:
            continue
        rank = (1 if place.get("feature_code") in ("PPLA", "PPLC") else 0,
                int(place.get("population") or 0))
        if admin1_id not in best or rank > best[admin1_id][0]:
            best[admin1_id] = (rank, place)
    return {
        admin1_id: [place["name"], *place.get("alt_names", ())]
        for admin1_id, (_, place) in best.items()
    }


def _usable_name(name: str, place_id: str) -> bool:
    if not isinstance(name, str) or not name.strip():
        return False
    # Codes are dropped for GeoNames/countries; supplement names ("MERV") are curated.
    return not (_CODE_RE.match(name) and not place_id.startswith("supplement:"))


def _place_names(place: dict[str, Any],
                 aliases: list[str]) -> Iterator[tuple[str, int, str, str]]:
    """(key, form, source name, aux) for every name of a place (aux: see the module doc)."""
    place_id = place["id"]
    named = [(n, False) for n in [place["name"], *place.get("alt_names", ())]]
    named += [(n, True) for n in aliases]
    for raw_name, is_alias in named:
        if not _usable_name(raw_name, place_id):
            continue
        for name in _split_parenthesis(raw_name):
            folded = fold(name)
            if not folded:
                continue
            exact_form = FORM_ALIAS if is_alias else FORM_EXACT
            skeleton_form = FORM_ALIAS_SKELETON if is_alias else FORM_SKELETON
            variants = [(folded, name, exact_form, skeleton_form)]
            hint, bare = strip_generic(folded)
            if hint in INDEX_STRIPPABLE_HINTS and bare and bare != folded:
                # "Muhafazat Ninawa" → "ninawa"; "Qadaa al-Haweeja" → "haweeja" (an alias).
                variants.append((bare, bare, FORM_ALIAS, FORM_ALIAS_SKELETON))
            for key, source, form, sk_form in variants:
                # Skeletons only for Latin or Arabic script (others never meet a query's).
                keys = skeletons(source) if key.isascii() or is_arabic(key) else ()
                yield key, form, name, keys[0] if keys else ""
                for skeleton_key in keys:
                    yield skeleton_key, sk_form, name, loose(key)


def build_index(
    target: Path,
    places_file: Path = PLACES_FILE,
    pack: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Build the index into ``target`` atomically; return its meta (counts, seconds)."""
    started = time.perf_counter()
    pack = pack if pack is not None else read_pack()
    places = _read_places(places_file)
    target.parent.mkdir(parents=True, exist_ok=True)  # the cache folder is ours to create
    with atomic_target(target) as temp_path:
        connection = sqlite3.connect(temp_path)
        try:
            _write_index(connection, places, pack)
            meta = dict(connection.execute("SELECT k, v FROM meta"))
        finally:
            connection.close()
    meta["build_seconds"] = round(time.perf_counter() - started, 3)
    return meta


def _write_index(connection: sqlite3.Connection, places: list[dict[str, Any]],
                 pack: dict[str, Any]) -> None:
    connection.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
        CREATE TABLE places (
            pid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
            lat REAL, lon REAL, country TEXT, admin1_id TEXT, admin1 TEXT, kind TEXT NOT NULL,
            feature_code TEXT, population INTEGER NOT NULL, alt_names TEXT NOT NULL
        );
        CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, form INTEGER NOT NULL,
                            name TEXT NOT NULL, aux TEXT NOT NULL);
        CREATE TABLE blobs (k TEXT PRIMARY KEY, v BLOB NOT NULL);
        """
    )
    capitals = _capital_aliases(places)
    place_rows = []
    name_rows = []
    for pid, place in enumerate(places, start=1):
        place_rows.append((
            pid, place["id"], place["name"], place.get("lat"), place.get("lon"),
            place.get("country"), place.get("admin1_id"), place.get("admin1"),
            place.get("kind") or "", place.get("feature_code"), int(place.get("population") or 0),
            json.dumps(place.get("alt_names") or [], ensure_ascii=False),
        ))
        is_admin1 = place["id"].startswith("admin1:")
        aliases = capitals.get(place.get("admin1_id") or "", []) if is_admin1 else []
        seen: set[tuple[str, int]] = set()
        for key, form, name, aux in _place_names(place, aliases):
            # Keep the best form per key: an exact name beats an alias of the same key.
            if (key, form) in seen or (form == FORM_ALIAS and (key, FORM_EXACT) in seen) or (
                form == FORM_ALIAS_SKELETON and (key, FORM_SKELETON) in seen
            ):
                continue
            seen.add((key, form))
            name_rows.append((key, pid, form, name, aux))
    connection.executemany(f"INSERT INTO places VALUES ({','.join('?' * 12)})", place_rows)
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", name_rows)
    connection.execute("INSERT INTO blobs VALUES ('store', ?)",
                       (_store_blob(place_rows, name_rows),))
    connection.execute("CREATE INDEX names_key ON names (key)")
    connection.execute("CREATE INDEX places_admin1 ON places (admin1_id)")
    meta = {
        "schema": str(SCHEMA_VERSION),
        "fold_version": str(FOLD_VERSION),
        "python": PYTHON_VERSION,
        "pack_version": str(pack.get("version", "unknown")),
        "focus": ",".join(pack.get("focus") or ()),
        "countries": ",".join(pack.get("countries") or ()),
        "places": str(len(place_rows)),
        "names": str(len(name_rows)),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.commit()
    # Recorded last, after every page exists: a shorter file on disk means truncation.
    page_count = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute("INSERT INTO meta VALUES ('page_count', ?)", (str(page_count),))
    connection.commit()
    connection.execute("VACUUM")
    page_count = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute("UPDATE meta SET v = ? WHERE k = 'page_count'", (str(page_count),))
    connection.commit()


def check_index(path: Path, pack: dict[str, Any]) -> str | None:
    """Why the index at ``path`` cannot be used (``None`` when it is sound)."""
    if not path.exists():
        return "missing"
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(connection.execute("SELECT k, v FROM meta"))
            page_size = connection.execute("PRAGMA page_size").fetchone()[0]
            places = connection.execute("SELECT count(*) FROM places").fetchone()[0]
            names = connection.execute("SELECT count(*) FROM names").fetchone()[0]
            blobs = connection.execute("SELECT count(*) FROM blobs WHERE k = 'store'")
            has_store = blobs.fetchone()[0] == 1
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"unreadable ({error})"
    if not has_store:
        return "incomplete (no key map)"
    expected = {
        "schema": str(SCHEMA_VERSION),
        "fold_version": str(FOLD_VERSION),
        "python": PYTHON_VERSION,
        "pack_version": str(pack.get("version", "unknown")),
        "places": str(places),
        "names": str(names),
    }
    for key, value in expected.items():
        if meta.get(key) != value:
            return f"meta {key} is {meta.get(key)!r}, expected {value!r}"
    try:
        expected_size = int(meta["page_count"]) * int(page_size)
    except (KeyError, ValueError):
        return "incomplete (no page count)"
    actual_size = path.stat().st_size
    if actual_size != expected_size:
        return f"truncated or padded ({actual_size} bytes, expected {expected_size})"
    return None


def ensure_index(force: bool = False, directory: Path | None = None, quiet: bool = False,
                 places_file: Path = PLACES_FILE, pack: dict[str, Any] | None = None) -> Path:
    """Return the path of a sound index for the pack (default: shipped), building it if needed."""
    pack = pack if pack is not None else read_pack()
    path = index_path(pack, directory)
    problem = "forced" if force else check_index(path, pack)
    if problem is None:
        return path
    if not quiet:
        if problem == "forced":
            print(f"contested: rebuilding the gazetteer index {path}", file=sys.stderr)
        elif problem == "missing":
            print(f"contested: building the gazetteer index {path} (once per data version)",
                  file=sys.stderr)
        else:
            print(f"contested: gazetteer index {path} is {problem}; rebuilding it",
                  file=sys.stderr)
    try:
        build_index(path, places_file=places_file, pack=pack)
    except OSError as error:
        raise DataError(
            f"cannot write the gazetteer index {path}: {error}",
        ) from error
    return path


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection to a built index (shared by threads: reads only)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only = ON")
    return connection


def row_to_place(row: Iterable[Any]) -> PlaceRow:
    """Make a :class:`PlaceRow` from a ``SELECT <_PLACE_COLUMNS> FROM places`` row."""
    values = dict(zip(_PLACE_COLUMNS, row, strict=True))
    values["alt_names"] = tuple(json.loads(values["alt_names"]))
    return PlaceRow(**values)


PLACE_SELECT = f"SELECT {', '.join(_PLACE_COLUMNS)} FROM places"


def _store_blob(place_rows: list[tuple], name_rows: list[tuple]) -> bytes:
    """The in-memory form of the index (see :func:`load_store`), marshalled."""
    names: dict[str, list[tuple[int, int, str, str]]] = {}
    # Fuzzy pools: exact keys of Latin or Arabic script by (script, first consonant class),
    # then by length ("*": any first class); see Resolver._fuzzy_pool.
    pools: dict[str, dict[int, set[str]]] = {}
    for key, pid, form, name, aux in name_rows:
        names.setdefault(key, []).append((pid, form, name, aux))
        if form in (FORM_EXACT, FORM_ALIAS) and aux:
            script = "latin" if key.isascii() else "arabic"
            for bucket in (f"{script}:{aux[0]}", f"{script}:*"):
                pools.setdefault(bucket, {}).setdefault(len(key), set()).add(key)
    from contested.gazetteer.resolver import spelling_hits  # the resolver owns the acceptance rules

    frozen = {key: tuple(rows) for key, rows in names.items()}
    # Only what the exact rows do not say already: most keys meet no other place.
    hits = {}
    for key, rows in frozen.items():
        exact_pids = {pid for pid, form, _, _ in rows if form in (FORM_EXACT, FORM_ALIAS)}
        if exact_pids:
            extra = tuple(hit for hit in spelling_hits(key, frozen) if hit[0] not in exact_pids)
            if extra:
                hits[key] = extra
    return marshal.dumps({
        "names": frozen,
        "hits": hits,
        # Indexed by pid (1-based); alt_names stay in SQLite (read for answers only).
        "places": [None, *(row[:-1] for row in place_rows)],
        "pools": {bucket: {length: sorted(keys) for length, keys in by_length.items()}
                  for bucket, by_length in pools.items()},
    })


@dataclass(frozen=True, slots=True)
class Store:
    """Every key and place of an index, in memory.

    ``names``: key → ((pid, form, matched name, aux), ...); ``places``: pid → the row tuple in
    ``_PLACE_COLUMNS`` order; ``hits``:
    exact key → ((pid, quality, matched name), ...), the places a query folding to that key
    meets besides the key's own rows (:func:`gazetteer.resolver.spelling_hits`, precomputed;
    absent: none); ``pools``: fuzzy-match keys. ``places`` rows lack ``alt_names``.
    """

    names: dict[str, tuple[tuple[int, int, str, str], ...]]
    places: list[tuple | None]
    pools: dict[str, dict[int, list[str]]]
    hits: dict[str, tuple[tuple[int, float, str], ...]]


def load_store(connection: sqlite3.Connection) -> Store:
    """Load the marshalled store of an index (raises ``sqlite3.DatabaseError``/``ValueError``)."""
    row = connection.execute("SELECT v FROM blobs WHERE k = 'store'").fetchone()
    if row is None:
        raise ValueError("the index has no stored key map")
    data = marshal.loads(row[0])
    return Store(names=data["names"], places=data["places"], pools=data["pools"],
                 hits=data["hits"])

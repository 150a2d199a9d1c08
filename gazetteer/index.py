"""The embedded SQLite index: built from the shipped places.jsonl.gz, cached per data version.

File: ``<cache dir>/gazetteer-<pack version>-s<SCHEMA_VERSION>f<FOLD_VERSION>.sqlite`` in
``platformdirs.user_cache_dir("contested")`` or ``$CONTESTED_CACHE_DIR``. A new pack or new
folding rules give a new file name, so the next run rebuilds.

Building is safe with concurrent builders: each writes a private temporary file in the same
directory and moves it into place with ``os.replace`` (atomic on POSIX and Windows), so a
reader sees either no index or a complete one. A complete index records its own page count and
row counts in ``meta``; a truncated or corrupted file fails those checks (or raises
``sqlite3.DatabaseError``) and is rebuilt, with a message on stderr.

Tables: ``places`` (one row per place; ``pid`` is the integer key), ``names`` (``key`` → ``pid``,
``form``, the ``name`` it came from). Forms: 0 exact key of a name, 1 skeleton key of a name,
2 exact key of a derived alias, 3 skeleton key of a derived alias (see :func:`_place_names`).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer.exceptions import DataError
from gazetteer.fold import FOLD_VERSION, fold, is_arabic, skeletons
from gazetteer.kinds import INDEX_STRIPPABLE_HINTS, POPULATED, strip_generic

SCHEMA_VERSION = 3
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


def _place_names(place: dict[str, Any], aliases: list[str]) -> Iterator[tuple[str, int, str]]:
    """(key, form, source name) for every name of a place."""
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
                yield key, form, name
                # Skeletons only for Latin or Arabic script (others never meet a query's).
                if key.isascii() or is_arabic(key):
                    for skeleton_key in skeletons(source):
                        yield skeleton_key, sk_form, name


def build_index(
    target: Path,
    places_file: Path = PLACES_FILE,
    pack: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Build the index into ``target`` atomically; return its meta (counts, seconds)."""
    started = time.perf_counter()
    pack = pack if pack is not None else read_pack()
    places = _read_places(places_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp"
    )
    os.close(descriptor)
    temp_path = Path(temp_name)
    try:
        connection = sqlite3.connect(temp_path)
        try:
            _write_index(connection, places, pack)
            meta = dict(connection.execute("SELECT k, v FROM meta"))
        finally:
            connection.close()
        os.replace(temp_path, target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
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
                            name TEXT NOT NULL);
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
        for key, form, name in _place_names(place, aliases):
            # Keep the best form per key: an exact name beats an alias of the same key.
            if (key, form) in seen or (form == FORM_ALIAS and (key, FORM_EXACT) in seen) or (
                form == FORM_ALIAS_SKELETON and (key, FORM_SKELETON) in seen
            ):
                continue
            seen.add((key, form))
            name_rows.append((key, pid, form, name))
    connection.executemany(f"INSERT INTO places VALUES ({','.join('?' * 12)})", place_rows)
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", name_rows)
    connection.execute("CREATE INDEX names_key ON names (key)")
    connection.execute("CREATE INDEX places_admin1 ON places (admin1_id)")
    meta = {
        "schema": str(SCHEMA_VERSION),
        "fold_version": str(FOLD_VERSION),
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
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"unreadable ({error})"
    expected = {
        "schema": str(SCHEMA_VERSION),
        "fold_version": str(FOLD_VERSION),
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

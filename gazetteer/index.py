"""The index file: where it lives, whether it is sound, building it when it is not.

File: ``<cache dir>/gazetteer-<pack version>-s<SCHEMA_VERSION>f<FOLD_VERSION>.sqlite``. The
cache dir is given by the caller (:class:`contested.core.settings.Settings`); a new pack or new
folding rules give a new file name, so the next run rebuilds.

Building is safe with concurrent builders: each writes a private temporary file beside the
index and moves it into place with ``os.replace``, so a reader sees either no index or a
complete one. A complete index records its page count in ``meta`` and has no free pages: a
truncated file, or one whose rows were deleted afterwards, fails those checks (a corrupted one
raises ``sqlite3.DatabaseError``) and is rebuilt, with a message on stderr. The checks read
a few pages, not the tables: opening an index must stay cheap. What the tables hold:
:mod:`gazetteer.build`.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path
from typing import Any

from contested.core.exceptions import DataError
from contested.gazetteer.fold import FOLD_VERSION
from contested.gazetteer.schema import PYTHON_VERSION, SCHEMA_VERSION

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_FILE = DATA_DIR / "places.jsonl.xz"
PACK_FILE = DATA_DIR / "pack.json"

__all__ = ["PACK_FILE", "PLACES_FILE", "build_index", "check_index", "ensure_index",
           "index_path", "read_pack"]


def build_index(target: Path, places_file: Path, pack: dict[str, Any]) -> dict[str, Any]:
    """:func:`gazetteer.build.build_index` (imported only when an index is built)."""
    from contested.gazetteer.build import build_index as build

    return build(target, places_file, pack)


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


def index_path(pack: dict[str, Any], directory: Path) -> Path:
    """The index file for this pack version and these folding rules, in ``directory``."""
    version = str(pack.get("version", "unknown"))
    safe_version = re.sub(r"[^A-Za-z0-9._-]", "_", version)
    return Path(directory) / f"gazetteer-{safe_version}-s{SCHEMA_VERSION}f{FOLD_VERSION}.sqlite"


def check_index(path: Path, pack: dict[str, Any]) -> str | None:
    """Why the index at ``path`` cannot be used (``None`` when it is sound)."""
    if not path.exists():
        return "missing"
    try:
        meta, page_size, free_pages = _read_meta(path)
    except sqlite3.DatabaseError as error:
        return f"unreadable ({error})"
    expected = {
        "schema": str(SCHEMA_VERSION),
        "fold_version": str(FOLD_VERSION),
        "python": PYTHON_VERSION,
        "pack_version": str(pack.get("version", "unknown")),
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
    if free_pages:
        return f"changed after it was built ({free_pages} free pages)"
    return None


def _read_meta(path: Path) -> tuple[dict[str, str], int, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT k, v FROM meta"))
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        free_pages = connection.execute("PRAGMA freelist_count").fetchone()[0]
    finally:
        connection.close()
    return meta, page_size, free_pages


def ensure_index(directory: Path, *, force: bool = False, quiet: bool = False,
                 places_file: Path = PLACES_FILE, pack: dict[str, Any] | None = None) -> Path:
    """The path of a sound index for the pack (default: shipped), building it if needed."""
    pack = pack if pack is not None else read_pack()
    path = index_path(pack, directory)
    problem = "forced" if force else check_index(path, pack)
    if problem is None:
        return path
    if not quiet:
        print(f"contested: {_build_reason(problem, path)}", file=sys.stderr)
    try:
        build_index(path, places_file=places_file, pack=pack)
    except (OSError, sqlite3.DatabaseError) as error:
        raise DataError(f"cannot write the gazetteer index {path}: {error}") from error
    return path


def _build_reason(problem: str, path: Path) -> str:
    if problem == "forced":
        return f"rebuilding the gazetteer index {path}"
    if problem == "missing":
        return f"building the gazetteer index {path} (once per data version, about a minute)"
    return f"gazetteer index {path} is {problem}; rebuilding it"

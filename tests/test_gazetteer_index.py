"""The SQLite index: keyed by data version, atomic under concurrent builds, self-healing."""

from __future__ import annotations

import json
import lzma
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from contested.core.exceptions import DataError
from contested.gazetteer import Gazetteer
from contested.gazetteer.index import (
    PLACES_FILE,
    build_index,
    check_index,
    ensure_index,
    index_path,
    read_pack,
)
from contested.gazetteer.store import Store

SMALL_PACK = {"version": "test-small", "countries": ["IQ", "SY"], "focus": ["IQ", "SY"],
              "transliterated": ["IQ", "SY"]}
KEEP_IDS = {"geonames:99072", "geonames:94787", "admin1:IRQ-3049", "admin1:IRQ-3051",
            "country:IQ", "supplement:akashat", "admin1:IRQ-3471"}


@pytest.fixture(scope="module")
def small_places(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few real rows of the shipped pack, so index builds take milliseconds."""
    path = tmp_path_factory.mktemp("pack") / "places.jsonl.xz"
    with lzma.open(PLACES_FILE, "rt", encoding="utf-8") as source, \
            lzma.open(path, "wt", encoding="utf-8") as target:
        for line in source:
            if json.loads(line)["id"] in KEEP_IDS:
                target.write(line)
    return path


def _build(args: tuple[str, str]) -> str:
    directory, places = args
    return str(ensure_index(Path(directory), places_file=Path(places), pack=SMALL_PACK,
                            quiet=True))


def test_index_file_name_carries_the_data_version(tmp_path: Path) -> None:
    path = index_path(SMALL_PACK, tmp_path)
    assert "test-small" in path.name
    assert path.parent == tmp_path


def test_concurrent_builds_both_succeed_and_leave_one_index(tmp_path: Path,
                                                            small_places: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        paths = pool.map(_build, [(str(tmp_path), str(small_places))] * 4)
    assert len(set(paths)) == 1
    assert [p.name for p in tmp_path.iterdir()] == [Path(paths[0]).name]
    assert check_index(Path(paths[0]), SMALL_PACK) is None


def test_a_truncated_index_is_detected_and_rebuilt(tmp_path: Path, small_places: Path,
                                                   capsys) -> None:
    path = ensure_index(tmp_path, places_file=small_places, pack=SMALL_PACK)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert check_index(path, SMALL_PACK) is not None
    capsys.readouterr()
    ensure_index(tmp_path, places_file=small_places, pack=SMALL_PACK)
    assert "rebuilding" in capsys.readouterr().err
    assert check_index(path, SMALL_PACK) is None


def test_a_garbage_index_is_detected_and_rebuilt(tmp_path: Path, small_places: Path,
                                                 capsys) -> None:
    path = index_path(SMALL_PACK, tmp_path)
    path.write_bytes(b"this is not a database" * 100)
    assert "unreadable" in check_index(path, SMALL_PACK)
    ensure_index(tmp_path, places_file=small_places, pack=SMALL_PACK)
    assert "rebuilding" in capsys.readouterr().err
    assert check_index(path, SMALL_PACK) is None


def test_an_index_of_other_data_is_not_used(tmp_path: Path, small_places: Path) -> None:
    path = index_path(SMALL_PACK, tmp_path)
    build_index(path, small_places, {**SMALL_PACK, "version": "other"})
    assert "pack_version" in check_index(path, SMALL_PACK)


def _tampered(directory: Path, places: Path, statement: str) -> Path:
    """A small index with one SQL statement run on it behind the builder's back."""
    path = ensure_index(directory, places_file=places, pack=SMALL_PACK)
    connection = sqlite3.connect(path)
    connection.execute(statement)
    connection.commit()
    connection.close()
    return path


def test_an_index_whose_keys_were_deleted_is_not_used(tmp_path: Path,
                                                      small_places: Path) -> None:
    path = _tampered(tmp_path, small_places, "DELETE FROM names")  # frees its pages
    assert check_index(path, SMALL_PACK) is not None


def test_a_gazetteer_opens_a_small_index(tmp_path: Path, small_places: Path) -> None:
    path = ensure_index(tmp_path, places_file=small_places, pack=SMALL_PACK)
    gazetteer = Gazetteer(path=path)
    assert gazetteer.resolve("Kirkuk province").id == "admin1:IRQ-3049"
    assert gazetteer.resolve("الموصل").id == "geonames:99072"


def test_a_gazetteer_needs_to_be_told_its_cache_dir() -> None:
    from contested.core.exceptions import InputError

    with pytest.raises(InputError, match="cache_dir"):
        Gazetteer()


def test_a_missing_places_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing"):
        ensure_index(tmp_path, places_file=tmp_path / "nowhere.jsonl.xz", pack=SMALL_PACK,
                     quiet=True)


def test_a_broken_key_blob_is_a_data_error_not_an_empty_answer(tmp_path: Path,
                                                                 small_places: Path) -> None:
    path = _tampered(tmp_path, small_places,
                     "UPDATE names SET rows = x'00ff00' WHERE key = 'mosul'")
    with pytest.raises(DataError, match="cannot be read"):
        Store(path).rows("mosul")


def test_the_shipped_pack_has_a_version() -> None:
    assert read_pack()["version"]

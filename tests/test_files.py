"""contested.core.files: the one atomic writer, and the check that an output path is writable."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from contested.core.exceptions import InputError
from contested.core.files import (
    atomic_target,
    check_writable_target,
    write_bytes_atomic,
    write_error,
    write_text_atomic,
)

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def test_write_text_atomic_writes_the_text_exactly_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "report.md"

    write_text_atomic(target, "a\r\nb\nالحويجة\n")

    assert target.read_bytes() == "a\r\nb\nالحويجة\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_the_written_file_is_readable_by_others(tmp_path: Path) -> None:
    target = write_bytes_atomic(tmp_path / "map.html", b"<html></html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_the_mode_can_be_chosen(tmp_path: Path) -> None:
    target = write_bytes_atomic(tmp_path / "private.bin", b"x", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failure_mid_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "claims.gpkg"
    target.write_bytes(b"old")

    with pytest.raises(RuntimeError), atomic_target(target) as temp_path:
        temp_path.write_bytes(b"half of the new")
        (temp_path.parent / "claims.gpkg-journal").write_bytes(b"side file")
        raise RuntimeError("the writer died")

    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.gpkg"]


def test_a_failure_mid_write_of_a_new_file_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_target(tmp_path / "new.geojson") as temp_path:
        temp_path.write_bytes(b"{")
        raise RuntimeError("the writer died")

    assert list(tmp_path.iterdir()) == []


def test_the_temp_path_is_in_the_target_folder_and_has_its_name(tmp_path: Path) -> None:
    with atomic_target(tmp_path / "out.fgb") as temp_path:
        assert temp_path.name == "out.fgb"
        assert temp_path.parent.parent == tmp_path
        assert not temp_path.exists()  # GDAL drivers refuse an existing empty file
        temp_path.write_bytes(b"fgb")
    assert (tmp_path / "out.fgb").read_bytes() == b"fgb"


def test_a_writer_that_wrote_nothing_is_an_error_and_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.fgb"
    target.write_bytes(b"old")
    with pytest.raises(InputError, match="nothing was written"), atomic_target(target):
        pass
    assert target.read_bytes() == b"old"


def test_a_failing_move_is_an_input_error_naming_the_path_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError, match="map.html.*permission denied") as caught:
        write_text_atomic(target, "<html>")

    assert caught.value.source == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_an_input_error_naming_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="report.md: no space left"):
        write_text_atomic(tmp_path / "report.md", "text")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "map.html"

    with pytest.raises(InputError, match="does not exist.*create the folder first") as caught:
        write_text_atomic(target, "<html>")

    assert str(target) in str(caught.value)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("error_number", "words"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only file system"),
        (errno.ENOSPC, "no space left"),
        (errno.ENOENT, "does not exist"),
    ],
)
def test_every_write_error_names_the_path_and_says_what_to_do(
    error_number: int, words: str
) -> None:
    error = write_error("/data/out/claims.gpkg", OSError(error_number, os.strerror(error_number)))
    assert str(error).startswith("/data/out/claims.gpkg: ")
    assert words in str(error) and error.hint
    assert error.exit_code == 2


# --- check_writable_target ---------------------------------------------------------------------


def test_a_writable_target_passes_and_leaves_no_probe(tmp_path: Path) -> None:
    assert check_writable_target(tmp_path / "out.geojson") == tmp_path / "out.geojson"
    assert list(tmp_path.iterdir()) == []


def test_a_target_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nowhere.*does not exist.*create the folder first"):
        check_writable_target(tmp_path / "nowhere" / "out.geojson")


def test_a_target_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "claims.yaml").write_text("claims: []")
    with pytest.raises(InputError, match="is not a folder"):
        check_writable_target(tmp_path / "claims.yaml" / "out.geojson")


def test_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a file name") as caught:
        check_writable_target(tmp_path)
    assert caught.value.source == str(tmp_path)


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root can write anywhere")
def test_an_unwritable_folder_is_refused_naming_the_path(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        with pytest.raises(InputError, match="locked/out.geojson.*choose a folder"):
            check_writable_target(locked / "out.geojson")
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux sysfs")
def test_a_folder_even_root_cannot_write_is_refused_naming_the_path() -> None:
    # os.access says yes to root; the probe file finds out.
    with pytest.raises(InputError, match="/sys/contested-out.geojson: cannot write here"):
        check_writable_target("/sys/contested-out.geojson")

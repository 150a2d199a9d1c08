"""Atomic file writes, and the check that an output path can be written at all.

Every file contested writes (reports, maps, GIS exports, claims files, the gazetteer index,
the HTTP cache) goes through :func:`atomic_target`: the content is written inside a temporary
folder beside the target and moved into place with ``os.replace``, so a reader sees the old
file or the whole new one, and a failure leaves neither a partial file nor a temp file.

    with atomic_target("claims.gpkg") as temp_path:   # a path in the target's folder
        write_something(temp_path)                      # os.replace()d on success
    write_text_atomic("report.md", text)

Policy for a missing folder: refuse (exit 2, "create the folder first"); a writer never
creates the folder of a file path the user typed, since a typo would otherwise scatter
folders. (``contested run -o DIR`` names a folder, not a file, and creates it.)

An ``OSError`` while writing (permission denied, no such folder, read-only file system, disk
full) becomes an :class:`~contested.core.exceptions.InputError` naming the path and what to do.
This module sits in the bottom layer so that every layer may use it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contested.core.exceptions import InputError

__all__ = [
    "DEFAULT_MODE",
    "TEMP_PREFIX",
    "atomic_target",
    "check_name_lengths",
    "check_writable_target",
    "sweep_leftovers",
    "write_bytes_atomic",
    "write_error",
    "write_text_atomic",
]

DEFAULT_MODE = 0o644  # what we write is meant to be shared (mkstemp's 0o600 is not)
TEMP_PREFIX = ".contested-"  # short: the target's name may already be near NAME_MAX
MAX_NAME_BYTES = 255  # NAME_MAX on every file system contested writes to
# Temp names carry the writer's process id, so that the next run can tell a killed run's
# leftovers (process gone) from a concurrent run's work in progress.
_OWN_PREFIX = f"{TEMP_PREFIX}{os.getpid()}-"
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(?P<pid>\d+)-.*\.(?:tmp|probe|run)$")
CHOOSE_FOLDER = "choose a folder you can write to"
CREATE_FOLDER = "create the folder first"

# errno → (what went wrong, what to do); the rest get the system's wording.
_REASONS: dict[int, tuple[str, str]] = {
    errno.EACCES: ("cannot write here (permission denied)", CHOOSE_FOLDER),
    errno.EPERM: ("cannot write here (operation not permitted)", CHOOSE_FOLDER),
    errno.EROFS: ("cannot write here (read-only file system)", CHOOSE_FOLDER),
    errno.ENOSPC: ("no space left on the device", "free some space or write elsewhere"),
    errno.EDQUOT: ("disk quota exceeded", "free some space or write elsewhere"),
    errno.EISDIR: ("is a folder, not a file name", "give a file name inside it"),
    errno.ENOTDIR: ("a part of the path is not a folder", CHOOSE_FOLDER),
    errno.ENAMETOOLONG: ("the file name is too long", "choose a shorter name"),
}


def write_error(path: str | os.PathLike[str], error: OSError) -> InputError:
    """The InputError (naming ``path``) for an OSError met while writing it."""
    target = Path(path)
    if error.errno == errno.ENOENT:
        return InputError(
            f"the folder {_folder(target)} does not exist", source=str(target), hint=CREATE_FOLDER
        )
    message, hint = _REASONS.get(
        error.errno or -1, (f"cannot write: {error.strerror or error}", CHOOSE_FOLDER)
    )
    return InputError(message, source=str(target), hint=hint)


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def check_writable_target(path: str | os.PathLike[str]) -> Path:
    """Raise InputError naming ``path`` unless a file can be written there; return the Path.

    Refused: a path that is a folder, a folder that does not exist or is not a folder, a
    folder (or an existing file) we may not write. Call it before long work, so that a bad
    ``-o`` fails in a second rather than after the work is done.
    """
    target = check_name_lengths(path)
    folder = _folder(target)
    if target.is_dir():
        raise InputError(
            "is a folder, not a file name", source=str(target), hint="give a file name inside it"
        )
    if os.path.lexists(target) and not target.is_file():
        raise InputError("is not a regular file (a device, a pipe or a special file)",
                         source=str(target), hint="write to a file name; contested never "
                         "writes into devices or pipes (use --json for stdout)")
    if not folder.exists():
        raise InputError(
            f"the folder {folder} does not exist", source=str(target), hint=CREATE_FOLDER
        )
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder", source=str(target), hint=CHOOSE_FOLDER)
    if not os.access(folder, os.W_OK | os.X_OK) or (
        target.exists() and not os.access(target, os.W_OK)
    ):
        raise InputError(
            "cannot write here (permission denied)", source=str(target), hint=CHOOSE_FOLDER
        )
    # os.access says yes to root everywhere, and a read-only mount or /sys refuses anyway:
    # creating (and removing) a temp file is the only sure test.
    sweep_leftovers(folder)
    try:
        descriptor, probe = tempfile.mkstemp(prefix=_OWN_PREFIX, suffix=".probe", dir=folder)
    except OSError as error:
        raise write_error(target, error) from None
    os.close(descriptor)
    os.unlink(probe)
    return target


def check_name_lengths(path: str | os.PathLike[str]) -> Path:
    """``path`` as a Path; InputError when a part of it is longer than NAME_MAX (255 bytes),
    before any work (the OS would refuse it only when the file is written)."""
    target = Path(path)
    if any(len(os.fsencode(part)) > MAX_NAME_BYTES for part in target.parts):
        what = "file" if len(os.fsencode(target.name)) > MAX_NAME_BYTES else "folder"
        raise InputError(f"the {what} name is longer than {MAX_NAME_BYTES} bytes",
                         source=str(target)[:80] + "…", hint="choose a shorter name")
    return target


def sweep_leftovers(folder: str | os.PathLike[str]) -> list[Path]:
    """Remove the temp files and folders a killed contested process left in ``folder``
    (their process is gone); return what was removed. A running process's are kept."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive, not ours to judge
    return True


@contextmanager
def atomic_target(path: str | os.PathLike[str], *, mode: int = DEFAULT_MODE) -> Iterator[Path]:
    """Yield a temp path in ``path``'s folder; on success chmod it to ``mode`` and
    ``os.replace`` it onto ``path``; on any exception remove it (and whatever the writer put
    beside it, e.g. a SQLite journal). OSErrors become InputError naming ``path``.

    The temp path is in a fresh hidden folder, does not exist yet, and has the target's
    name (GDAL drivers pick options by extension, and some refuse an existing empty file).
    """
    target = Path(path)
    try:
        temp_dir = Path(tempfile.mkdtemp(prefix=_OWN_PREFIX, suffix=".tmp", dir=_folder(target)))
    except OSError as error:
        raise write_error(target, error) from None
    temp_path = temp_dir / target.name
    try:
        yield temp_path
        if not temp_path.is_file():
            raise InputError("nothing was written", source=str(target))
        os.chmod(temp_path, mode)
        os.replace(temp_path, target)
    except OSError as error:
        raise write_error(target, error) from None
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


def write_bytes_atomic(
    path: str | os.PathLike[str], data: bytes, *, mode: int = DEFAULT_MODE
) -> Path:
    """Write ``data`` to ``path`` atomically (flushed to disk before the move); return it."""
    target = Path(path)
    with atomic_target(target, mode=mode) as temp_path, open(temp_path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return target


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", mode: int = DEFAULT_MODE
) -> Path:
    """Write ``text`` to ``path`` atomically, newlines as given (no translation)."""
    return write_bytes_atomic(path, text.encode(encoding), mode=mode)


def write_set_atomic(folder: str | os.PathLike[str], files: dict[str, bytes], *,
                     mode: int = DEFAULT_MODE) -> list[Path]:
    """Write several files into ``folder`` as one set: each is written and synced in a
    staging folder beside them first, then all are moved into place together, so a failure
    while writing leaves the previous set untouched (the moves themselves take
    microseconds). Returns the paths written, in the order given."""
    target = Path(folder)
    try:
        sweep_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=_OWN_PREFIX, suffix=".run", dir=target))
    except OSError as error:
        raise write_error(target, error) from None
    try:
        for name, data in files.items():
            write_bytes_atomic(staging / name, data, mode=mode)
        written = []
        for name in files:
            os.replace(staging / name, target / name)
            written.append(target / name)
        return written
    except OSError as error:
        raise write_error(target, error) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)

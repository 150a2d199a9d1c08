"""What a worker does with one slice of a corpus: read, extract, resolve, write a partition.

Each worker process opens the gazetteer's read-only SQLite index once (:func:`gazetteer_at`,
a per-process cache: the first slice a process gets opens it, every later slice reuses it),
wrapped in the resolution stage's one cache of answers (``OnceGazetteer``). That object stays
for the life of the process, since the extractor builds its name matcher once per gazetteer
object (tens of MB, a second to build); its answers are forgotten between slices, so a
worker's memory does not grow with the corpus. The partition is written atomically as
``part-<slice key>.parquet``; a document that fails is recorded (id, where, why) in the
partition's metadata and the slice goes on.
"""

from __future__ import annotations

import ctypes
import os
import re
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

from contested.claims.claim_files import ReadOptions, read_documents
from contested.claims.document_sources import DocumentFailure, DocumentSlice, iter_slice
from contested.claims.model import Claim
from contested.core.exceptions import ContestedError
from contested.core.files import atomic_target
from contested.core.settings import Settings
from contested.corpus.table import claims_table, targets_of
from contested.gazetteer import Gazetteer
from contested.resolution import ClaimResolver, OnceGazetteer

# What one bad document may raise without stopping its slice: our own errors, and the
# errors a bug in the extractor would raise on a text it does not expect. Listed, not
# `Exception`: a MemoryError or a KeyboardInterrupt must still stop the run.
DOCUMENT_ERRORS = (ContestedError, ValueError, TypeError, KeyError, IndexError,
                   AttributeError, ArithmeticError, RecursionError, re.error, UnicodeError,
                   AssertionError)

_gazetteers: dict[str, OnceGazetteer] = {}
_lock = threading.Lock()


def gazetteer_at(index: str | None) -> OnceGazetteer:
    """This process's gazetteer over the index file ``index`` (opened once per process),
    behind the resolution stage's cache.
    A worker on another machine, where that file does not exist, builds its own in its
    cache directory (once: the build is safe when two processes race)."""
    key = index or ""
    with _lock:
        if key not in _gazetteers:
            if index is not None and Path(index).is_file():
                gazetteer = Gazetteer(path=index, quiet=True)
            else:
                gazetteer = Gazetteer(cache_dir=Settings.load().cache_dir, quiet=True)
            _gazetteers[key] = OnceGazetteer(gazetteer)
        return _gazetteers[key]


def partition_path(claims_dir: str | Path, piece: DocumentSlice) -> Path:
    """Where the partition of ``piece`` is written."""
    return Path(claims_dir) / f"part-{piece.key}.parquet"


def extract_slice(piece: DocumentSlice, claims_dir: str, index: str | None) -> dict[str, Any]:
    """Extract the claims of every document of ``piece``, resolve their places and write
    them as one GeoParquet partition; return what was done (counts, seconds)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    gazetteer = gazetteer_at(index)
    gazetteer.forget()
    resolver = ClaimResolver(gazetteer)
    options = ReadOptions(gazetteer=resolver.gazetteer)
    claims: list[Claim] = []
    failures: list[DocumentFailure] = []
    seen: set[str] = set()
    documents = 0
    for item in iter_slice(piece):
        if item.failure is not None:
            failures.append(item.failure)
            continue
        document = item.document
        documents += 1
        if document.id in seen:
            failures.append(DocumentFailure(piece.path, document.id, "duplicate document id"))
            continue
        seen.add(document.id)
        try:
            claims.extend(read_documents([document], piece.path, options).claims)
        except DOCUMENT_ERRORS as error:
            failures.append(DocumentFailure(piece.path, document.id,
                                            f"{type(error).__name__}: {error}"[:300]))
    resolved = resolver.resolve(claims)
    summary = {"slice": piece.key, "input": piece.path, "documents": documents,
               "claims": len(claims), "failures": [_failure(f) for f in failures],
               "seconds": round(time.perf_counter() - started, 3),
               "cpu_seconds": round(time.process_time() - cpu_started, 3), **_process()}
    table = claims_table(claims, targets_of(resolved.places), metadata=summary)
    _write(table, partition_path(claims_dir, piece))
    del claims, resolved, table
    _give_back_freed_memory()
    return {**summary, "failures": len(failures)}


@cache
def _libc() -> Any:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None  # not glibc


def _give_back_freed_memory() -> None:
    """Return the heap pages a slice freed to the system (glibc's malloc_trim). Otherwise the
    allocator keeps them, spread over the arenas of the worker's threads, and a worker's RSS
    creeps up slice after slice (Dask's documentation trims unmanaged memory the same way)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def _process() -> dict[str, Any]:
    """Which process did the work and its peak memory so far (for benchmarks and logs)."""
    import resource
    import socket

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"worker": f"{socket.gethostname()}:{os.getpid()}", "max_rss_mb": peak_kb // 1024}


def _failure(failure: DocumentFailure) -> dict[str, Any]:
    return {"document": failure.document, "where": failure.where, "error": failure.message}


def _write(table: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    # Written beside the target and moved into place: an interrupted run leaves no
    # partition file, and a rerun writes it again.
    with atomic_target(path) as temp:
        pq.write_table(table, temp, compression="zstd")

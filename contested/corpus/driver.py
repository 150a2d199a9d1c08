"""The corpus run on the driver: plan slices, extract them on Dask, check all the claims.

Extraction goes slice by slice through ``dask.bag`` on the cluster; a slice whose partition
is already in ``OUT/claims/`` is skipped (a rerun resumes). The driver holds only the plan (a
few hundred bytes a slice) and, once extraction is done, the claims themselves (a small
fraction of the documents), which go through the resolution stage, the checks and the
outputs of :mod:`contested.pipeline` as in ``contested run``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contested.claims.document_sources import (
    SLICE_BYTES,
    DocumentSlice,
    input_kind,
    plan_slices,
)
from contested.claims.model import Claim
from contested.core.exceptions import InputError
from contested.core.files import TEMP_PREFIX
from contested.corpus.cluster import CtrlC, dask_client, worker_threads
from contested.corpus.progress import Progress
from contested.corpus.worker import extract_slice, gazetteer_at, partition_path

# Failures named one by one on stderr; the rest are counted (all are in failures.jsonl).
SHOWN_FAILURES = 5


@dataclass(frozen=True)
class CorpusOptions:
    """How a corpus runs: ``workers`` local processes (default: every core) or the cluster
    at ``scheduler``; ``progress`` a bar on stderr; the rest as in ``contested run``."""

    workers: int | None = None
    scheduler: str | None = None
    progress: bool = False
    offline: bool = True
    reference_files: Sequence[str | os.PathLike[str]] = ()
    include_bundled_references: bool = True
    claims_only: bool = False  # stop after OUT/claims/ and failures.jsonl (no checks, no map)
    partition_bytes: int = SLICE_BYTES  # of JSON Lines or Parquet per partition
    warn: Callable[[str], None] | None = None


@dataclass
class CorpusResult:
    """What a run did: counts, the partitions written or reused, the files written."""

    documents: int = 0
    claims: int = 0
    failed_documents: int = 0
    partitions: int = 0
    resumed: int = 0
    failed_partitions: list[str] = field(default_factory=list)
    extract_seconds: float = 0.0
    artifacts: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""


def run_corpus(inputs: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str],
               options: CorpusOptions | None = None) -> CorpusResult:
    """Extract the claims of every document of ``inputs`` on Dask into ``out_dir/claims/``
    (GeoParquet, one file per slice), then check them all and write findings.jsonl,
    failures.jsonl, places.jsonl, report.md/.html, map.html and timeline.html."""
    from contested.core.settings import Settings
    from contested.gazetteer.index import ensure_index
    from contested.pipeline import prepare_out_dir

    options = options or CorpusOptions()
    warn = options.warn or _to_stderr
    _check_inputs(inputs)
    claims_dir = _claims_dir(prepare_out_dir(out_dir))
    # Built here, once, before any worker asks for it; the workers open this file.
    index = str(ensure_index(Settings.load().cache_dir, quiet=True))
    result = CorpusResult()
    started = time.perf_counter()
    with dask_client(options.workers, options.scheduler) as client:
        slices = plan_slices(inputs, stripes=worker_threads(client),
                             slice_bytes=options.partition_bytes)
        todo = [piece for piece in slices if not partition_path(claims_dir, piece).exists()]
        result.partitions, result.resumed = len(slices), len(slices) - len(todo)
        result.failed_partitions = _extract(client, todo, claims_dir, index, options.progress)
    result.extract_seconds = time.perf_counter() - started
    for message in result.failed_partitions:
        warn(f"contested: warning: {message}")
    _report(slices, claims_dir, index, Path(out_dir), options, result)
    return result


def _check_inputs(inputs: Sequence[str | os.PathLike[str]]) -> None:
    if not inputs:
        raise InputError("no documents given", hint="pass .jsonl, .jsonl.gz, .parquet files "
                         "or folders of .txt/.md files")
    for path in inputs:
        input_kind(path)


def _claims_dir(out: Path) -> Path:
    claims_dir = out / "claims"
    try:
        claims_dir.mkdir(exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot create the claims folder: {error.strerror}",
                         source=str(claims_dir)) from None
    # What an interrupted run was writing when it stopped (never a partition file).
    for stale in claims_dir.glob(f"{TEMP_PREFIX}*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
    return claims_dir


def _extract(client: Any, todo: list[DocumentSlice], claims_dir: Path, index: str,
             progress: bool) -> list[str]:
    """Run the slices on the cluster; the slices that failed as a whole, described."""
    import dask.bag as db
    from distributed import as_completed

    if not todo:
        return []
    bag = db.from_sequence(todo, partition_size=1).map(
        extract_slice, claims_dir=str(claims_dir.resolve()), index=index)
    futures = client.compute(bag.to_delayed())
    of_future = {future.key: piece for future, piece in zip(futures, todo, strict=True)}
    bar = Progress(len(todo), enabled=progress)
    failed: list[str] = []
    try:
        with CtrlC() as ctrl_c:
            for future in as_completed(futures):
                ctrl_c.check()
                failed.extend(_tally_slice(future, of_future[future.key], bar))
            ctrl_c.check()
    except KeyboardInterrupt:
        # Stop the cluster's work now; what is written is whole, and a rerun resumes.
        client.cancel(futures)
        raise
    finally:
        bar.close()
    return failed


def _tally_slice(future: Any, piece: DocumentSlice, bar: Progress) -> list[str]:
    """Count a finished slice's documents; a slice that failed as a whole, described."""
    if future.status == "error":
        error = future.exception()
        bar.done(0)
        return [f"{piece.path} (slice {piece.key}) failed: {type(error).__name__}: {error}"]
    bar.done(sum(summary["documents"] for summary in future.result()))
    return []


def _report(slices: list[DocumentSlice], claims_dir: Path, index: str, out: Path,
            options: CorpusOptions, result: CorpusResult) -> None:
    """Read every partition back, resolve and check the claims, write the outputs (with
    ``claims_only``: count them and write failures.jsonl alone)."""
    from contested.core.files import write_bytes_atomic
    from contested.pipeline import published_tables, write_outputs
    from contested.resolution import ClaimResolver

    claims, failures, duplicates = _collect(slices, claims_dir, options.claims_only, result)
    failure_lines = "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures)
    _warn_failures(failures, duplicates, out, options.warn or _to_stderr)
    if options.claims_only:
        path = write_bytes_atomic(out / "failures.jsonl", failure_lines.encode("utf-8"))
        result.artifacts = [{"what": "claims", "path": str(claims_dir), "count": result.claims},
                            {"what": "failures", "path": str(path), "count": len(failures)}]
        result.summary = _summary(result, None, 0, out)
        return
    resolved = ClaimResolver(gazetteer_at(index)).resolve(claims)
    tables = published_tables(resolved, options.reference_files,
                              include_bundled=options.include_bundled_references)
    result.artifacts, findings = write_outputs(
        resolved, tables, out, offline=options.offline,
        extra={"failures.jsonl": ("failures", len(failures), failure_lines.encode("utf-8"))})
    result.summary = _summary(result, findings, len(resolved.unresolved), out)


def _collect(slices: list[DocumentSlice], claims_dir: Path, counts_only: bool,
             result: CorpusResult) -> tuple[list[Claim], list[dict[str, Any]], int]:
    """The claims of every partition (ids unique; none with ``counts_only``), the failed
    documents, and how many claims repeated an id; counts go into ``result``."""
    claims: list[Claim] = []
    failures: list[dict[str, Any]] = []
    duplicates = 0
    seen: set[str] = set()
    for metadata, part_claims in _partitions(slices, claims_dir, counts_only):
        result.documents += metadata.get("documents", 0)
        result.claims += metadata.get("claims", 0)
        failures.extend(metadata.get("failures", ()))
        for claim in part_claims:
            if claim.id in seen:
                duplicates += 1
                continue
            seen.add(claim.id)
            claims.append(claim)
    result.claims -= duplicates
    result.failed_documents = len(failures)
    return claims, failures, duplicates


def _partitions(slices: list[DocumentSlice], claims_dir: Path,
                counts_only: bool) -> Iterator[tuple[dict[str, Any], list[Claim]]]:
    """(metadata, claims) of each slice's partition, in the order of the inputs."""
    import pyarrow.parquet as pq

    from contested.corpus.table import claims_from_table, partition_metadata

    for piece in slices:
        path = partition_path(claims_dir, piece)
        if not path.exists():
            continue  # its slice failed; said already
        try:
            if counts_only:
                yield partition_metadata(pq.read_schema(path)), []
                continue
            table = pq.read_table(path)
        except (OSError, ValueError) as error:
            raise InputError(f"not a readable partition ({error}); delete it and rerun",
                             source=str(path)) from None
        yield partition_metadata(table.schema), list(claims_from_table(table))


def _warn_failures(failures: list[dict[str, Any]], duplicates: int, out: Path,
                   warn: Callable[[str], None]) -> None:
    for failure in failures[:SHOWN_FAILURES]:
        name = (f"document {failure['document']} ({failure.get('where')})"
                if failure.get("document") else str(failure.get("where")))
        warn(f"contested: warning: {name}: {failure.get('error')}; skipped")
    if len(failures) > SHOWN_FAILURES:
        warn(f"contested: warning: {len(failures) - SHOWN_FAILURES:,} more documents failed; "
             f"all are listed in {out / 'failures.jsonl'}")
    if duplicates:
        warn(f"contested: warning: {duplicates:,} claims repeat an id of another input's "
             "document and were left out")


def _summary(result: CorpusResult, findings: list[Any] | None, unresolved: int,
             out: Path) -> str:
    from contested.checks.report import summary_line

    rate = result.documents / max(result.extract_seconds, 1e-9)
    resumed = f", {result.resumed} resumed" if result.resumed else ""
    failed = f", {result.failed_documents:,} failed" if result.failed_documents else ""
    names = f"; {unresolved:,} place names unresolved" if unresolved else ""
    checked = "not checked (--claims-only)" if findings is None else summary_line(findings)
    return (f"{result.documents:,} documents ({result.partitions} partitions{resumed}{failed})"
            f" in {result.extract_seconds:.1f} s ({rate:,.0f}/s), {result.claims:,} claims"
            f"{names}; {checked}; outputs in {out}/")


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)

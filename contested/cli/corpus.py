"""``contested corpus``: a news archive on every core (or a Dask cluster), then one report."""

from __future__ import annotations

from pathlib import Path

import click

from contested.cli.options import json_option, published_options
from contested.cli.output import emit_json, say


@click.command("corpus")
@click.argument("documents", nargs=-1, required=True, metavar="DOCUMENTS...",
                type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for claims/ (GeoParquet partitions), findings.jsonl, failures.jsonl, "
              "report.md/.html, map.html, timeline.html; created when missing.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Local worker processes (default: one per core).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run on this running dask.distributed scheduler instead of locally; its "
              "workers must see the --out folder (a shared file system), and are best started "
              "with DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False (flat memory).")
@click.option("--partition-mb", type=click.FloatRange(min=0.001), default=8.0,
              show_default=True, metavar="MB",
              help="Input per partition (JSON Lines, Parquet); folders go 1,000 files a "
              "partition. Smaller: finer resume and progress; larger: fewer files.")
@click.option("--claims-only", is_flag=True,
              help="Stop once the claims are written (OUT/claims/, failures.jsonl): no checks, "
              "report or map, and nothing but counts held in memory.")
@click.option("--online-map", is_flag=True,
              help="Draw the map over web tiles instead of the inlined offline basemap.")
@published_options
@json_option("Print one JSON object per file written, then one for the run, on stdout.")
def corpus(
    documents: tuple[Path, ...],
    out_dir: Path,
    workers: int | None,
    scheduler: str | None,
    partition_mb: float,
    claims_only: bool,
    online_map: bool,
    reference_files: tuple[str, ...],
    no_reference: bool,
    as_json: bool,
) -> None:
    """Extract, check and map the claims of a news archive: DOCUMENTS are JSON Lines files
    (.jsonl, .jsonl.gz: one document a line, with text, id, date, outlet), Parquet files
    with the same columns, or folders of .txt/.md files (YAML front matter for the date).

    Extraction runs on Dask, a slice of the input per task, each slice's claims written to
    OUT/claims/ as one GeoParquet file (a point at the claim's place, the claim's fields as
    columns: DuckDB, Spark and dask-geopandas read the folder as one table). Then the checks
    and the ledger run over all the claims as in `contested run`. A rerun skips the slices
    already written (resume); a document that cannot be read or extracted is listed in
    OUT/failures.jsonl and the run goes on. Ctrl-C stops cleanly (exit 130).

    \b
    Examples:
      contested corpus archive.jsonl.gz -o out
      contested corpus scraped/ more.parquet -o out --workers 2
      contested corpus archive.jsonl -o /shared/out --scheduler tcp://10.0.0.5:8786
    """
    from contested.corpus import CorpusOptions, run_corpus
    from contested.corpus.progress import wanted

    options = CorpusOptions(
        workers=workers, scheduler=scheduler, progress=wanted(as_json),
        offline=not online_map, reference_files=reference_files,
        include_bundled_references=not no_reference, claims_only=claims_only,
        partition_bytes=int(partition_mb * 1024 * 1024), warn=say)
    if scheduler is not None and workers is not None:
        raise click.UsageError("--workers is for a local cluster: leave it out with "
                               "--scheduler (the cluster has its own workers)")
    result = run_corpus(list(documents), out_dir, options)
    for artifact in result.artifacts:
        if as_json:
            emit_json(artifact)
        else:
            click.echo(f"{artifact['path']}\t{artifact['what']}")
    if as_json:
        emit_json({"what": "corpus", "documents": result.documents, "claims": result.claims,
                   "failed_documents": result.failed_documents,
                   "partitions": result.partitions, "resumed": result.resumed,
                   "failed_partitions": len(result.failed_partitions),
                   "path": str(out_dir / "claims"), "seconds": round(result.extract_seconds, 3)})
    say(result.summary)

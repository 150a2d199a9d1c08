"""`contested corpus`: a small archive in every input format on a local Dask cluster, the same
claims as reading each document alone, resume, failing documents, GeoParquet readers, bad
input, Ctrl-C. (The distributed run on a real scheduler: tests/test_corpus_distributed.py.)"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from corpus_articles import synthetic_articles
from corpus_fixtures import ARTICLES, BROKEN, contested, partition_claims

from contested.claims.document_sources import iter_slice, plan_slices
from contested.cli import cli
from contested.corpus.cluster import CtrlC


def test_corpus_writes_partitions_and_the_usual_outputs(local_corpus_run) -> None:
    out, run = local_corpus_run
    summary = json.loads(run.stdout.splitlines()[-1])
    assert summary["what"] == "corpus" and summary["documents"] == 3 * ARTICLES + 12 + 1
    assert summary["partitions"] >= 4 and summary["resumed"] == 0
    for name in ("findings.jsonl", "places.jsonl", "report.md", "report.html", "map.html",
                 "timeline.html", "failures.jsonl"):
        assert (out / name).stat().st_size > 0, name
    assert len(list((out / "claims").glob("part-*.parquet"))) == summary["partitions"]
    assert summary["claims"] == len(partition_claims(out)) > 50
    # Not a terminal, --json: no progress bar, and stdout holds JSON alone.
    assert "extracting" not in run.stderr and "it/s" not in run.stderr
    assert all(json.loads(line) for line in run.stdout.splitlines())


def test_documents_give_the_claims_they_give_read_alone(local_corpus_run, corpus_archive,
                                                        gazetteer) -> None:
    from contested.claims.claim_files import load_claims

    claims = partition_claims(local_corpus_run[0])
    jsonl = corpus_archive["jsonl"].with_name("clean.jsonl")
    lines = corpus_archive["jsonl"].read_text(encoding="utf-8").splitlines(keepends=True)
    jsonl.write_text("".join(line for line in lines if line not in BROKEN), encoding="utf-8")
    expected = {c.id: c.to_dict() for c in load_claims(jsonl, gazetteer=gazetteer)}
    assert expected and {i: claims[i] for i in expected} == expected
    for prefix in ("g-", "p-"):  # gzipped and Parquet copies: the same claims, their own ids
        same = {i.replace("j-", prefix, 1): c for i, c in expected.items()}
        got = {i: claims[i] for i in claims if i.startswith(prefix)}
        assert set(got) == set(same)
        assert [got[i]["quote"] for i in sorted(got)] == [same[i]["quote"] for i in sorted(got)]


def test_text_files_give_the_claims_of_extract_file_by_file(local_corpus_run,
                                                            corpus_archive) -> None:
    claims = partition_claims(local_corpus_run[0])
    runner = CliRunner()
    files = sorted(corpus_archive["texts"].glob("*.txt"))
    compared = 0
    for file in files:
        result = runner.invoke(cli, ["extract", str(file), "--json"])
        assert result.exit_code == 0, result.output
        for line in result.stdout.splitlines():
            extracted = json.loads(line)
            mine = claims[extracted["id"]]
            # `extract` reads one text and names no document; the corpus names the file.
            assert mine.pop("document") == file.name
            extracted.pop("document", None)
            assert json.loads(json.dumps(mine)) == extracted
            compared += 1
    assert compared >= 5
    dated = [c for c in claims.values() if c.get("document") == "dated.md"]
    assert dated and all(c["date"] == "2017-10-17" and c["source"] == "Wire" for c in dated)


def test_failing_documents_are_listed_with_their_ids_and_the_run_goes_on(local_corpus_run) -> None:
    out, run = local_corpus_run
    failures = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert len(failures) == len(BROKEN)
    assert {f["document"] for f in failures} == {None, "bad-date", "no-text"}
    assert all("wire.jsonl" in f["where"] and f["error"] for f in failures)
    assert "bad-date" in run.stderr and "skipped" in run.stderr
    assert any(i.startswith("j-") for i in partition_claims(out))


# dask-geopandas itself calls a pandas API that pandas 3.1 deprecates.
@pytest.mark.filterwarnings("ignore:The inplace keyword")
def test_partitions_are_geoparquet_that_gis_tools_read(local_corpus_run) -> None:
    import geopandas

    out = local_corpus_run[0]
    frame = geopandas.read_parquet(out / "claims")
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(partition_claims(out))
    placed = frame[frame.geometry.notna()]
    assert len(placed) > 0 and (placed.geometry.geom_type == "Point").all()
    assert (placed.geometry.x.round(9) == placed["lon"].round(9)).all()
    assert {"id", "km2", "kind", "scope", "date", "quote", "places"} <= set(frame.columns)
    duckdb = pytest.importorskip("duckdb")
    count = duckdb.sql(f"select count(*) from read_parquet('{out}/claims/*.parquet')")
    assert count.fetchall()[0][0] == len(frame)
    dask_geopandas = pytest.importorskip("dask_geopandas")
    assert len(dask_geopandas.read_parquet(out / "claims").compute()) == len(frame)


def test_a_rerun_skips_the_partitions_written_and_redoes_a_missing_one(
        local_corpus_run, corpus_archive, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(local_corpus_run[0], out)
    parts = sorted((out / "claims").glob("part-*.parquet"))
    before = {p.name: p.stat().st_mtime_ns for p in parts}
    parts[0].unlink()
    inputs = [str(corpus_archive[kind]) for kind in ("jsonl", "gz", "parquet", "texts")]
    run = contested("corpus", *inputs, "-o", str(out), "--workers", "1", "--partition-mb",
                    "0.05", "--claims-only", "--json")
    assert run.returncode == 0, run.stderr[-3000:]
    summary = json.loads(run.stdout.splitlines()[-1])
    assert summary["resumed"] == len(parts) - 1
    after = {p.name: p.stat().st_mtime_ns for p in (out / "claims").glob("part-*.parquet")}
    assert set(after) == set(before)
    assert all(after[name] == before[name] for name in before if name != parts[0].name)
    assert partition_claims(out) == partition_claims(local_corpus_run[0])


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    run = contested("corpus", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out"))
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "missing.jsonl" in run.stderr
    (tmp_path / "notes.docx").write_bytes(b"PK")
    run = contested("corpus", str(tmp_path / "notes.docx"), "-o", str(tmp_path / "out"),
                    "--workers", "1")
    assert run.returncode == 2 and "notes.docx" in run.stderr and "Traceback" not in run.stderr


def test_an_unreachable_scheduler_is_one_line_and_exit_4(corpus_archive,
                                                         tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = contested("corpus", str(corpus_archive["texts"]), "-o", str(tmp_path / "out"),
                    "--scheduler", f"tcp://127.0.0.1:{port}", timeout=120)
    assert run.returncode == 4, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0]


def test_ctrl_c_stops_cleanly_and_leaves_whole_partitions(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    with open(corpus, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in synthetic_articles(4000, seed=3))
    out = tmp_path / "out"
    # A new session, as a terminal's foreground job: Ctrl-C reaches the whole group. Ctrl-C
    # not ignored, as at a terminal: an ignored SIGINT passes through exec, and something in
    # a long test session sometimes leaves this process ignoring it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "contested", "corpus", str(corpus), "-o", str(out),
             "--workers", "2", "--partition-mb", "0.2", "--claims-only"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        deadline = time.monotonic() + 120
        while not list((out / "claims").glob("part-*.parquet")):
            assert process.poll() is None and time.monotonic() < deadline, "no partition yet"
            time.sleep(0.2)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]
    parts = list((out / "claims").glob("part-*.parquet"))
    written = sum(pq.read_metadata(p).num_rows >= 0 for p in parts)  # each opens whole
    assert 0 < written < 50
    assert not list((out / "claims").glob("*.parquet.*"))


def test_progress_is_shown_only_to_a_person_at_a_terminal(capsys) -> None:
    from contested.corpus.progress import Progress, wanted

    assert wanted(as_json=True) is False
    bar = Progress(3, enabled=True)
    bar.done(10)
    bar.close()
    assert "10 docs" in capsys.readouterr().err
    silent = Progress(3, enabled=False)
    silent.done(10)
    silent.close()
    assert capsys.readouterr().err == ""


def test_the_local_clusters_workers_run_without_dasks_profiler() -> None:
    # Its sampled stack tree grew each worker's memory with the run (bench_corpus.py).
    import dask

    from contested.corpus.cluster import WORKER_PROFILER, dask_client

    with dask_client(workers=1) as client:
        settings = client.run(lambda: dask.config.get(WORKER_PROFILER))
    assert list(settings.values()) == [False]
    assert dask.config.get(WORKER_PROFILER) is True  # the caller's own config is untouched


def test_a_corpus_record_nested_too_deep_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    archive = tmp_path / "archive.jsonl"
    deep = "[" * 5000 + "]" * 5000
    archive.write_text('{"id": "a", "text": "Mosul."}\n'
                       f'{{"id": "b", "text": "x", "extra": {deep}}}\n', encoding="utf-8")
    items = [item for piece in plan_slices([archive]) for item in iter_slice(piece)]
    assert [item.document.id for item in items if item.document] == ["a"]
    (failure,) = [item.failure for item in items if item.failure]
    assert failure.where.endswith("archive.jsonl record 2")
    assert "nested more than" in failure.message
    assert "not a document record" in failure.message  # a corpus record, not a claims file


# The finaliser's lost KeyboardInterrupt is what this test makes happen.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_ctrl_c_lost_inside_a_finaliser_is_raised_again_at_the_next_check() -> None:
    class Finaliser:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGINT)
            sum(range(10_000))  # the handler runs here, and its KeyboardInterrupt is lost

    before = signal.getsignal(signal.SIGINT)
    with CtrlC() as ctrl_c:
        try:
            Finaliser()
        except KeyboardInterrupt:
            pass  # raised after the finaliser rather than inside it: not what this pins
        assert ctrl_c.requested
        with pytest.raises(KeyboardInterrupt):
            ctrl_c.check()
    assert signal.getsignal(signal.SIGINT) is before

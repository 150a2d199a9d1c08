"""`contested corpus --scheduler` on a real dask.distributed cluster: a `dask scheduler` and
two `dask worker` processes on 127.0.0.1, started here and stopped here, give the claims of
the local run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from corpus_fixtures import contested, partition_claims

BIN = Path(sys.executable).parent
START_TIMEOUT = 90  # seconds for the scheduler and both workers to come up


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _dask(*args: str, log: Path) -> subprocess.Popen[bytes]:
    command = shutil.which("dask", path=str(BIN)) or shutil.which("dask")
    if command is None:
        pytest.skip("the dask command is not installed")
    # A session of its own: the test stops the process and anything it started.
    return subprocess.Popen([command, *args], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True, env={**os.environ})


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in reversed(processes):  # workers first, then the scheduler
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with Client(address, timeout="5s") as client:
                client.wait_for_workers(count, timeout=max(1, deadline - time.monotonic()))
                return
        except (OSError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [_dask("scheduler", "--host", "127.0.0.1", "--port", str(port),
                       "--no-dashboard", log=tmp_path / "scheduler.log")]
    try:
        for number in range(2):
            processes.append(_dask("worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                                   "--nthreads", "1", "--no-dashboard", "--name",
                                   f"w{number}", log=tmp_path / f"worker{number}.log"))
        _wait_for_workers(address, 2)
        yield address
    finally:
        _stop(processes)


def test_a_distributed_cluster_gives_the_claims_of_the_local_run(
        cluster: str, corpus_archive, local_corpus_run, tmp_path: Path) -> None:
    inputs = [str(corpus_archive[kind]) for kind in ("jsonl", "gz", "parquet", "texts")]
    remote = contested("corpus", *inputs, "-o", str(tmp_path / "remote"), "--scheduler",
                       cluster, "--partition-mb", "0.05", "--claims-only", "--json")
    assert remote.returncode == 0, remote.stderr[-3000:]
    claims = partition_claims(tmp_path / "remote")
    assert len(claims) > 50 and claims == partition_claims(local_corpus_run[0])
    # The same partitions, and both workers of the cluster did some of them.
    remote_parts = sorted(p.name for p in (tmp_path / "remote" / "claims").glob("*.parquet"))
    local_parts = sorted(p.name for p in (local_corpus_run[0] / "claims").glob("*.parquet"))
    assert remote_parts == local_parts
    workers = {json.loads(pq.read_schema(part).metadata[b"contested"])["worker"]
               for part in (tmp_path / "remote" / "claims").glob("part-*.parquet")}
    assert len(workers) == 2

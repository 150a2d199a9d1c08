"""The Dask cluster a corpus runs on: a local one of all cores, or one that already runs.

A local cluster has one single-threaded worker process per core (extraction is pure Python:
threads would share one interpreter lock). Its logs are silenced below critical: a worker
that loses its scheduler while a stopped run closes logs an error with a traceback, and a
slice that fails comes back to the driver as a failure anyway (failures.jsonl); its dashboard
is off (nothing of ours listens on a port the user did not ask for).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from contested.core.exceptions import InputError, NetworkError

# How long to wait for a scheduler that does not answer.
CONNECT_TIMEOUT = "5s"
# Off on the local cluster's workers (see dask_client); a cluster of yours is configured by
# whoever starts its workers: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False.
WORKER_PROFILER = "distributed.worker.profile.enabled"


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: on ``scheduler`` (``tcp://HOST:PORT``) when given, else on a
    local cluster of ``workers`` processes (default: every core). Closed on the way out,
    the local cluster's processes with it."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        client = _connect(Client, scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise InputError("--workers must be at least 1", field="workers")
    # Dask's statistical profiler samples each worker's stack every 10 ms and keeps the
    # tree: over the extractor's many code paths it grew a worker by ~18 MB per 100,000
    # articles (scripts/bench_corpus.py); without it a worker's memory is flat.
    with _workers_ignore_ctrl_c(), dask.config.set({WORKER_PROFILER: False}):
        cluster = LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.CRITICAL)
    try:
        with Client(cluster) as client:
            yield client
    except KeyboardInterrupt:
        # The run is being stopped: what the cluster says while it closes is noise.
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        raise
    finally:
        cluster.close()


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes with SIGINT ignored (inherited through exec): Ctrl-C at a
    terminal reaches every process of the foreground group, and the driver, not each worker,
    stops the run (cancels the work, closes the cluster, no traceback from any of them)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class CtrlC:
    """Ctrl-C noted as well as raised while the driver waits on the cluster.

    Python raises KeyboardInterrupt at the next bytecode, and when that bytecode belongs to a
    finaliser (a Dask future's ``__del__``) the exception is printed and lost: the run would
    go on to the end and exit 0. So the handler also records it, and :meth:`check` raises it
    again at the next completed slice.
    """

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum: int, frame: Any) -> None:
        self.requested = True
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise KeyboardInterrupt when Ctrl-C was pressed, whatever became of the first."""
        if self.requested:
            raise KeyboardInterrupt


def _connect(client_class: Any, scheduler: str) -> Any:
    try:
        return client_class(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise NetworkError(f"cannot reach the Dask scheduler {scheduler}: {error} (start one "
                           "with `dask scheduler`, or leave --scheduler out to run on this "
                           "machine's cores)") from None
    except ValueError as error:  # not an address distributed understands
        raise InputError(f"not a scheduler address: {error}", source=scheduler,
                         field="scheduler", hint="give tcp://HOST:PORT") from None


def worker_threads(client: Any) -> int:
    """How many tasks the cluster runs at once."""
    return max(1, sum(client.nthreads().values()))

"""A misbehaving HTTP server on 127.0.0.1 for the online tests (http, Nominatim, geoBoundaries).

Each fault is a werkzeug handler; ``FAULTS`` maps a name to (handler factory, the words the
error message must contain). A guard refuses any connection that is not to the loopback
address, so no test can reach the internet by mistake.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from contested.core.http import HttpCache, PoliteClient, RetryPolicy

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ONE_GB = 1024**3
CAP_BYTES = 256 * 1024


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly instead of resolving any host but the loopback address."""
    real_getaddrinfo = socket.getaddrinfo

    def guarded(host, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host not in LOOPBACK:
            raise AssertionError(f"a test tried to reach {host!r}; tests use 127.0.0.1 only")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture(scope="session")
def running_server() -> Iterator[HTTPServer]:
    """One threaded server per session (a slow handler must not block the next request;
    stopping a server costs half a second, so it is started once)."""
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    try:
        yield httpserver
    finally:
        release_slow_handlers()
        httpserver.stop()


@pytest.fixture()
def server(running_server: HTTPServer) -> Iterator[HTTPServer]:
    """The session's server with no handlers and an empty log."""
    running_server.clear()
    try:
        yield running_server
    finally:
        release_slow_handlers()
        running_server.clear()


@dataclass
class Sleeps:
    """Records the waits the client asks for instead of waiting (tests stay fast)."""

    calls: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_client(cache_dir: Path, sleeps: Sleeps | None = None, attempts: int = 3,
                deadline_s: float = 120.0) -> PoliteClient:
    return PoliteClient(
        cache=HttpCache(cache_dir),
        # Timeouts short enough for the slow handlers (5 s), long enough for a busy box.
        retry=RetryPolicy(timeout_s=(2.0, 1.0), deadline_s=deadline_s, attempts=attempts,
                          backoff_s=0.001, max_retry_after_s=30.0),
        sleep=sleeps or Sleeps(),
    )


def cache_files(cache_dir: Path) -> list[Path]:
    """Every file in the cache folder, committed entries and leftovers alike."""
    return sorted(p for p in Path(cache_dir).rglob("*") if p.is_file())


# --- faults --------------------------------------------------------------------------------

_slow_release = threading.Event()


def release_slow_handlers() -> None:
    _slow_release.set()


def json_response(data: object, status: int = 200, content_type: str = "application/json"):
    return Response(json.dumps(data), status=status, content_type=content_type)


def slow(_: Request) -> Response:
    # Holds the request past the client's read timeout (released at teardown).
    _slow_release.clear()
    _slow_release.wait(5.0)
    return json_response({"late": True})


def server_error(_: Request) -> Response:
    return Response("<h1>Internal Server Error</h1>", status=500, content_type="text/html")


def too_many_requests(_: Request) -> Response:
    return Response("slow down", status=429, headers={"Retry-After": "1"})


def too_many_requests_for_an_hour(_: Request) -> Response:
    return Response("slow down", status=429, headers={"Retry-After": "3600"})


def truncated(_: Request) -> Response:
    def body() -> Iterator[bytes]:
        yield b'{"features": [1, 2'

    return Response(body(), content_type="application/json", headers={"Content-Length": "4096"})


def invalid_json(_: Request) -> Response:
    return Response('{"features": [1, 2,, }', content_type="application/json")


def html_error_page(_: Request) -> Response:
    return Response(
        "<!doctype html><title>Maintenance</title><p>Back soon</p>", content_type="text/html"
    )


def html_labelled_json(_: Request) -> Response:
    return Response("<html><body>Error 503</body></html>", content_type="application/json")


def not_found(_: Request) -> Response:
    return Response("no such thing", status=404, content_type="text/plain")


@dataclass
class Firehose:
    """Streams up to 1 GB of JSON-ish bytes and counts what it managed to send."""

    declared_length: bool = False
    sent_bytes: int = 0

    def __call__(self, _: Request) -> Response:
        chunk = b" " * (64 * 1024)

        def body() -> Iterator[bytes]:
            yield b"["
            for _ in range(ONE_GB // len(chunk)):
                self.sent_bytes += len(chunk)
                yield chunk

        headers = {"Content-Length": str(ONE_GB + 1)} if self.declared_length else {}
        return Response(body(), content_type="application/json", headers=headers)


def wait_for(predicate: Callable[[], bool], timeout_s: float = 5.0) -> bool:
    """Poll until ``predicate()`` holds (for a server thread to notice a closed socket)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()

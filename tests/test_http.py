"""The polite HTTP client against a real, misbehaving server on 127.0.0.1.

Every fault must end in a NetworkError naming the URL, leave nothing in the cache, and be
followed by a good request that succeeds, is cached, and is then served from the cache.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import _online
import pytest
from _online import (
    CAP_BYTES,
    ONE_GB,
    Firehose,
    Sleeps,
    cache_files,
    html_error_page,
    html_labelled_json,
    invalid_json,
    json_response,
    make_client,
    not_found,
    server_error,
    slow,
    too_many_requests,
    too_many_requests_for_an_hour,
    truncated,
    wait_for,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug import Response

from contested.core.exceptions import InputError, NetworkError
from contested.core.files import write_bytes_atomic
from contested.core.http import (
    Fetched,
    HttpCache,
    HttpStatusError,
    RateLimiter,
    SchemaError,
    parse_retry_after,
    user_agent,
)

# The shared fixtures: a misbehaving server on 127.0.0.1 and the loopback-only guard.
running_server = _online.running_server
server = _online.server
only_loopback = _online.only_loopback

GOOD = {"features": [{"name": "Hawija"}]}


def wants_features(data: object) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise SchemaError("expected an object with a 'features' list")


def wrong_schema(_):
    return json_response([{"unexpected": "shape"}])


def nan_json(_):
    return Response('{"features": [{"lat": NaN}]}', content_type="application/json")


def deep_json(_):
    return Response("[" * 100_000 + "]" * 100_000, content_type="application/json")


def huge_number(_):
    return Response('{"features": [' + "9" * 5000 + "]}", content_type="application/json")


# name -> (handler, words the message must contain, transient: retried `attempts` times)
FAULTS = {
    "slow": (slow, "no answer within", True),
    "500": (server_error, "HTTP 500", True),
    "429 Retry-After": (too_many_requests, "HTTP 429", True),
    "truncated body": (truncated, "cut short", True),
    "invalid JSON": (invalid_json, "invalid JSON at line 1", False),
    "HTML error page with 200": (html_error_page, "returned an HTML page", False),
    "HTML labelled as JSON": (html_labelled_json, "HTML or XML, not JSON", False),
    "wrong schema": (wrong_schema, "expected an object with a 'features' list", False),
    "404": (not_found, "HTTP 404", False),
    "1 GB body, streamed": (Firehose(), "larger than the 0.25 MB cap", False),
    "1 GB body, declared": (Firehose(declared_length=True), "declares 1,073,741,825", False),
    "NaN in JSON": (nan_json, "NaN is not a JSON number", False),
    "JSON nested 100,000 deep": (deep_json, "nested more than 32 levels", False),
    "5,000-digit number": (huge_number, "not JSON a client can use", False),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_fails_clearly_caches_nothing_and_the_good_request_after_it_works(
    server, tmp_path: Path, fault: str
) -> None:
    handler, expected_words, transient = FAULTS[fault]
    client = make_client(tmp_path / "cache", attempts=3)
    url = server.url_for("/data.json")
    arrivals = []

    def counting(request):
        arrivals.append(request.path)
        return handler(request)

    server.expect_request("/data.json").respond_with_handler(counting)

    with pytest.raises(NetworkError) as caught:
        client.get_json(url, schema=wants_features, max_bytes=CAP_BYTES)

    message = str(caught.value)
    assert url in message
    assert expected_words in message
    assert cache_files(tmp_path / "cache") == []
    assert len(arrivals) == (3 if transient else 1)

    server.clear()
    server.expect_request("/data.json").respond_with_json(GOOD)
    data, fetched = client.get_json(url, schema=wants_features, max_bytes=CAP_BYTES)
    assert data == GOOD and not fetched.from_cache
    assert len(client.cache.entries()) == 1

    server.clear()
    server.expect_request("/data.json").respond_with_handler(server_error)
    data, fetched = client.get_json(url, schema=wants_features, max_bytes=CAP_BYTES)
    assert data == GOOD and fetched.from_cache
    assert server.log == []


def test_a_1gb_body_is_cut_after_the_cap_without_the_server_sending_it_all(
    server, tmp_path: Path
) -> None:
    firehose = Firehose()
    server.expect_request("/huge.json").respond_with_handler(firehose)
    client = make_client(tmp_path / "cache")

    with pytest.raises(NetworkError, match="cap"):
        client.get(server.url_for("/huge.json"), max_bytes=CAP_BYTES)

    # The server thread stops once its writes fail; it got nowhere near 1 GB.
    assert wait_for(lambda: firehose.sent_bytes > 0)
    time.sleep(0.2)
    assert firehose.sent_bytes < ONE_GB // 16


def test_a_500_then_a_200_succeeds_within_one_call_after_a_backoff(server, tmp_path: Path) -> None:
    sleeps = Sleeps()
    client = make_client(tmp_path / "cache", sleeps)
    server.expect_ordered_request("/flaky").respond_with_handler(server_error)
    server.expect_ordered_request("/flaky").respond_with_json(GOOD)

    data, _ = client.get_json(server.url_for("/flaky"))

    assert data == GOOD
    assert sleeps.calls == [pytest.approx(0.001)]


def test_a_429_waits_as_long_as_retry_after_says(server, tmp_path: Path) -> None:
    sleeps = Sleeps()
    client = make_client(tmp_path / "cache", sleeps)
    server.expect_ordered_request("/busy").respond_with_handler(too_many_requests)
    server.expect_ordered_request("/busy").respond_with_json(GOOD)

    data, _ = client.get_json(server.url_for("/busy"))

    assert data == GOOD
    assert sleeps.calls == [1.0]


def test_a_retry_after_longer_than_the_cap_stops_at_once_and_says_try_later(
    server, tmp_path: Path
) -> None:
    sleeps = Sleeps()
    client = make_client(tmp_path / "cache", sleeps)
    server.expect_request("/busy").respond_with_handler(too_many_requests_for_an_hour)

    with pytest.raises(NetworkError, match="asks to wait 3600 s.*try again later"):
        client.get(server.url_for("/busy"))

    assert sleeps.calls == []
    assert len(server.log) == 1


def test_backoff_doubles_between_attempts(server, tmp_path: Path) -> None:
    sleeps = Sleeps()
    client = make_client(tmp_path / "cache", sleeps, attempts=4)
    server.expect_request("/down").respond_with_handler(server_error)

    with pytest.raises(NetworkError, match="failed after 4 attempts"):
        client.get(server.url_for("/down"))

    assert sleeps.calls == pytest.approx([0.001, 0.002, 0.004])


def test_a_refused_connection_is_a_network_error_naming_the_url(tmp_path: Path) -> None:
    client = make_client(tmp_path / "cache", attempts=2)
    url = "http://127.0.0.1:9/nothing-listens-here"

    with pytest.raises(NetworkError, match="connection failed") as caught:
        client.get(url)

    assert url in str(caught.value)
    assert caught.value.exit_code == 4


def test_a_404_is_not_retried_and_keeps_its_status(server, tmp_path: Path) -> None:
    client = make_client(tmp_path / "cache")
    server.expect_request("/gone").respond_with_handler(not_found)

    with pytest.raises(HttpStatusError) as caught:
        client.get(server.url_for("/gone"))

    assert caught.value.status == 404
    assert len(server.log) == 1


def test_requests_carry_a_real_user_agent(server, tmp_path: Path) -> None:
    server.expect_request("/ua").respond_with_json(GOOD)
    make_client(tmp_path / "cache").get(server.url_for("/ua"))

    request, _ = server.log[0]
    assert request.headers["User-Agent"] == user_agent()
    assert user_agent().startswith("contested/")
    assert "(+" in user_agent()


def test_query_parameters_are_part_of_the_cache_key(server, tmp_path: Path) -> None:
    server.expect_request("/search", query_string="q=a").respond_with_json({"q": "a"})
    server.expect_request("/search", query_string="q=b").respond_with_json({"q": "b"})
    client = make_client(tmp_path / "cache")

    first, _ = client.get_json(server.url_for("/search"), params={"q": "a"})
    second, _ = client.get_json(server.url_for("/search"), params={"q": "b"})

    assert (first, second) == ({"q": "a"}, {"q": "b"})
    assert len(client.cache.entries()) == 2


def test_an_expired_entry_is_fetched_again(server, tmp_path: Path) -> None:
    server.expect_request("/data.json").respond_with_json(GOOD)
    client = make_client(tmp_path / "cache")
    url = server.url_for("/data.json")
    client.get(url)

    _, fetched = client.get_json(url, max_age_s=0.0)

    assert not fetched.from_cache
    assert len(server.log) == 2


def test_a_truncated_or_tampered_cache_entry_is_dropped_and_refetched(
    server, tmp_path: Path
) -> None:
    server.expect_request("/data.json").respond_with_json(GOOD)
    client = make_client(tmp_path / "cache")
    url = server.url_for("/data.json")
    client.get(url)
    entry = client.cache.path_for(url)
    entry.write_bytes(entry.read_bytes()[:-3])  # as if the disk lost the tail

    data, fetched = client.get_json(url)

    assert data == GOOD and not fetched.from_cache
    assert len(server.log) == 2


def test_a_download_killed_midway_leaves_nothing_the_next_run_trusts(
    server, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    started = []

    def trickle(_):
        started.append(True)

        def body():
            yield b'{"features": ['
            for number in range(200):
                time.sleep(0.05)
                yield f"{number},".encode()
            yield b"0]}"

        from werkzeug import Response

        return Response(body(), content_type="application/json")

    server.expect_request("/slow.json").respond_with_handler(trickle)
    url = server.url_for("/slow.json")
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from contested.core.http import HttpCache, PoliteClient, RetryPolicy
        client = PoliteClient(cache=HttpCache(Path({str(cache_dir)!r})),
                              retry=RetryPolicy(timeout_s=(2, 5)))
        client.get({url!r})
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], env=dict(os.environ))
    try:
        assert wait_for(lambda: bool(started), timeout_s=20)
        time.sleep(0.3)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()

    assert HttpCache(cache_dir).entries() == []
    server.clear()
    server.expect_request("/slow.json").respond_with_json(GOOD)
    data, _ = make_client(cache_dir).get_json(url)
    assert data == GOOD


def test_an_atomic_write_leaves_the_old_file_and_no_temp_file_when_the_move_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "boundaries.geojson"
    target.write_bytes(b"old")

    def failing_replace(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(InputError, match="boundaries.geojson"):
        write_bytes_atomic(target, b"new")

    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["boundaries.geojson"]


# --- rate limit --------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_the_rate_limiter_spaces_requests_within_a_process() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1.0, clock=clock.time, sleep=clock.sleep)

    limiter.wait()
    clock.now += 0.25
    limiter.wait()
    limiter.wait()

    assert clock.sleeps == pytest.approx([0.75, 1.0])


def test_the_rate_limit_holds_across_limiters_sharing_a_stamp_file(tmp_path: Path) -> None:
    # Two limiters with one stamp file are two processes as far as the limit is concerned.
    clock = FakeClock()
    stamp = tmp_path / "nominatim.last"
    first = RateLimiter(1.0, stamp, clock=clock.time, sleep=clock.sleep)
    second = RateLimiter(1.0, stamp, clock=clock.time, sleep=clock.sleep)

    first.wait()
    clock.now += 0.4
    second.wait()

    assert clock.sleeps == pytest.approx([0.6])


def test_the_rate_limit_holds_across_real_processes(tmp_path: Path) -> None:
    stamp = tmp_path / "limit.last"
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from contested.core.http import RateLimiter
        limiter = RateLimiter(0.2, Path({str(stamp)!r}))
        for _ in range(3):
            limiter.wait()
            # The start the limiter recorded under its lock: what it promises to space out
            # (a time read after wait() returns can be late on a busy machine).
            print(repr(limiter._last_in_process), flush=True)
        """
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    starts = sorted(float(line) for p in processes for line in p.communicate(timeout=60)[0].split())

    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert len(starts) == 6
    assert min(gaps) >= 0.2 * 0.95


def test_a_garbled_stamp_file_does_not_block(tmp_path: Path) -> None:
    clock = FakeClock()
    stamp = tmp_path / "nominatim.last"
    stamp.write_text("not a time")

    RateLimiter(1.0, stamp, clock=clock.time, sleep=clock.sleep).wait()

    assert clock.sleeps == []


# --- config --------------------------------------------------------------------------------


# --- properties ----------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(body=st.binary(max_size=2048), url_tail=st.text(min_size=0, max_size=40))
def test_the_cache_returns_exactly_what_was_stored(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, url_tail: str
) -> None:
    cache = HttpCache(tmp_path_factory.mktemp("cache"))
    url = "http://127.0.0.1/" + url_tail
    cache.put(Fetched(url=url, body=body, content_type="application/json", fetched_at=time.time()))

    hit = cache.get(url, max_age_s=60)

    assert hit is not None and hit.body == body and hit.from_cache


@settings(max_examples=60, deadline=None)
@given(body=st.binary(min_size=1, max_size=512), data=st.data())
def test_a_damaged_cache_entry_is_a_miss_never_a_different_answer(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, data: st.DataObject
) -> None:
    cache = HttpCache(tmp_path_factory.mktemp("cache"))
    url = "http://127.0.0.1/x"
    stored = Fetched(url=url, body=body, content_type="application/json", fetched_at=1e9)
    path = cache.put(stored)
    raw = bytearray(path.read_bytes())
    position = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
    raw[position] ^= data.draw(st.integers(min_value=1, max_value=255))
    path.write_bytes(bytes(raw))

    hit = cache.get(url, max_age_s=60, now=1e9)

    # Either the damage is caught, or it was semantically void (JSON escapes the same text).
    assert hit is None or (hit.body, hit.content_type, hit.fetched_at) == (
        body,
        stored.content_type,
        1e9,
    )


@given(seconds=st.integers(min_value=0, max_value=10**6))
def test_retry_after_in_seconds_is_read_as_given(seconds: int) -> None:
    assert parse_retry_after(str(seconds)) == seconds


def test_retry_after_as_an_http_date_and_as_garbage() -> None:
    in_a_minute = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 60))
    assert 50 < parse_retry_after(in_a_minute) <= 61
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("-5") == 0.0


def test_json_errors_say_where_the_body_broke() -> None:
    from contested.core.http import parse_json

    with pytest.raises(SchemaError, match="line 2, column 1"):
        parse_json(b'{"a": 1,\n}')
    with pytest.raises(SchemaError, match="not UTF-8"):
        parse_json(b'{"a": "\xff"}')
    assert parse_json(json.dumps({"a": "\u0627"}).encode("utf-8-sig")) == {"a": "\u0627"}


def test_a_server_dripping_bytes_cannot_hold_a_request_past_the_deadline(
    server, tmp_path: Path
) -> None:
    from werkzeug import Response

    def drip(_request):
        def body():
            yield b"{"
            for _ in range(40):  # 1 byte every 0.2 s: each read is quick, the whole is not
                time.sleep(0.2)
                yield b" "
            yield b"}"
        return Response(body(), content_type="application/json")

    server.expect_request("/drip").respond_with_handler(drip)
    client = make_client(tmp_path / "cache", deadline_s=1.5)
    started = time.monotonic()
    with pytest.raises(NetworkError, match="no complete answer within 1.5 s"):
        client.get_json(server.url_for("/drip"))
    assert time.monotonic() - started < 4
    assert client.cache.entries() == []

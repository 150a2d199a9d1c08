"""The one polite HTTP client of contested: every online request goes through here.

contested is offline by default; this module is used only when the user asks for an online
source (``contested boundaries fetch``, ``contested resolve --online``). What it guarantees:

- one :class:`requests.Session`, a real User-Agent (``contested/<version> (+contact)``),
  connect and read timeouts on every request;
- retries with exponential backoff on connection errors, timeouts, 5xx and 429, honouring
  ``Retry-After`` up to a cap (a server asking for a longer wait gets it: we stop and say so);
- an optional :class:`RateLimiter` (Nominatim allows 1 request/s), shared across threads and,
  through a lock file, across processes;
- a response-size cap enforced while streaming, so a runaway body is cut after the cap;
- a content-type check (an HTML error page served with 200 is not JSON) and a caller-supplied
  schema check;
- an on-disk cache with expiry, written to a temp file and ``os.replace``d into place, each
  entry carrying the SHA-256 of its body, so a killed download or a truncated file is never
  trusted by the next run. Nothing is cached from a failed or invalid response.

- an overall deadline per request (connect, every retry and the whole body): a server that
  drips a byte every few seconds cannot hold a command longer than ``deadline_s``.

The retry loop is written here rather than left to urllib3's ``Retry``: that retries the
request, not a streamed body cut short or stalled halfway, and has no overall deadline.

Failures raise :class:`~contested.core.exceptions.NetworkError` (exit 4) naming the URL and what
to do. The client takes its settings as arguments (:meth:`PoliteClient.from_settings` reads
them from :class:`~contested.core.settings.Settings`); it reads no environment variable.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import requests
import urllib3

from contested.core.exceptions import NetworkError
from contested.core.http_cache import Fetched, HttpCache
from contested.core.json_limits import nesting_depth, refuse_constant
from contested.core.rate_limit import RateLimiter
from contested.core.settings import DEFAULT_CONTACT, Settings

__all__ = ["DAY_S", "JSON_TYPES", "Fetched", "HttpCache", "HttpStatusError", "PoliteClient",
           "RateLimiter", "RetryPolicy", "SchemaError", "parse_json", "parse_retry_after",
           "user_agent"]


DEFAULT_TIMEOUT_S = (5.0, 30.0)  # (connect, read)
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_DEADLINE_S = 120.0  # one request, retries and body included
# GeoJSON MultiPolygons nest 8 levels (collection, features, feature, geometry, coordinates,
# polygon, ring, position); no answer of the services contested asks nests deeper than 32.
MAX_JSON_DEPTH = 32
DAY_S = 24 * 3600.0
CHUNK_BYTES = 64 * 1024

# Media types a JSON answer may come with. GitHub raw (where geoBoundaries files live) says
# text/plain or octet-stream; an HTML page is never JSON.
JSON_TYPES = (
    "application/json",
    "application/geo+json",
    "application/vnd.geo+json",
    "text/json",
    "text/plain",
    "application/octet-stream",
)



def user_agent(contact: str = DEFAULT_CONTACT) -> str:
    """``contested/<version> (+<contact>)``: Nominatim's policy wants a real, reachable name."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        package_version = version("contested")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        package_version = "0"
    return f"contested/{package_version} (+{contact})"


# --- rate limit ----------------------------------------------------------------------------


# --- the client ----------------------------------------------------------------------------


class HttpStatusError(NetworkError):
    """The server answered with an error status that retrying will not fix (4xx but 429)."""

    def __init__(self, message: str, *, url: str, status: int) -> None:
        self.url = url
        self.status = status
        super().__init__(message)


class _Retry(Exception):
    """A transient failure: try again after ``delay_s`` (None: use the backoff)."""

    def __init__(self, reason: str, delay_s: float | None = None) -> None:
        self.reason = reason
        self.delay_s = delay_s
        super().__init__(reason)


class _DeadlineError(NetworkError):
    """The whole request took longer than the client's deadline."""

    def __init__(self, url: str, deadline_s: float, received: int | None = None) -> None:
        got = f" ({received:,} bytes received)" if received is not None else ""
        super().__init__(f"{url}: no complete answer within {deadline_s:g} s{got}; the "
                         "server is too slow: try again later (nothing was cached)")


class SchemaError(ValueError):
    """Raised by a validator: the body parsed but is not what the API promises."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How patient a client is: ``timeout_s`` (connect, read) per attempt, ``attempts`` with
    ``backoff_s * 2**n`` between them (capped), and ``deadline_s`` for one request, retries
    and body included."""

    timeout_s: tuple[float, float] = DEFAULT_TIMEOUT_S
    deadline_s: float = DEFAULT_DEADLINE_S
    attempts: int = 4
    backoff_s: float = 0.5
    max_backoff_s: float = 30.0
    max_retry_after_s: float = 120.0

    def backoff(self, attempt: int) -> float:
        return min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1))


class PoliteClient:
    """A requests session with timeouts, retries, a size cap, checks and a cache."""

    def __init__(
        self,
        *,
        cache: HttpCache,
        retry: RetryPolicy | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        contact: str = DEFAULT_CONTACT,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.cache = cache
        self.retry = retry or RetryPolicy()
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = user_agent(contact)
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        self.max_bytes = max_bytes
        self._sleep = sleep

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> PoliteClient:
        """A client with the cache dir, contact and size cap of ``settings``."""
        return cls(cache=HttpCache(settings.cache_dir / "http"), contact=settings.contact,
                   max_bytes=settings.http_max_bytes, **options)

    def close(self) -> None:
        self.session.close()

    @staticmethod
    def prepared_url(url: str, params: Mapping[str, Any] | None = None) -> str:
        """The URL a GET sends (with its query), which is also its cache key."""
        return requests.Request("GET", url, params=params).prepare().url or url

    def get(
        self,
        url: str,
        *,
        accept: Iterable[str] = JSON_TYPES,
        max_bytes: int | None = None,
        max_age_s: float = 7 * DAY_S,
        validate: Callable[[bytes], None] | None = None,
        rate_limiter: RateLimiter | None = None,
    ) -> Fetched:
        """GET ``url`` (query included: :meth:`prepared_url`): from the cache if fresh, else
        from the server with retries. ``validate(body)`` raises :class:`SchemaError` for a
        body the caller cannot use; only a body that passed every check is cached."""
        full_url = self.prepared_url(url)
        cached = self.cache.get(full_url, max_age_s)
        if cached is not None:
            # Re-check: the entry is intact, but a validator may be stricter than the
            # one that admitted it (a newer contested); a failure is a cache miss.
            try:
                if validate is not None:
                    validate(cached.body)
                return cached
            except SchemaError:
                pass
        deadline = time.monotonic() + self.retry.deadline_s
        fetched = self._fetch_with_retries(full_url, tuple(accept),
                                           max_bytes or self.max_bytes, rate_limiter, deadline)
        if validate is not None:
            try:
                validate(fetched.body)
            except SchemaError as error:
                raise NetworkError(
                    f"{full_url} answered, but not with what was expected: {error} "
                    "(is the URL a mirror of the right service? nothing was cached)"
                ) from None
        self.cache.put(fetched)
        return fetched

    def get_json(
        self,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        schema: Callable[[Any], None] | None = None,
        **options: Any,
    ) -> tuple[Any, Fetched]:
        """GET and parse JSON; ``schema(data)`` raises :class:`SchemaError` for the wrong shape.
        Returns the parsed data and the :class:`Fetched` it came from."""
        parsed: list[Any] = []

        def validate(body: bytes) -> None:
            parsed.clear()
            data = parse_json(body)
            if schema is not None:
                schema(data)
            parsed.append(data)

        fetched = self.get(self.prepared_url(url, params), validate=validate, **options)
        return parsed[0], fetched

    # -- internals --

    def _fetch_with_retries(
        self,
        url: str,
        accept: tuple[str, ...],
        max_bytes: int,
        rate_limiter: RateLimiter | None,
        deadline: float,
    ) -> Fetched:
        reasons: list[str] = []
        for attempt in range(1, self.retry.attempts + 1):
            if rate_limiter is not None:
                rate_limiter.wait()
            try:
                return self._fetch_once(url, accept, max_bytes, deadline)
            except _Retry as transient:
                reasons.append(transient.reason)
                if attempt == self.retry.attempts:
                    break
                delay_s = transient.delay_s
                if delay_s is None:
                    delay_s = self.retry.backoff(attempt)
                elif delay_s > self.retry.max_retry_after_s:
                    raise NetworkError(
                        f"{url}: {transient.reason}; the server asks to wait {delay_s:.0f} s, "
                        f"longer than contested waits ({self.retry.max_retry_after_s:.0f} s): "
                        "try again later"
                    ) from None
                if time.monotonic() + delay_s > deadline:
                    break
                self._sleep(delay_s)
        raise NetworkError(
            f"{url}: failed after {self.retry.attempts} attempts ({_summarise(reasons)}); "
            "check your connection or the service status and try again later, "
            "or point CONTESTED_*_URL at a mirror"
        )

    def _fetch_once(self, url: str, accept: tuple[str, ...], max_bytes: int,
                    deadline: float) -> Fetched:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _DeadlineError(url, self.retry.deadline_s)
        connect_s, read_s = self.retry.timeout_s
        timeout = (min(connect_s, remaining), min(read_s, remaining))
        try:
            response = self.session.get(url, stream=True, timeout=timeout)
        except requests.Timeout:
            raise _Retry(f"no answer within {read_s:g} s") from None
        except requests.ConnectionError as error:
            raise _Retry(f"connection failed: {_root_cause(error)}") from None
        except requests.RequestException as error:
            raise NetworkError(f"{url}: request failed: {_short(error)}") from None
        with response:
            status = response.status_code
            if status == 429 or status >= 500:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                raise _Retry(f"HTTP {status} {response.reason or ''}".rstrip(), retry_after)
            if status >= 400:
                raise HttpStatusError(
                    f"{url}: HTTP {status} {response.reason or ''}".rstrip()
                    + "; check the request (code, level or name) and the base URL",
                    url=url,
                    status=status,
                )
            content_type = _media_type(response.headers.get("Content-Type", ""))
            if content_type and content_type not in accept:
                what = "an HTML page" if "html" in content_type else f"'{content_type}'"
                raise NetworkError(
                    f"{url} returned {what} (HTTP {status}), not one of {', '.join(accept)}: "
                    "probably an error or login page; check the URL or the mirror "
                    "(nothing was cached)"
                )
            body = self._read_capped(response, url, max_bytes, deadline)
        return Fetched(url=url, body=body, content_type=content_type, fetched_at=time.time())

    def _read_capped(self, response: requests.Response, url: str, max_bytes: int,
                     deadline: float) -> bytes:
        declared = response.headers.get("Content-Length")
        declared_bytes = int(declared) if declared and declared.isdigit() else None
        if declared_bytes is not None and declared_bytes > max_bytes:
            raise NetworkError(_too_big(url, max_bytes, f"it declares {declared_bytes:,} bytes"))
        chunks: list[bytes] = []
        received = 0
        try:
            # read1: one socket read at a time, so the deadline is checked however slowly
            # the server sends (iter_content waits for a whole chunk).
            while chunk := response.raw.read1(CHUNK_BYTES, decode_content=True):
                if time.monotonic() > deadline:
                    raise _DeadlineError(url, self.retry.deadline_s, received)
                received += len(chunk)
                if received > max_bytes:
                    raise NetworkError(_too_big(url, max_bytes, "the download was stopped there"))
                chunks.append(chunk)
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.DecodeError) as error:
            raise _Retry(f"body cut short ({_root_cause(error)})") from None
        except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
            raise _Retry(f"body stalled after {received:,} bytes") from None
        except NetworkError:
            raise  # too big or past the deadline (a NetworkError is an OSError too)
        except OSError as error:
            raise _Retry(
                f"connection lost after {received:,} bytes: {_root_cause(error)}"
            ) from None
        body = b"".join(chunks)
        encoded = response.headers.get("Content-Encoding", "identity").lower()
        if declared_bytes is not None and encoded == "identity" and len(body) < declared_bytes:
            raise _Retry(f"body cut short: {len(body):,} of {declared_bytes:,} bytes")
        return body


def parse_json(body: bytes) -> Any:
    """Parse a JSON body, raising :class:`SchemaError` that says where it broke."""
    stripped = body.lstrip()
    if stripped[:1] == b"<":
        raise SchemaError("the body is HTML or XML, not JSON")
    try:
        data = json.loads(body.decode("utf-8-sig"), parse_constant=refuse_constant)
    except UnicodeDecodeError as error:
        raise SchemaError(f"the body is not UTF-8 (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise SchemaError(
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise SchemaError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None
    except ValueError as error:  # an integer of more than 4,300 digits; NaN, Infinity
        raise SchemaError(f"not JSON a client can use: {str(error)[:80]}") from None
    if nesting_depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise SchemaError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    return data


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date); None if
    absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


def _too_big(url: str, max_bytes: int, detail: str) -> str:
    return (
        f"{url}: response larger than the {max_bytes / 1024 / 1024:g} MB cap ({detail}); "
        "if the file is really that large, raise CONTESTED_HTTP_MAX_MB (nothing was cached)"
    )


def _summarise(reasons: list[str]) -> str:
    # "HTTP 503 ×3; connection failed: ..." rather than the same words four times.
    counts: dict[str, int] = {}
    for reason in reasons:
        counts[reason] = counts.get(reason, 0) + 1
    return "; ".join(f"{r} ×{n}" if n > 1 else r for r, n in counts.items())


def _root_cause(error: BaseException) -> str:
    """The innermost reason of a requests/urllib3 error ("Connection refused"), not the
    wrapper's repr of a connection pool."""
    cause: BaseException = error
    for _ in range(8):
        reason = getattr(cause, "reason", None)
        inner = (
            reason
            if isinstance(reason, BaseException)
            else cause.args[0]
            if cause.args and isinstance(cause.args[0], BaseException)
            else cause.__cause__ or cause.__context__
        )
        if inner is None or inner is cause:
            break
        cause = inner
    text = str(cause)
    if text.startswith("<") and ">: " in text:  # "<HTTPConnection object at 0x..>: ..."
        text = text.split(">: ", 1)[1]
    return _short(text or type(cause).__name__)


def _short(error: BaseException | str) -> str:
    text = str(error)
    return text if len(text) <= 160 else text[:157] + "..."

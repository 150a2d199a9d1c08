"""A shared pace for requests to one server: threads of a process and, through a lock file,
processes of a user (Nominatim allows one request a second)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:  # POSIX: serialise the rate limit across processes; elsewhere threads only.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class RateLimiter:
    """At most one request per ``min_interval_s``, across threads and (with ``stamp_path``)
    across processes: the time of the last request is kept in a small file under an
    exclusive lock, so two ``contested`` processes never hit a server faster than allowed."""

    def __init__(
        self,
        min_interval_s: float,
        stamp_path: Path | None = None,
        *,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_interval_s = min_interval_s
        self.stamp_path = stamp_path
        self._clock = clock
        self._sleep = sleep
        self._thread_lock = threading.Lock()
        self._last_in_process = float("-inf")

    def wait(self) -> float:
        """Block until a request may start, record its start, and return the seconds slept."""
        with self._thread_lock:
            if self.stamp_path is None or fcntl is None:
                return self._wait_after(self._last_in_process, None)
            self.stamp_path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.stamp_path, "a+") as stamp:
                fcntl.flock(stamp, fcntl.LOCK_EX)
                try:
                    stamp.seek(0)
                    try:
                        last = float(stamp.read().strip() or "-inf")
                    except ValueError:  # a garbled stamp only means "no recent request"
                        last = float("-inf")
                    return self._wait_after(max(last, self._last_in_process), stamp)
                finally:
                    fcntl.flock(stamp, fcntl.LOCK_UN)

    def _wait_after(self, last: float, stamp: Any) -> float:
        now = self._clock()
        # A stamp in the future (clock stepped back) must not block for long.
        delay = min(max(0.0, last + self.min_interval_s - now), self.min_interval_s)
        if delay > 0:
            self._sleep(delay)
        started = self._clock() if delay > 0 else now
        self._last_in_process = started
        if stamp is not None:
            stamp.seek(0)
            stamp.truncate()
            stamp.write(repr(started))
            stamp.flush()
        return delay

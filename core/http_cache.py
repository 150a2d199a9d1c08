"""The HTTP client's on-disk cache: one file per URL, checked on every read.

An entry is a JSON header line (URL, content type, time, size, and a SHA-256 over header and
body) then the body, written to a temp file and moved into place: a killed download or a
truncated file is never trusted by the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contested.core.files import write_bytes_atomic

_CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response body that passed every check (fresh from the server or from the cache)."""

    url: str
    body: bytes
    content_type: str
    fetched_at: float
    from_cache: bool = False


class HttpCache:
    """Response bodies on disk, one file per URL: a JSON header line (URL, content type, time,
    size, and a SHA-256 over header and body) then the body. Entries are written to a temp
    file and moved into place; an entry whose size or hash does not match is deleted and
    treated as absent."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    @staticmethod
    def key(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8")).hexdigest()

    def path_for(self, url: str) -> Path:
        return self.directory / f"{self.key(url)}.entry"

    def get(self, url: str, max_age_s: float, *, now: float | None = None) -> Fetched | None:
        """The cached body of ``url`` if present, intact and younger than ``max_age_s``."""
        path = self.path_for(url)
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        header_line, _, body = raw.partition(b"\n")
        try:
            header = json.loads(header_line)
            intact = (
                header.get("format") == _CACHE_FORMAT
                and header.get("url") == url
                and header.get("size") == len(body)
                and header.get("sha256") == _entry_digest(header, body)
            )
        except (ValueError, AttributeError, TypeError):
            intact = False
        if not intact:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        age_s = (time.time() if now is None else now) - float(header["fetched_at"])
        if age_s > max_age_s:
            return None
        return Fetched(
            url=url,
            body=body,
            content_type=header.get("content_type", ""),
            fetched_at=float(header["fetched_at"]),
            from_cache=True,
        )

    def put(self, fetched: Fetched) -> Path:
        """Store a checked response atomically; return the entry's path."""
        self.directory.mkdir(parents=True, exist_ok=True)
        header = {
            "format": _CACHE_FORMAT,
            "url": fetched.url,
            "content_type": fetched.content_type,
            "fetched_at": fetched.fetched_at,
            "size": len(fetched.body),
        }
        header["sha256"] = _entry_digest(header, fetched.body)
        target = self.path_for(fetched.url)
        header_line = json.dumps(header, sort_keys=True, separators=(",", ":"))
        write_bytes_atomic(target, header_line.encode("utf-8") + b"\n" + fetched.body)
        return target

    def forget(self, url: str) -> None:
        """Drop the entry of ``url`` (a body that proved unusable later on)."""
        with contextlib.suppress(FileNotFoundError):
            self.path_for(url).unlink()

    def entries(self) -> list[Path]:
        """Every committed entry (temp files of interrupted writes excluded)."""
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob("*.entry"))


def _entry_digest(header: dict[str, Any], body: bytes) -> str:
    # The digest covers the header fields too: a damaged time or type is as untrustworthy
    # as a damaged body.
    fields = {key: value for key, value in header.items() if key != "sha256"}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical + b"\n" + body).hexdigest()

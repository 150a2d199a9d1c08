"""Progress of a corpus run on stderr: partitions done, documents a second, time left.

Shown only when stderr is a terminal and the run does not print JSON (a pipe, a log file
and CI get the closing summary alone).
"""

from __future__ import annotations

import sys
import time
from typing import Any


class Progress:
    """A tqdm bar over the slices of a run (disabled: does nothing)."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.documents = 0
        self.started = time.perf_counter()
        self._bar: Any = None
        if enabled and total:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="part", file=sys.stderr, dynamic_ncols=True,
                             desc="extracting", smoothing=0.1)

    def done(self, documents: int) -> None:
        """One slice finished with ``documents`` documents read."""
        self.documents += documents
        if self._bar is not None:
            rate = self.documents / max(time.perf_counter() - self.started, 1e-9)
            self._bar.set_postfix_str(f"{self.documents:,} docs, {rate:,.0f} docs/s",
                                      refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def wanted(as_json: bool) -> bool:
    """A bar only for a person watching: stderr a terminal, no --json."""
    return not as_json and sys.stderr.isatty()

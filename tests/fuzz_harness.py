"""Run ``contested`` in-process (click's CliRunner) and judge one run by the adversarial rule:
an exit code in the documented set, no traceback, no hang, nothing left behind on failure,
no control character reaching the terminal, and no silent misread (exit 0 on an input that
must be refused). Counts go to :data:`STATS`, which ``CONTESTED_FUZZ_REPORT`` writes out as
the figures of a fuzz run."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner
from fuzz_inputs import CONTROL_ON_TERMINAL

from contested.cli import cli

EXIT_CODES = {0, 1, 2, 3, 4}
HANG_S = 120.0  # a run this long is a hang (no test asserts a tighter wall time)


class Hang(Exception):
    """Raised inside a command that ran past HANG_S."""


@dataclass
class Stats:
    """What a fuzz run did, for its report."""

    inputs: int = 0
    commands: int = 0
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    misreads: list[str] = field(default_factory=list)
    slowest_s_per_kb: float = 0.0
    slowest_input: str = ""
    by_command: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"inputs_generated": self.inputs, "commands_run": self.commands,
                "tracebacks": len(self.tracebacks), "hangs": len(self.hangs),
                "silent_misreads": len(self.misreads),
                "slowest_cpu_s_per_kb": round(self.slowest_s_per_kb, 4),
                "slowest_input": self.slowest_input, "commands": self.by_command,
                "examples": (self.tracebacks + self.hangs + self.misreads)[:20]}


STATS = Stats()


@contextmanager
def hang_guard(seconds: float = HANG_S) -> Iterator[None]:
    """Raise :class:`Hang` inside the block after ``seconds`` (main thread only)."""
    def alarm(signum, frame):  # type: ignore[no-untyped-def]
        raise Hang(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    exit_code: int
    output: str
    exception: BaseException | None
    cpu_s: float


def invoke(args: Sequence[str], *, stdin: bytes | None = None,
           env: dict[str, str] | None = None) -> Run:
    """One command, in-process, with a hang guard; counted in STATS (and the report written
    every 50 commands, so a long run stopped early still has its figures)."""
    STATS.commands += 1
    if STATS.commands % 50 == 0:
        write_report()
    name = " ".join(args[:2]) if args[0] == "boundaries" else args[0]
    STATS.by_command[name] = STATS.by_command.get(name, 0) + 1
    started = time.process_time()
    with hang_guard():
        result = CliRunner().invoke(cli, list(args), input=stdin, env=env)
    return Run(tuple(args), result.exit_code, result.output, result.exception,
               time.process_time() - started)


def judge(run: Run, *, label: str, allowed: set[int] = EXIT_CODES,
          out_dir: Path | None = None, size: int = 0) -> list[str]:
    """The parts of the rule ``run`` broke (empty: it kept them all); counted in STATS."""
    problems: list[str] = []
    where = f"{label}: contested {' '.join(a[-40:] for a in run.args)}"
    if isinstance(run.exception, Hang):
        STATS.hangs.append(where)
        problems.append("hang")
    elif run.exception is not None and not isinstance(run.exception, SystemExit):
        STATS.tracebacks.append(f"{where}: {type(run.exception).__name__}: {run.exception}"[:300])
        problems.append(f"traceback {type(run.exception).__name__}: {run.exception}"[:300])
    if run.exit_code not in allowed:
        if run.exit_code == 0 and 0 not in allowed:
            STATS.misreads.append(where)
        problems.append(f"exit {run.exit_code}, expected one of {sorted(allowed)}")
    raw = sorted({repr(c) for c in run.output if c in CONTROL_ON_TERMINAL})
    if raw:
        problems.append(f"control characters on the terminal: {', '.join(raw[:5])}")
    if out_dir is not None and run.exit_code != 0:
        left = sorted(os.listdir(out_dir))
        if left:
            problems.append(f"left {left[:3]} after failing")
    if size:
        per_kb = run.cpu_s / max(size / 1024, 1.0)
        if per_kb > STATS.slowest_s_per_kb:
            STATS.slowest_s_per_kb, STATS.slowest_input = per_kb, where[:120]
    return [f"{where}: {problem}" for problem in problems]


def write_report() -> None:
    """Write STATS as JSON to $CONTESTED_FUZZ_REPORT (when set)."""
    target = os.environ.get("CONTESTED_FUZZ_REPORT")
    if target:
        Path(target).write_text(json.dumps(STATS.to_dict(), indent=1) + "\n", encoding="utf-8")

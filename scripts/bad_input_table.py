"""Run the bad-input table of tests/test_bad_input.py and print what every row got, as markdown.

    /work/venv/bin/python scripts/bad_input_table.py > bad_input_table.md

One table per command. Columns: the row, the command line (inputs by file name), the exit
code expected and got, whether the row passes the rule (✓: exit code, stderr names the input,
no traceback, nothing on stdout, no output file left), and the first line of stderr. Rows
marked xfail in the test file are known failures of the command, listed with their reason.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from test_bad_input import CASES, first_line, prepare, run_case, verdict  # noqa: E402


def _cell(text: str) -> str:
    # Surrogates (an undecodable argv byte) and escape codes would make the markdown binary.
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text.replace("|", "\\|")


def _shown(arg: str, folder: str) -> str:
    arg = arg.replace("{d}/", "").replace(folder + "/", "")
    return arg if len(arg) <= 40 else arg[:20] + f"…({len(arg):,} chars)"


def _command(row) -> str:
    return row.args[0] if row.args[0] != "boundaries" else " ".join(row.args[:2])


def main() -> int:
    """One table per command (rows grouped), then the HTTP faults."""
    failures = 0
    groups: dict[str, list[str]] = {}
    for row in CASES:
        with tempfile.TemporaryDirectory(prefix="contested-bad-input-") as name:
            folder = Path(name)
            prepare(folder)  # a fresh folder per row, as in the test
            outcome = run_case(row, folder)
            problems = verdict(row, outcome, folder)
            command = " ".join(_shown(arg, str(folder)) for arg in row.args)
            if not problems:
                rule = "✓" + (" (xfail is stale!)" if row.xfail else "")
            else:
                failures += 1
                rule = "FAIL: " + "; ".join(problems) + (" (known, xfail)" if row.xfail else "")
            stderr = first_line(outcome.stderr.replace(str(folder) + "/", ""), 100)
            groups.setdefault(_command(row), []).append(
                f"| {_cell(row.id)} | `{_cell(command)}` | {row.exit_code} / {outcome.exit_code}"
                f" | {_cell(rule)} | {_cell(stderr)} |")
    for command, rows in groups.items():
        print(f"**{command}**\n")
        print("| input | command line | exit expected / got | rule | stderr (first line) |")
        print("|---|---|---|---|---|")
        print("\n".join(rows) + "\n")
    print(f"{len(CASES)} inputs, {len(CASES) - failures} pass the rule, {failures} do not.")
    print()
    online_faults()
    return 0


def online_faults() -> None:
    """The HTTP faults of tests/test_http.py against a local server: message, what was
    cached, and whether the good request after the fault worked (and was cached)."""
    from _online import CAP_BYTES, make_client, release_slow_handlers
    from pytest_httpserver import HTTPServer
    from test_http import FAULTS, GOOD, wants_features

    from contested.core.exceptions import NetworkError

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    print("| fault (127.0.0.1) | exit | message | cached after fault | good request after |")
    print("|---|---|---|---|---|")
    try:
        for name, (handler, _words, _transient) in FAULTS.items():
            server.clear()
            with tempfile.TemporaryDirectory(prefix="contested-http-") as cache_name:
                client = make_client(Path(cache_name), attempts=3)
                url = server.url_for("/data.json")
                server.expect_request("/data.json").respond_with_handler(handler)
                try:
                    client.get_json(url, schema=wants_features, max_bytes=CAP_BYTES)
                    exit_code, message = 0, "(no error!)"
                except NetworkError as error:
                    exit_code, message = error.exit_code, str(error).replace(url, "URL")
                cached = len(list(Path(cache_name).rglob("*")))
                release_slow_handlers()
                server.clear()
                server.expect_request("/data.json").respond_with_json(GOOD)
                data, _ = client.get_json(url, schema=wants_features, max_bytes=CAP_BYTES)
                after = "ok, cached" if data == GOOD and client.cache.entries() else "FAILED"
            print(
                f"| {name} | {exit_code} | {_cell(first_line(message, 120))} | "
                f"{cached} files | {after} |"
            )
    finally:
        release_slow_handlers()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())

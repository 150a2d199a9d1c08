"""What contested writes cannot be turned against its reader: terminals see escaped control
characters, spreadsheets see text not formulas, special files are never overwritten, a
killed run's temp files go on the next run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from contested.claims.claim_files import load_claims, save_claims
from contested.claims.model import Claim, Stated
from contested.cli import cli
from contested.core.exceptions import ClaimsFileError, InputError
from contested.core.files import check_writable_target, sweep_leftovers, write_text_atomic
from contested.core.text import printable

HOSTILE = "Mosul\x1b[2J\x1b]0;owned\x07\u202e"


def test_control_characters_are_written_out_not_sent():
    shown = printable(HOSTILE)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.startswith("Mosul\\x1b[2J")
    assert printable("two\nlines\ttab") == "two\nlines\ttab"
    assert printable("two\nlines", newlines=False) == "two\\nlines"


def test_a_hostile_quote_reaches_neither_the_terminal_nor_the_report(tmp_path):
    import json

    claims = tmp_path / "claims.jsonl"
    record = {"id": f"a{HOSTILE}", "km2": 41000, "kind": "liberated", "quote": HOSTILE,
              "source": HOSTILE, "actor": HOSTILE, "scope": "Iraq", "date": "2017-09"}
    claims.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = tmp_path / "report.md"
    result = CliRunner().invoke(cli, ["ledger", str(claims)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    result = CliRunner().invoke(cli, ["check", str(claims), "--report", str(report),
                                      "--fail-on", "never"])
    assert "\x1b" not in result.output
    for name in ("report.md",):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text


def test_an_error_quoting_a_hostile_argument_is_escaped(tmp_path):
    run = subprocess.run([sys.executable, "-m", "contested", "resolve", f"Zzyzx{HOSTILE}"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (2, 3)
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0",
                                  "+1+1", "-2+3", "@SUM(A1)", "'quoted"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_and_read_back(tmp_path, cell):
    path = tmp_path / "claims.csv"
    save_claims([Claim(id="a", stated=(Stated(10, "km2", 10.0),), quote=cell, source=cell)],
                path)
    text = path.read_text(encoding="utf-8")
    assert f",{cell[:1]}" not in text.replace(",'", ",") or "'" + cell[:1] in text
    for line in text.splitlines()[1:]:
        for raw in line.split(","):
            assert not raw.startswith(("=", "+", "@")), raw
    [claim] = load_claims(path)
    assert (claim.quote, claim.source) == (cell, cell)


def test_special_files_are_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        check_writable_target(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        check_writable_target("/dev/null")
    assert fifo.exists() and not fifo.is_file()


def test_an_output_name_over_255_bytes_is_refused_before_any_work(tmp_path):
    with pytest.raises(InputError, match="longer than 255 bytes"):
        check_writable_target(tmp_path / ("x" * 300 + ".html"))
    result = CliRunner().invoke(cli, ["map", "contested/data/example_claims.yaml", "-o",
                                      str(tmp_path / ("é" * 200 + ".html"))])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_killed_writers_temp_files_are_swept_by_the_next_write(tmp_path):
    killed = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                            capture_output=True, text=True, check=True)
    dead_pid = int(killed.stdout)
    leftover = tmp_path / f".contested-{dead_pid}-abc.tmp"
    leftover.mkdir()
    (leftover / "map.html").write_text("half", encoding="utf-8")
    probe = tmp_path / f".contested-{dead_pid}-xyz.probe"
    probe.write_text("", encoding="utf-8")
    mine = tmp_path / f".contested-{os.getpid()}-live.tmp"
    mine.mkdir()
    write_text_atomic(check_writable_target(tmp_path / "out.txt"), "whole")
    assert not leftover.exists() and not probe.exists()
    assert mine.exists()  # a running process's work is left alone
    assert sweep_leftovers(tmp_path) == []


def test_unpaired_surrogates_in_a_claims_file_are_refused(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text('{"id": "a", "km2": 10, "quote": "caf\\udce9"}\n', encoding="utf-8")
    with pytest.raises(ClaimsFileError, match="surrogate"):
        load_claims(path)


@pytest.mark.parametrize("date", ["2017-13-45", "2017-02-30", "yesterday"])
def test_an_impossible_date_option_is_refused(tmp_path, date):
    article = tmp_path / "a.txt"
    article.write_text("Iraqi forces retook 3,000 square kilometers.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--date", date])
    assert result.exit_code == 2


def test_a_quote_mentioning_css_urls_does_not_stop_an_offline_map(tmp_path):
    from contested.maps.offline import remote_references

    claims = tmp_path / "claims.yaml"
    claims.write_text('- id: a\n  km2: 100\n  kind: held\n  scope: Iraq\n'
                      '  quote: "see url(//example.org) and @import desk"\n'
                      '  source: "Reuters @import desk L.tileLayer("\n', encoding="utf-8")
    out = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", str(claims), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert remote_references(out.read_text(encoding="utf-8")) == []
    page = '<style>@import "https://x.org/a.css";</style><script>L.tileLayer("t")</script>'
    assert len(remote_references(page)) == 2  # what the page itself loads still counts

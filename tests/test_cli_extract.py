"""`contested extract`: JSON Lines out, clear errors for bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contested.cli import main


def _run(argv, capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        import io

        class _Stdin:
            buffer = io.BytesIO(stdin)

        monkeypatch.setattr(sys, "stdin", _Stdin())
    code = 0
    try:
        main(argv)
    except SystemExit as exit_:
        code = exit_.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_lines_one_object_per_claim(tmp_path: Path, capsys) -> None:
    article = tmp_path / "wire.txt"
    article.write_text("Iraqi forces retook 1,200 sq km near Mosul. IS still holds 300 sq km.",
                       encoding="utf-8")
    code, out, _ = _run(["extract", str(article), "--json", "--no-gazetteer",
                         "--date", "2017-03-01"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["wire.txt:1", "wire.txt:2"]
    assert records[0]["km2"] == 1200 and records[0]["kind"] == "liberated"
    assert records[0]["date"] == "2017-03-01"
    text = article.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["quote"] for r in records)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty input"), (b"abc\x00def", "binary data")],
)
def test_bad_input_is_a_message_and_exit_2(tmp_path: Path, capsys, data, message) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    code, out, err = _run(["extract", str(path), "--no-gazetteer"], capsys)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert out == ""


def test_non_utf8_bytes_are_replaced_with_a_warning(tmp_path: Path, capsys) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("IS holds 40,000 sq km in Syria, caf\xe9.".encode("latin-1"))
    code, out, err = _run(["extract", str(path), "--json", "--no-gazetteer"], capsys)
    assert code == 0
    assert "not UTF-8" in err
    assert json.loads(out)["km2"] == 40000


def test_stdin_is_read_when_file_is_dash(capsys, monkeypatch) -> None:
    code, out, _ = _run(["extract", "-", "--json", "--no-gazetteer"], capsys,
                        stdin=b"IS holds 5 sq km.", monkeypatch=monkeypatch)
    assert code == 0
    assert json.loads(out)["id"] == "stdin:1"


def test_a_missing_file_is_a_usage_error(capsys) -> None:
    code, _, err = _run(["extract", "/no/such/file.txt", "--no-gazetteer"], capsys)
    assert code == 2
    assert "file.txt" in err


def test_offsets_stay_global_across_streamed_chunks(tmp_path: Path) -> None:
    from contested.claims.extract import extract_file

    paragraph = "Officials said nothing of note today.\n\n" * 200
    text = paragraph + "IS holds 7 sq km in Syria.\n\n" + paragraph + "IS lost 9 sq km.\n"
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    claims = list(extract_file(str(path), gazetteer=None, chunk_chars=2000))
    assert [c.km2 for c in claims] == [7, 9]
    assert [c.id for c in claims] == ["long.txt:1", "long.txt:2"]
    assert all(text[c.start:c.end] == c.quote for c in claims)


def test_help_has_examples() -> None:
    result = subprocess.run([sys.executable, "-m", "contested", "extract", "--help"],
                            capture_output=True, text=True, check=False)
    assert "Examples" in result.stdout

"""`contested resolve` and `contested gazetteer`: output, exit codes, messages."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from contested.cli import cli


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_json_prints_one_object_per_name(gazetteer) -> None:
    result = _run("resolve", "Hawija", "الحويجة", "Kirkuk province", "--json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in records] == ["Hawija", "الحويجة", "Kirkuk province"]
    assert records[0]["id"] == records[1]["id"] == "geonames:390188"
    assert records[2]["kind"] == "governorate"
    assert {"score", "precision", "alternatives", "admin1"} <= set(records[0])


def test_plain_output_is_one_readable_line_per_name(gazetteer) -> None:
    result = _run("resolve", "Mosul", "western Anbar")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "Mosul" in lines[0] and "36.33500" in lines[0] and "point" in lines[0]
    assert "[west]" in lines[1]


def test_unknown_name_exits_3_and_prints_a_line_for_each_name(gazetteer) -> None:
    result = _run("resolve", "Mosul", "Qwxzvbnm", "--json")
    assert result.exit_code == 3
    found, unknown = (json.loads(line) for line in result.stdout.splitlines())
    assert found["id"] == "geonames:99072"
    assert set(unknown) == {"query", "error", "suggestions"}
    assert unknown["query"] == "Qwxzvbnm" and "unknown place" in unknown["error"]
    assert "unknown place 'Qwxzvbnm'" in result.stderr


def test_misspelling_gets_did_you_mean(gazetteer) -> None:
    result = _run("resolve", "Mosulxqz")
    if result.exit_code == 3:
        assert "did you mean" in result.stderr
    else:
        assert "Mosul" in result.stdout


def test_empty_name_exits_2(gazetteer) -> None:
    result = _run("resolve", "  ", "--json")
    assert result.exit_code == 2
    assert "empty place name" in result.stderr
    assert result.stdout == ""


def test_bad_country_is_a_usage_error(gazetteer) -> None:
    result = CliRunner().invoke(cli, ["resolve", "Mosul", "--country", "Iraq"])
    assert result.exit_code != 0
    assert result.stdout == ""


def test_near_and_country_hints(gazetteer) -> None:
    result = _run("resolve", "Sinjar", "--country", "SY", "--json")
    assert json.loads(result.stdout)["country"] == "SY"
    result = _run("resolve", "Sinjar", "--near", "36.3,41.9", "--json")
    assert json.loads(result.stdout)["country"] == "IQ"


def test_command_line_exit_codes_end_to_end(gazetteer) -> None:
    ok = subprocess.run([sys.executable, "-m", "contested", "resolve", "Mosul", "--json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["id"] == "geonames:99072"
    bad = subprocess.run([sys.executable, "-m", "contested", "resolve", "Mosul", "--near", "x"],
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert "--near" in bad.stderr


def test_gazetteer_info_and_build(gazetteer) -> None:
    info = _run("gazetteer", "info", "--json")
    assert info.exit_code == 0
    record = json.loads(info.stdout)
    assert record["status"] == "ok" and record["places"] > 1000
    build = _run("gazetteer", "build", "--json")
    assert build.exit_code == 0
    assert json.loads(build.stdout)["built"] is False


def test_two_joined_names_exit_3_naming_each(gazetteer) -> None:
    result = _run("resolve", "Iraq and Syria", "--json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["suggestions"] == ["Iraq", "Syria"]
    assert "did you mean 'Iraq', 'Syria'" in result.stderr


def test_a_country_resolves_with_country_precision(gazetteer) -> None:
    result = _run("resolve", "Syria", "--json")
    assert json.loads(result.stdout)["precision"] == "country"

"""contested check: JSON Lines, table, report, exit codes, tolerance options."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import contested.cli.check as check_module
from contested.claims.model import Claim, Comparison, Stated
from contested.cli import cli
from contested.resolution import resolve_claims


def km2_claim(claim_id: str, *figures: tuple[float, str, float], **fields) -> Claim:
    return Claim(id=claim_id, stated=tuple(Stated(*f) for f in figures), **fields)


GOOD = km2_claim("good.yaml:1", (41000, "km2", 41000), (15800, "sq mi", 40921.8123))
WRONG = km2_claim("wrong.yaml:1", (40000, "km2", 40000), (25000, "sq mi", 64749.7))
LOOSE = km2_claim("loose.yaml:1", (24000, "km2", 24000),
                  comparison=Comparison(("Belgium",)), quote="<script>alert(1)</script>")


@pytest.fixture
def loaded(monkeypatch):
    """Stand-in for contested.claims.claim_files.load_claims: the file name picks the claims."""
    table = {"good.yaml": [GOOD], "wrong.yaml": [WRONG], "loose.yaml": [LOOSE]}

    def fake_load(paths, skip_unresolved=False, units=None, **_document):
        claims = [claim for path in paths for claim in table[path.rsplit("/", 1)[-1]]]
        return resolve_claims(claims, gazetteer=None)

    monkeypatch.setattr(check_module, "load_resolved_claims", fake_load)


def invoke(*args: str):
    return CliRunner().invoke(cli, ["check", *args])


def test_json_prints_one_finding_per_line_and_nothing_else(loaded) -> None:
    result = invoke("good.yaml", "wrong.yaml", "--json")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["consistent", "inconsistent"]
    assert set(records[0]) == {"rule", "verdict", "claims", "expected", "observed", "ratio",
                               "message", "reference", "reference_id", "sources"}
    assert result.exit_code == 1


def test_all_consistent_exits_zero_and_prints_a_table(loaded) -> None:
    result = invoke("good.yaml")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header == ["rule", "verdict", "claims", "message"]
    assert "0.19% apart" in result.stdout


def test_fail_on_never_and_loose(loaded) -> None:
    assert invoke("wrong.yaml", "--fail-on", "never").exit_code == 0
    assert invoke("loose.yaml").exit_code == 0
    assert invoke("loose.yaml", "--fail-on", "loose").exit_code == 1


def test_tolerance_option_and_config_file(loaded, tmp_path) -> None:
    assert invoke("loose.yaml", "--fail-on", "loose", "--tolerance", "comparison=0.3"
                  ).exit_code == 0
    config = tmp_path / "contested.toml"
    config.write_text("[tolerance]\ncomparison = 0.3\n", encoding="utf-8")
    assert invoke("loose.yaml", "--fail-on", "loose", "--config", str(config)).exit_code == 0


def test_bad_tolerance_is_a_usage_error(loaded) -> None:
    from contested.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["check", "good.yaml", "--tolerance", "nonsense=1"])
    assert exited.value.code == 2


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_report_is_written_and_escapes_document_text(loaded, tmp_path, suffix) -> None:
    report = tmp_path / f"report{suffix}"
    result = invoke("good.yaml", "loose.yaml", "--report", str(report))
    assert result.exit_code == 0
    text = report.read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "loose" in text and "0.19% apart" in text
    assert [p.name for p in tmp_path.iterdir()] == [report.name]  # no temp file left


def test_report_with_an_unknown_suffix_is_refused(loaded, tmp_path) -> None:
    result = invoke("good.yaml", "--report", str(tmp_path / "report.pdf"))
    assert result.exit_code != 0
    assert not (tmp_path / "report.pdf").exists()


def test_only_the_chosen_rules_run(loaded) -> None:
    result = invoke("good.yaml", "loose.yaml", "--json", "--rule", "comparison")
    assert {json.loads(line)["rule"] for line in result.stdout.splitlines()} == {"comparison"}

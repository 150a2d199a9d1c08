"""News documents with their metadata: scraper records, front matter, --date/--source, and
pipes that keep their meaning (JSON Lines on stdin is claims or documents, never prose)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contested.claims.claim_files import ReadOptions, load_files
from contested.claims.documents import document_from_record, iso_date, split_front_matter
from contested.cli import cli
from contested.core.exceptions import ClaimsFileError

ARTICLE = ("The coalition said on Thursday that Iraqi forces had retaken more than 3,000 "
           "square kilometers around Hawija since the offensive began.")


def documents_file(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    records = [
        {"id": "afp-1", "text": ARTICLE, "published": "2017-10-05T08:00:00Z",
         "outlet": "AFP", "url": "https://example.org/a"},
        {"id": "web-2", "text": "Nothing about territory here.", "date": "2017-10-06",
         "url": "https://news.example.com/b"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_record_with_text_is_a_document_and_its_claims_take_its_id_date_and_outlet(tmp_path):
    [loaded] = load_files([documents_file(tmp_path)], ReadOptions(gazetteer=None))
    [claim] = loaded.claims
    assert claim.id == "afp-1:1"
    assert (claim.document, claim.source) == ("afp-1", "AFP")
    assert claim.date == "2017-10-05"
    assert claim.km2 == 3000
    assert loaded.extracted == {"afp-1:1"}


def test_a_document_without_outlet_takes_its_hostname():
    document = document_from_record({"text": "x", "url": "https://news.example.com/b"},
                                    "f:1", source="f")
    assert document.source == "news.example.com"
    assert document.id == "f:1"


@pytest.mark.parametrize("value", ["2017-13-45", "yesterday", "17/10/2017"])
def test_a_malformed_document_date_is_refused_not_guessed(value):
    with pytest.raises(ClaimsFileError, match="not a date"):
        iso_date(value, source="corpus.jsonl", line=3)


def test_front_matter_gives_a_text_file_its_date_source_and_id(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ndate: 2017-10-05\nsource: Reuters\nid: rtr-77\n---\n" + ARTICLE,
                    encoding="utf-8")
    [loaded] = load_files([path], ReadOptions(gazetteer=None))
    [claim] = loaded.claims
    assert (claim.id, claim.source, claim.date) == ("rtr-77:1", "Reuters", "2017-10-05")
    assert path.read_text(encoding="utf-8")[claim.start:claim.end] == claim.quote


def test_a_rule_line_that_opens_an_article_is_not_front_matter():
    meta, body, offset = split_front_matter("---\nBAGHDAD: [fighting] goes on\n---\nmore")
    assert meta == {} or isinstance(meta, dict)
    assert body.endswith("more")
    assert split_front_matter("No front matter.\n---\n") == ({}, "No front matter.\n---\n", 0)


def test_date_and_source_options_set_a_single_texts_metadata(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--date", "2017-10-05", "--source",
                                      "AFP", "--json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    bad = CliRunner().invoke(cli, ["check", str(path), "--date", "2017-13-45"])
    assert bad.exit_code == 2 and "2017-13-45" in bad.output


def test_extract_json_piped_into_check_keeps_ids_and_sources(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text(ARTICLE.replace("3,000", "9,000"), encoding="utf-8")
    runner = CliRunner()
    extracted = "".join(
        runner.invoke(cli, ["extract", str(path), "--json", "--date", "2017-10-05"]).stdout
        for path in (first, second))
    result = runner.invoke(cli, ["check", "-", "--json", "--fail-on", "never"],
                           input=extracted)
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    cross = [f for f in findings if f["rule"] == "cross-source"]
    assert cross and set(cross[0]["claims"]) == {"a.txt:1", "b.txt:1"}


def test_documents_on_stdin_are_read_as_documents(tmp_path):
    text = documents_file(tmp_path).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "-", "-o", str(tmp_path / "out.geojson"),
                                      "--json", "--skip-unresolved"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["claims"] == 1


@pytest.mark.parametrize("content", [b"", b"text\x00with a NUL"])
def test_check_refuses_empty_or_binary_text_as_extract_does(tmp_path, content):
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    for command in ("check", "extract"):
        result = CliRunner().invoke(cli, [command, str(path)])
        assert result.exit_code == 2, (command, result.output)
        assert "odd.txt" in result.output


def test_check_refuses_text_of_nothing_but_blanks(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\t\n")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2 and "blank.txt: empty input" in result.output

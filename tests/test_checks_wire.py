"""`contested check` on wire-style texts (tests/data/wire_sentences.yaml), through its Python
path: text files → contested.pipeline.load_checked_claims (extraction) → run_checks. For each
rule an entry lists, the worst verdict of that rule's findings is the expected one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contested.checks import run_checks, worst_verdict

WIRE = Path(__file__).parent / "data" / "wire_sentences.yaml"
ENTRIES = [e for e in yaml.safe_load(WIRE.read_text(encoding="utf-8")) if e.get("checks")]


def _documents(entry: dict) -> list[dict]:
    if "documents" in entry:
        return entry["documents"]
    return [{"source": f"{entry['id']}.txt", "date": entry.get("date"), "text": entry["text"]}]


def _write(folder: Path, document: dict) -> Path:
    # A dateline on its own first line is how an article file carries its date.
    path = folder / document["source"]
    head = f"{document['date']}\n\n" if document.get("date") else ""
    path.write_text(head + document["text"] + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_wire_statement_gets_its_verdict(entry: dict, tmp_path: Path) -> None:
    from contested.claims.claim_files import ReadOptions
    from contested.pipeline import load_resolved

    paths = [str(_write(tmp_path, document)) for document in _documents(entry)]
    resolved = load_resolved(paths, ReadOptions(warn=lambda message: None), skip_unresolved=True)
    findings = run_checks(resolved)
    got = {
        rule: worst_verdict(f for f in findings if f.rule == rule)
        for rule in entry["checks"]
    }
    assert got == entry["checks"], [
        (f.rule, f.verdict, f.message) for f in findings if f.rule in entry["checks"]
    ]


def test_about_a_third_of_the_wire_statements_are_wrong() -> None:
    entries = yaml.safe_load(WIRE.read_text(encoding="utf-8"))
    wrong = [e for e in entries if e.get("wrong")]
    assert 0.25 <= len(wrong) / len(entries) <= 0.4
    # Every wrong statement states the verdict that exposes it.
    assert all("inconsistent" in e.get("checks", {}).values() for e in wrong)

"""Every verdict in expected_checks of ../shared/eval/seed_claims.yaml, from the analyst's
claims (built here) and, once the extractor exists, from the seed articles themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contested.checks import Finding, run_checks
from contested.claims.model import Claim, Comparison, Stated
from contested.resolution import resolve_claims

# One row per entry of expected_checks, in its order:
# (rule, claim ids by "seed prefix:claim number", text the message must contain, verdict).
EXPECTED = [
    ("cross-source", {"000:1", "001:1"}, "", "consistent"),
    ("arithmetic", {"002:2"}, "98%", "consistent"),
    ("arithmetic", {"002:4", "002:2"}, "total 109,770", "consistent"),
    ("comparison", {"002:4"}, "12 times", "consistent"),
    ("comparison", {"002:1"}, "more than 10 times", "consistent"),
    ("comparison", {"003:1"}, "Sweden", "inconsistent"),
    ("comparison", {"003:1"}, "Virginia", "consistent"),
    ("cross-source", {"003:1", "002:3"}, "", "consistent"),
    ("containment", {"001:2"}, "", "consistent"),
    ("containment", {"000:1"}, "", "consistent"),  # and 000:2, see below
    ("comparison", {"004:2"}, "New Jersey", "unverifiable"),
]
ALSO = [("containment", {"000:2"}, "", "consistent")]


def seed_claims_from_yaml(seed_claims: dict) -> list[Claim]:
    claims = []
    for file_name, seed in seed_claims["seeds"].items():
        for number, record in enumerate(seed["claims"], start=1):
            stated = ()
            if "km2" in record:
                stated = (Stated(float(record["value"]), record["unit"], float(record["km2"])),)
            comparison = record.get("comparison")
            claims.append(Claim(
                id=f"{file_name}:{number}",
                quote=record.get("quote"),
                stated=stated,
                qualifier=record.get("qualifier"),
                kind=record.get("kind"),
                scope=record.get("scope"),
                percent=record.get("percent"),
                of_total_km2=record.get("of_total_km2"),
                population=record.get("population"),
                comparison=Comparison.from_dict(comparison) if comparison else None,
                date=str(seed["date"]),
                source=file_name,
                speaker=seed.get("speaker"),
                since=None if record.get("since") is None else str(record["since"]),
                period=None if record.get("period") is None else str(record["period"]),
            ))
    return claims


def _short(claim_id: str) -> str:
    return f"{claim_id[:3]}:{claim_id.rsplit(':', 1)[1]}"


def _matching(findings: list[Finding], rule: str, ids: set[str], text: str) -> list[Finding]:
    return [
        f for f in findings
        if f.rule == rule and ids <= {_short(c) for c in f.claims} and text in f.message
    ]


def test_expected_table_covers_every_expected_check(seed_claims: dict) -> None:
    assert len(EXPECTED) == len(seed_claims["expected_checks"])
    for (rule, *_), entry in zip(EXPECTED, seed_claims["expected_checks"], strict=True):
        assert rule.split("-")[0] in entry["rule"].replace("unit/", "")


@pytest.mark.parametrize(("rule", "ids", "text", "verdict"), EXPECTED + ALSO)
def test_seed_verdict_from_the_analysts_claims(
    seed_claims: dict, gazetteer, rule: str, ids: set[str], text: str, verdict: str
) -> None:
    findings = run_checks(resolve_claims(seed_claims_from_yaml(seed_claims), gazetteer=gazetteer))
    matching = _matching(findings, rule, ids, text)
    assert matching, f"no {rule} finding for {ids}: {[f.message for f in findings]}"
    assert {f.verdict for f in matching} == {verdict}, [f.message for f in matching]


def test_seed_claims_raise_nothing_inconsistent_but_sweden(seed_claims: dict, gazetteer) -> None:
    findings = run_checks(resolve_claims(seed_claims_from_yaml(seed_claims), gazetteer=gazetteer))
    wrong = [f for f in findings if f.verdict in ("inconsistent", "loose")]
    assert [f.message.split(":")[0] for f in wrong] == [
        "110,000 km² vs Sweden 449,964 km² (GeoNames)"
    ]



@pytest.mark.parametrize(("rule", "ids", "text", "verdict"), EXPECTED + ALSO)
def test_seed_verdict_from_the_articles_via_the_cli(
    seeds_dir: Path, rule: str, ids: set[str], text: str, verdict: str
) -> None:
    from click.testing import CliRunner

    from contested.cli import cli

    files = sorted(str(p) for p in seeds_dir.glob("0*.txt"))
    result = CliRunner().invoke(cli, ["check", *files, "--json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    findings = [Finding(**{**json.loads(line), "claims": tuple(json.loads(line)["claims"])})
                for line in lines]
    # Extracted claims are numbered by the extractor: match on rule, seed file and message.
    seeds = {i.split(":")[0] for i in ids}
    matching = [
        f for f in findings
        if f.rule == rule and seeds <= {c[:3] for c in f.claims} and text in f.message
    ]
    assert matching, f"no {rule} finding for {ids}: {[f.message for f in findings]}"
    assert verdict in {f.verdict for f in matching}, [f.message for f in matching]

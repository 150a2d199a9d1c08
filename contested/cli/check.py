"""``contested check``: test claims (units, arithmetic, size comparisons, containment,
agreement across sources, timelines) and report which hold up, with the arithmetic shown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from contested.cli.options import (
    boundaries_options,
    claims_argument,
    document_options,
    json_option,
    load_resolved_claims,
    load_settings,
    published_options,
    published_tables,
    skip_unresolved_option,
)
from contested.cli.output import echo, emit_json, say

if TYPE_CHECKING:
    from contested.geo.user_units import UserUnits

FAIL_ON = ("inconsistent", "loose", "never")
# The rule ids (contested.checks.model.RULES), here so that --help imports nothing heavy.
RULE_IDS = ("units", "arithmetic", "comparison", "containment", "cross-source", "timeline",
            "estimate-band", "implicit-size", "percent-peak", "change-holdings",
            "unit-plausibility")


@click.command("check")
@claims_argument()
@click.option("--tolerance", "tolerance_text", metavar="RULE=FRACTION,...",
              help="Override tolerances, e.g. units=0.02,comparison=0.15,cross-source=0.1,"
                   "cross-source-days=45.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="TOML file with a [tolerance] table (same keys as --tolerance).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="inconsistent", show_default=True,
              help="Exit 1 when a finding is this bad (loose also fails on inconsistent).")
@click.option("--rule", "rules", multiple=True, type=click.Choice(RULE_IDS),
              help="Run only this rule (repeatable). Default: all.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Also write a shareable report: report.md or report.html.")
@boundaries_options()
@published_options
@skip_unresolved_option
@document_options
@json_option("Print one JSON object per finding (JSON Lines) on stdout.")
def check(
    claims_files: tuple[str, ...],
    tolerance_text: str | None,
    config_path: str | None,
    fail_on: str,
    rules: tuple[str, ...],
    report_path: str | None,
    skip_unresolved: bool,
    document_date: str | None,
    document_source: str | None,
    as_json: bool,
    units: UserUnits | None,
    reference_files: tuple[str, ...],
    no_reference: bool,
) -> None:
    """Check CLAIMS (news text, YAML, CSV, JSON Lines, GeoJSON; pooled across all files).

    \b
    Rules (ids as in the JSON output):
      units         a figure given twice agrees after conversion (15,800 sq mi ≈ 40,922 km²)
      arithmetic    percent × total ≈ part; part ≤ total; held ≈ total − liberated
      comparison    "the size of Sweden", "12 times DC", "1% of Egypt" vs official areas
      containment   a claimed area fits in the country/governorate of its scope
      cross-source  the same quantity from different documents agrees
      timeline      liberated area does not shrink; held area does not grow unexplained
    The ledger's rules, against published estimates (--reference, --no-reference):
      estimate-band     a figure against the published band of its actor, scope, quantity
                        and date (consistent within 10%, loose within a factor of 2)
      implicit-size     the same for a size said without a figure ("a third of Iraq",
                        "the size of South Dakota", "87% of Syria freed")
      percent-peak      "lost 90% of its territory" against published holdings and peak
      change-holdings   ground taken in a period is no more than was held at its start
      unit-plausibility square metres for a territory, a repaired figure: to confirm

    \b
    Verdicts: consistent, loose (a size comparison beyond its tolerance but within twice
    it), inconsistent, unverifiable (no figure to compare). Qualifiers count: "more than
    41,000" is a lower bound, "up to" an upper one, "about"/"nearly" both ways.
    Default tolerances: units 2%, arithmetic 2%, comparison 15%, reference 5% (a stated
    area of a reference place), cross-source 10% within 45 days (peak area: any date),
    timeline 10%, containment 10%, band 10% (band-factor 2). With --boundaries, a scope
    naming one of your units ("Hawija" for "Hawija District") is tested against that unit's
    polygon area.

    \b
    Claims are from the same document when they share `source` (text files: the file).
    Give each claim in a claims file its `source` so that cross-source pairs them.

    \b
    Exit codes: 0 ok, 1 a finding reached --fail-on, 2 bad input (a claims file, an
    option, a --report path whose folder is missing or not writable), 3 unknown place
    (a name or scope in a claims file; --skip-unresolved warns and goes on instead).

    \b
    Examples:
      contested check article.txt
      contested check a.txt b.txt claims.yaml --report report.html
      contested check claims.yaml --json --fail-on never | jq .verdict
      contested check claims.yaml --tolerance comparison=0.2 --config contested.toml
      contested check claims.yaml --boundaries irq_adm2.gpkg --boundaries-layer districts
    """
    from contested.checks import Tolerances
    from contested.checks.report import render_table, report_format, summary_line, write_report
    from contested.core.files import check_writable_target

    settings = load_settings(config_path)
    tolerances = Tolerances().override(settings.tolerances,
                                       source=str(settings.config_path or "contested.toml"))
    if tolerance_text:
        tolerances = Tolerances.parse(tolerance_text, tolerances)
    if report_path:
        # Before any work or output: a bad --report fails at once, with nothing printed.
        report_format(report_path)
        check_writable_target(report_path)

    from contested.pipeline import check_resolved

    resolved = load_resolved_claims(claims_files, skip_unresolved=skip_unresolved,
                                    date=document_date, source=document_source, units=units)
    claims = list(resolved.claims)
    findings = check_resolved(resolved, tolerances, rules=rules or None, units=units,
                              published=published_tables(resolved, reference_files, no_reference))

    if as_json:
        for finding in findings:
            emit_json(finding.to_dict())
    elif findings:
        echo(render_table(findings))
    if report_path:
        written = write_report(Path(report_path), findings, claims)
        say(f"report written to {written}")
    say(f"{len(claims)} claims from {len(claims_files)} file(s); {summary_line(findings)}")

    failing = {"inconsistent": {"inconsistent"}, "loose": {"inconsistent", "loose"},
               "never": set()}[fail_on]
    if any(finding.verdict in failing for finding in findings):
        sys.exit(1)

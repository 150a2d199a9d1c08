"""``contested ledger``: the series of estimates per actor and scope, with published bands."""

from __future__ import annotations

import click

from contested.cli.options import (
    claims_argument,
    document_options,
    json_option,
    load_resolved_claims,
    published_options,
    published_tables,
    skip_unresolved_option,
)
from contested.cli.output import echo, emit_json, say


@click.command("ledger")
@claims_argument()
@published_options
@skip_unresolved_option
@document_options
@json_option("Print one JSON object per estimate (JSON Lines) on stdout.")
def ledger(
    claims_files: tuple[str, ...],
    reference_files: tuple[str, ...],
    no_reference: bool,
    skip_unresolved: bool,
    document_date: str | None,
    document_source: str | None,
    as_json: bool,
) -> None:
    """The territory ledger of CLAIMS: per actor and scope, every estimate of ground held,
    peak, ground changing hands and share of the peak lost, over time, each with the band of
    published estimates at its date and the worst verdict of the ledger's checks on it
    (estimate-band, implicit-size, percent-peak, change-holdings, unit-plausibility,
    cross-source, timeline).

    \b
    Quantities: held (km² an actor holds at a date), peak (the most it held), change
    (km² taken or lost in a period), lost_share (share of its peak it has lost). A share of
    a country ("40% of Iraq") becomes km² with the country's official area; "the size of X"
    becomes X's official area; "87% of Syria freed" leaves the actor 13% of Syria.

    \b
    Published estimates: a bundled table with a URL per row (IHS, CJTF-OIR, US DoD and
    State, Iraqi JOC, Russian MoD for ISIS 2014–2019; ISW, DeepState and officials for
    Russia in Ukraine 2022–; SAC-M, BBC, NUG and junta for Myanmar 2022–; analysts and AFP
    for the RSF and SAF in Sudan 2025). Add yours with --reference FILE (same columns:
    conflict,actor,ref_date,quantity,value,value_max,qualifier,unit,of,scope,source_org,
    outlet,url,quote,notes) or leave the bundled ones out with --no-reference.

    \b
    Examples:
      contested ledger ../shared/seeds/*.txt
      contested ledger corpus.jsonl --json | jq 'select(.verdict == "inconsistent")'
      contested ledger claims.yaml --reference my_estimates.csv --no-reference
    """
    from contested.pipeline import ledger_table

    resolved = load_resolved_claims(claims_files, skip_unresolved=skip_unresolved,
                                    date=document_date, source=document_source)
    records = ledger_table(resolved, published_tables(resolved, reference_files, no_reference))
    if as_json:
        for record in records:
            emit_json(record)
        return
    _print_table(records)
    claims = sum(1 for r in records if r["origin"] == "claim")
    say(f"{claims} estimates from {len(resolved)} claims, "
        f"{len(records) - claims} published estimates")


def _print_table(records: list[dict]) -> None:
    current = None
    for record in records:
        series = (record["actor"], record["scope"], record["quantity"])
        if series != current:
            current = series
            echo(f"\n{record['actor'] or 'unknown actor'} · {record['scope'] or 'no scope'}"
                       f" · {record['quantity']}")
        band = ""
        if record["band_low"] is not None:
            band = f"  band {_figure(record['band_low'], record)}–" \
                   f"{_figure(record['band_high'], record)}"
        who = record["claim"] or "published"
        verdict = f" [{record['verdict']}]" if record["verdict"] else ""
        echo(f"  {record['date'] or 'undated':<10}  {_figure(record['value'], record):>14}"
                   f"  {who}{verdict}{band}")


def _figure(value: float | None, record: dict) -> str:
    if value is None:
        return "∞"
    if record["unit"] == "share":
        return f"{value * 100:.1f}%"
    return f"{value:,.0f} km²"

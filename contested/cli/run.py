"""``contested run``: the whole pipeline in one go — resolve, check report, map.

With no files it runs on the bundled example claims (the seed articles' figures, places,
dates and sources, without their sentences); any claims files or news articles you pass are
pooled with it (or replace it, with --no-example).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from contested.cli.options import (
    boundaries_options,
    claims_argument,
    document_options,
    json_option,
    published_options,
    skip_unresolved_option,
)
from contested.cli.output import echo, emit_json, say

if TYPE_CHECKING:
    from contested.geo.user_units import UserUnits


@click.command("run")
@claims_argument(required=False)
@click.option(
    "-o", "--out", "out_dir", default="out", show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for places.jsonl, findings.jsonl, report.md, report.html and map.html.",
)
@click.option("--no-example", is_flag=True, help="Leave the bundled example claims out.")
@click.option("--online-map", is_flag=True,
              help="Draw the map over web tiles instead of the inlined offline basemap.")
@published_options
@boundaries_options()
@skip_unresolved_option
@document_options
@json_option("Print one JSON object per file written (JSON Lines) on stdout.")
def run(
    claims_files: tuple[str, ...],
    out_dir: Path,
    no_example: bool,
    online_map: bool,
    reference_files: tuple[str, ...],
    no_reference: bool,
    skip_unresolved: bool,
    document_date: str | None,
    document_source: str | None,
    as_json: bool,
    units: UserUnits | None,
) -> None:
    """Resolve, check and map CLAIMS (default: the bundled example) into --out.

    \b
    Writes:
      places.jsonl    every place the claims name, resolved (contested resolve objects)
      findings.jsonl  every check finding (contested check objects)
      report.md/.html the check report, with the arithmetic of each finding
      map.html        one static map (offline unless --online-map)
      timeline.html   the ledger drawn: published bands and claims by verdict (offline)

    The exit code is 0 even when a check finds an inconsistency: this is a report. Use
    `contested check --fail-on inconsistent` to gate on verdicts. Bad input exits 2 and an
    unknown place name 3 (--skip-unresolved: a warning), before anything is written. --out
    names a folder and is created when missing.

    \b
    Examples:
      contested run                               # bundled example -> out/
      contested run ../shared/seeds/*.txt -o seeds_out
      contested run my_claims.yaml --no-example --json
      contested run my_claims.yaml --boundaries irq_adm2.geojson --name-field ADM2_EN
    """
    from contested.claims.claim_files import ReadOptions
    from contested.pipeline import RunOptions, run_pipeline

    if no_example and not claims_files:
        raise click.UsageError("--no-example needs at least one CLAIMS file")
    options = RunOptions(
        include_example=not no_example, offline=not online_map, skip_unresolved=skip_unresolved,
        reference_files=tuple(reference_files), include_bundled_references=not no_reference,
        units=units,
    )
    read = ReadOptions(date=document_date, source=document_source, warn=say)
    result = run_pipeline(list(claims_files), out_dir, options, read)
    for artifact in result.artifacts:
        if as_json:
            emit_json(artifact)
        else:
            echo(f"{artifact['path']}\t{artifact['what']}")
    say(result.summary)

"""``contested timeline``: the ledger drawn: published bands and claims by verdict."""

from __future__ import annotations

from pathlib import Path

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
from contested.cli.output import emit_json, say


@click.command("timeline")
@claims_argument()
@click.option("-o", "--output", "output_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The chart to write: .html (offline, interactive), .svg or .png.")
@published_options
@skip_unresolved_option
@document_options
@json_option("Print one JSON object (path, series, points) on stdout.")
def timeline(
    claims_files: tuple[str, ...],
    output_path: Path,
    reference_files: tuple[str, ...],
    no_reference: bool,
    skip_unresolved: bool,
    document_date: str | None,
    document_source: str | None,
    as_json: bool,
) -> None:
    """Draw the ledger of CLAIMS: per actor and scope, the band of published estimates over
    time (grey) and each dated claim as a point coloured by the ledger's verdict, the band
    it was checked against as a whisker, its source and figure on hover (.html). The HTML
    works offline: Vega is bundled into it.

    \b
    Examples:
      contested timeline ../shared/seeds/*.txt -o timeline.html
      contested timeline corpus.jsonl -o timeline.svg --reference my_estimates.csv
    """
    from contested.core.files import check_writable_target
    from contested.maps.timeline import FORMATS, save_timeline, timeline_chart
    from contested.pipeline import ledger_table

    if output_path.suffix.lower() not in FORMATS:
        raise click.BadParameter(f"{output_path.name}: use one of {', '.join(FORMATS)}",
                                 param_hint="-o")
    check_writable_target(output_path)
    resolved = load_resolved_claims(claims_files, skip_unresolved=skip_unresolved,
                                    date=document_date, source=document_source)
    records = ledger_table(resolved, published_tables(resolved, reference_files, no_reference))
    written = save_timeline(timeline_chart(records), output_path)
    dated = [r for r in records if r["origin"] == "claim" and r["date"]]
    undated = sum(1 for r in records if r["origin"] == "claim" and not r["date"])
    if as_json:
        emit_json({"path": str(written), "claims_drawn": len(dated), "undated": undated})
    else:
        say(f"wrote {written}: {len(dated)} dated claim estimates"
            + (f" ({undated} undated, not drawn)" if undated else ""))

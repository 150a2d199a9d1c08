"""``contested extract``: the area claims of a news text, as JSON Lines or a table."""

from __future__ import annotations

import click

from contested.cli.options import check_date
from contested.cli.output import echo, emit_json, say


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--date", callback=check_date, help="Article date (YYYY-MM-DD); default: read "
              "from the text's dateline.")
@click.option("--source", help="Name for claim ids and the source field (default: file name).")
@click.option("--places", "show_places", is_flag=True,
              help="Print the place mentions (offsets, resolved place) instead of claims.")
@click.option("--no-gazetteer", is_flag=True, help="Skip place resolution (faster; scope from "
              "capitalised names and demonyms).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines on stdout, one object each.")
def extract(file: str, date: str | None, source: str | None, show_places: bool,
            no_gazetteer: bool, as_json: bool) -> None:
    """Read area claims out of a news text FILE (or - for stdin).

    Every figure ("more than 41,000sq km", "15,800 square miles", "(110) thousand square
    kilometers"), size comparison ("12 times the size of the U.S. capital") and percentage of
    territory becomes one claim with kind, qualifier, scope, places and dates. Input is read
    as UTF-8 (bytes that are not are replaced, with a warning) and streamed, so files of any
    size work.

    \b
    Examples:
      contested extract article.txt --json
      contested extract article.txt --date 2017-02-15 --source dod-2017-02-15
      curl -s https://example.org/a.txt | contested extract - --json
      contested extract article.txt --places
    """
    from contested.claims.extract import extract_file, find_places
    from contested.claims.extract.stream import iter_chunks
    from contested.gazetteer import default_gazetteer

    gazetteer = None if no_gazetteer else default_gazetteer()
    if show_places:
        if gazetteer is None:
            say("contested: --places needs the gazetteer (drop --no-gazetteer)")
            return
        gaz = gazetteer
        stream = click.open_file(file, "rb")
        with stream:
            for offset, chunk in iter_chunks(stream, name=file, warn=say):
                for mention in find_places(chunk, gaz):
                    record = mention.to_dict()
                    record["start"] += offset
                    record["end"] += offset
                    if as_json:
                        emit_json(record)
                    else:
                        name = mention.place.name if mention.place else "?"
                        country = mention.place.country if mention.place else ""
                        echo(f"{record['start']:>8} {mention.text:<28} {name} {country}")
        return
    count = 0
    for claim in extract_file(file, source=source, date=date, gazetteer=gazetteer, warn=say):
        count += 1
        if as_json:
            emit_json(claim.to_dict())
            continue
        figure = " / ".join(f"{s.value:,.0f} {s.unit}" for s in claim.stated) or "-"
        comparison = ""
        if claim.comparison is not None:
            factor = f"{claim.comparison.factor:g}× " if claim.comparison.factor else ""
            comparison = f" ~ {factor}{' or '.join(claim.comparison.reference)}"
        echo(
            f"{claim.id:<24} {claim.kind or '?':<10} {claim.qualifier or '':<10} {figure:<28}"
            f" {claim.scope or '-':<22}{comparison}"
        )
        said = f" — {claim.speaker}" if claim.speaker else ""
        echo(f"{'':<24} “{claim.quote}”{said}")
    if not as_json:
        say(f"{count} claim(s)")

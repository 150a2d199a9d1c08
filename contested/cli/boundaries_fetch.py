"""``contested boundaries fetch``: download admin boundaries from geoBoundaries (online)."""

from __future__ import annotations

from pathlib import Path

import click

from contested.cli import options
from contested.cli.output import echo, emit_json, say


@click.command("fetch")
@click.argument("iso3")
@click.option(
    "--level",
    default="ADM2",
    show_default=True,
    help="Administrative level: ADM0 (country) to ADM5; ADM1 governorates, ADM2 districts.",
)
@click.option(
    "-o",
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the GeoJSON here (default: under the cache dir).",
)
@click.option(
    "--simplified", is_flag=True, help="Fetch geoBoundaries' simplified geometry (smaller)."
)
@click.option("--refresh", is_flag=True, help="Ignore the cache and download again.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
def fetch(
    iso3: str,
    level: str,
    output_path: Path | None,
    simplified: bool,
    refresh: bool,
    as_json: bool,
) -> None:
    """Download the gbOpen boundaries of country ISO3 from geoBoundaries (goes online).

    The GeoJSON is checked (named polygons in lon/lat), written atomically, and its path
    printed; pass it to other commands with --boundaries FILE. Data: geoBoundaries (gbOpen),
    CC BY 4.0: credit "geoBoundaries" and the source named in the output.

    \b
    Base URL: $CONTESTED_GEOBOUNDARIES_URL (default https://www.geoboundaries.org).
    Cache: $CONTESTED_CACHE_DIR or the user cache dir. Size cap: $CONTESTED_HTTP_MAX_MB.
    A request gives up after 120 s in all; a failed download keeps nothing in the cache
    (--refresh also ignores what is there).

    \b
    Examples:
      contested boundaries fetch IRQ --level ADM2
      contested boundaries fetch SYR --level ADM1 -o syria_adm1.geojson --json
      contested map claims.yaml -o map.html --boundaries "$(contested boundaries fetch IRQ)"
    """
    from contested.online.geoboundaries import GeoBoundaries

    settings = options.load_settings()
    service = GeoBoundaries(options.http_client(settings), settings.geoboundaries_url)
    fetched = service.fetch(iso3, level, dest=output_path, simplified=simplified,
                            refresh=refresh)
    origin = "from the cache" if fetched.from_cache else "downloaded"
    say(
        f"{fetched.iso3} {fetched.level}: {fetched.features} units {origin} -> {fetched.path} "
        f"(name field '{fetched.name_field}'; geoBoundaries gbOpen, "
        f"{fetched.license or 'CC BY 4.0'}; source: {fetched.source or 'see geoboundaries.org'})"
    )
    if as_json:
        emit_json(fetched.to_dict())
    else:
        echo(fetched.path)

"""``contested map``: claims, boundaries and reference shapes as one static HTML map."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from contested.cli.options import (
    boundaries_options,
    claims_argument,
    document_options,
    json_option,
    load_resolved_claims,
    published_options,
    published_tables,
    skip_unresolved_option,
)
from contested.cli.output import emit_json, say

if TYPE_CHECKING:
    from contested.geo.user_units import UserUnits


@click.command("map")
@claims_argument()
@click.option(
    "-o", "--output", "output_path", required=True,
    type=click.Path(dir_okay=False, path_type=Path), help="The HTML file to write.",
)
@click.option(
    "--offline/--online", default=True, show_default=True,
    help="Offline (the default): Leaflet inlined and a vector basemap, the page makes no "
    "network request. --online: web tiles and Leaflet from its CDN.",
)
@click.option("--title", help="Title shown on the map and in the browser tab.")
@click.option(
    "--tiles", default=None, metavar="PROVIDER",
    help="Draw over this xyzservices tile provider (implies --online; default "
    "Esri.WorldGrayCanvas when --online).",
)
@click.option(
    "--show-reference", "references", multiple=True, metavar="NAME",
    help="Show this reference shape when the map opens even if its comparison holds "
    "(repeatable). By default only those the checks find wanting, or that are a claim's "
    "only size, are shown; the rest are in the layer list.",
)
@click.option("--no-checks", is_flag=True, help="Do not run the checks (disks stay 'unchecked').")
@boundaries_options()
@published_options
@skip_unresolved_option
@document_options
@json_option("Print one JSON object on stdout.")
def map_(
    claims_files: tuple[str, ...],
    output_path: Path,
    units: UserUnits | None,
    offline: bool,
    title: str | None,
    tiles: str | None,
    references: tuple[str, ...],
    no_checks: bool,
    skip_unresolved: bool,
    document_date: str | None,
    document_source: str | None,
    as_json: bool,
    reference_files: tuple[str, ...],
    no_reference: bool,
) -> None:
    """Draw CLAIMS (YAML, CSV, JSON Lines, GeoJSON or news text) as one static HTML map.

    Layers: admin units shaded by the share of them claimed, claimed-area disks coloured by
    the checks' verdict (several on one place as concentric outlines), the places claims are
    about and, from news texts, the other places they name, reference shapes moved onto the
    claim at true size ("the size of New Jersey"), a legend, a layer control, and a date
    slider when the claims carry dates. Popups show each claim's exact quote, source and
    date; all text is HTML-escaped. The file is written atomically; its folder must exist.

    \b
    Exit codes: 0 written, 2 bad input (a claims or boundaries file, or an -o whose folder
    is missing or not writable), 3 a place name or scope no one knows (--skip-unresolved
    warns and draws the rest).

    \b
    Examples:
      contested map contested/data/example_claims.yaml -o map.html
      contested map article.txt claims.yaml -o map.html --title "Liberated, 2017"
      contested map claims.yaml -o map.html --boundaries iraq_adm2.geojson --json
      contested map claims.yaml -o map.html --show-reference Virginia
      contested map claims.yaml -o map.html --online --tiles OpenStreetMap.Mapnik
    """
    from contested import maps
    from contested.core.files import check_writable_target
    from contested.maps.basemap import DEFAULT_TILES
    from contested.maps.frames import frames_from_claims
    from contested.pipeline import check_resolved

    offline = offline and tiles is None  # tiles are asked for by name: online
    check_writable_target(output_path)  # a bad -o fails before the map is drawn
    resolved = load_resolved_claims(claims_files, skip_unresolved=skip_unresolved,
                                    date=document_date, source=document_source, units=units)
    claims = resolved.claims
    findings = [] if no_checks else check_resolved(
        resolved, units=units,
        published=published_tables(resolved, reference_files, no_reference))
    frames = frames_from_claims(resolved, boundaries=units)
    folium_map = maps.render(
        frames, findings, offline=offline, title=title, tiles=tiles or DEFAULT_TILES,
        references=references,
    )
    written = maps.save(folium_map, output_path, offline=offline)
    size = written.stat().st_size
    if as_json:
        emit_json({
            "output": str(written),
            "bytes": size,
            "offline": offline,
            "claims": len(claims),
            "disks": len(frames.disks),
            "places": len(frames.places),
            "references": len(frames.references),
            "admin_units": len(frames.admin),
            "findings": len(findings),
        })
    else:
        say(
            f"wrote {written} ({size / 1024:,.0f} kB, {len(claims)} claims, "
            f"{'offline' if offline else 'online tiles'})"
        )

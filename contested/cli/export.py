"""``contested export``: claims as GIS layers (GeoPackage, GeoJSON, GeoParquet, FlatGeobuf)."""

from __future__ import annotations

from pathlib import Path

import click

from contested.cli.options import (
    claims_argument,
    document_options,
    json_option,
    load_resolved_claims,
    skip_unresolved_option,
)
from contested.cli.output import emit_json, say

LAYERS = ("claims_disks", "claims", "disks", "disks_clipped", "places", "admin_units", "references")


@click.command(
    epilog="""\b
Examples:
  contested export contested/data/example_claims.yaml -o claims.gpkg
  contested export article.txt more_claims.csv -o claims.geojson --json
  contested export claims.yaml -o places.fgb --layer places

\b
.gpkg holds the layers claims (points), disks, disks_clipped (equal-area disks of the
claimed km², whole and cut to the country), places, admin_units (units touched, sides of
"western X" scopes) and references (compared-to countries/states moved onto the claim at
true size). .geojson (RFC 7946), .parquet (GeoParquet) and .fgb hold one layer: by default
the claims, each with its disk as geometry (its point when it has no figure). EPSG:4326.
The file is written to a temporary file and moved into place: a failure leaves nothing.""",
)
@claims_argument()
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file: .gpkg, .geojson, .parquet or .fgb.",
)
@click.option(
    "--layer",
    type=click.Choice(LAYERS),
    help="Write only this layer (one-layer formats: instead of claims_disks).",
)
@skip_unresolved_option
@document_options
@json_option("Print one JSON object (path, layers and feature counts) on stdout.")
def export(
    claims_files: tuple[str, ...],
    output_path: Path,
    layer: str | None,
    skip_unresolved: bool,
    document_date: str | None,
    document_source: str | None,
    as_json: bool,
) -> None:
    """Write CLAIMS (YAML, CSV, JSON Lines, GeoJSON or news text) as GIS layers.

    Exit codes: 0 written, 2 bad input (a claims file, or an -o whose folder is missing or
    not writable: the folder is never created), 3 a place name or scope no one knows.
    """
    import pyogrio

    from contested.geo.gis_export import check_export_target
    from contested.geo.gis_export import export as export_claims

    check_export_target(output_path)  # a bad -o fails before the claims are read
    resolved = load_resolved_claims(claims_files, skip_unresolved=skip_unresolved,
                                    date=document_date, source=document_source)
    claims = resolved.claims
    written = export_claims(resolved, output_path, layer=layer)
    if written.suffix.lower() == ".gpkg":
        counts = {
            str(name): int(pyogrio.read_info(written, layer=name)["features"])
            for name, _ in pyogrio.list_layers(written)
        }
    elif written.suffix.lower() in (".parquet", ".geoparquet"):
        import pyarrow.parquet as pq  # GDAL builds often lack the Parquet driver

        counts = {layer or "claims_disks": pq.read_metadata(written).num_rows}
    else:
        counts = {layer or "claims_disks": int(pyogrio.read_info(written)["features"])}
    if as_json:
        emit_json({"path": str(written), "claims": len(claims), "layers": counts})
    else:
        click.echo(str(written))
        say(
            f"{len(claims)} claims → {written} ("
            + ", ".join(f"{name}: {count}" for name, count in counts.items())
            + ")"
        )

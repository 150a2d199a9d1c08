"""``contested export``: claims as GIS layers (GeoPackage, GeoJSON, GeoParquet, FlatGeobuf)."""

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
    skip_unresolved_option,
)
from contested.cli.output import echo, emit_json, say

if TYPE_CHECKING:
    from contested.geo.user_units import UserUnits

LAYERS = ("claims_disks", "claims", "disks", "disks_clipped", "places", "admin_units", "references")


@click.command(
    epilog="""\b
Examples:
  contested export contested/data/example_claims.yaml -o claims.gpkg
  contested export article.txt more_claims.csv -o claims.geojson --json
  contested export claims.yaml -o places.fgb --layer places
  contested export claims.yaml -o layers/ --format geojson   # one file per layer
  contested export claims.yaml -o claims.gpkg --boundaries irq_adm2.gpkg

\b
Each layer has one geometry type (QGIS and GDAL 3.6+ open it without asking).
.gpkg (GeoPackage 1.2) holds the layers claims (points, each with its disk_id), disks
(equal-area disks of the claimed km², one per place and figure, with the km² inside the
country), disks_clipped (the disks a border cuts, cut to the country), places (points),
admin_units (units touched, yours with --boundaries, sides of "western X" scopes) and
references (compared-to countries/states moved onto a claim's place at true size, one shape
per place). Disks have 32 corners and their exact geodesic area.
A folder (-o DIR, no suffix) gets every layer as its own file of --format. .geojson
(RFC 7946), .parquet (GeoParquet) and .fgb hold one layer: by default claims_disks, each
claim with its disk (null geometry for a claim with no disk: its point is in the claims
layer). EPSG:4326. Written to a temporary file and moved into place: a failure leaves
nothing.""",
)
@claims_argument()
@click.option(
    "-o",
    "--output",
    "output_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Output file (.gpkg, .geojson, .parquet, .fgb) or folder (one file per layer).",
)
@click.option(
    "--format", "folder_format", type=click.Choice(("geojson", "fgb", "parquet", "gpkg")),
    help="Format of the files in an -o folder (default geojson).",
)
@click.option(
    "--layer",
    type=click.Choice(LAYERS),
    help="Write only this layer (one-layer formats: instead of claims_disks).",
)
@boundaries_options()
@skip_unresolved_option
@document_options
@json_option("Print one JSON object (path, layers and feature counts) on stdout.")
def export(
    claims_files: tuple[str, ...],
    output_path: Path,
    layer: str | None,
    folder_format: str | None,
    skip_unresolved: bool,
    document_date: str | None,
    document_source: str | None,
    as_json: bool,
    units: UserUnits | None,
) -> None:
    """Write CLAIMS (YAML, CSV, JSON Lines, GeoJSON or news text) as GIS layers.

    Exit codes: 0 written, 2 bad input (a claims file, or an -o whose parent folder is
    missing or not writable: it is never created), 3 a place name or scope no one knows.
    """
    from contested.geo.gis_export import check_export_target
    from contested.geo.gis_export import export as export_claims

    check_export_target(output_path, folder_format)  # a bad -o fails before any work
    resolved = load_resolved_claims(claims_files, skip_unresolved=skip_unresolved,
                                    date=document_date, source=document_source, units=units)
    claims = resolved.claims
    written = export_claims(resolved, output_path, layer=layer, units=units,
                            format=folder_format)
    counts = _feature_counts(written, layer, folder_format)
    if as_json:
        emit_json({"path": str(written), "claims": len(claims), "layers": counts})
    else:
        echo(str(written))
        say(
            f"{len(claims)} claims → {written} ("
            + ", ".join(f"{name}: {count}" for name, count in counts.items())
            + ")"
        )


def _feature_counts(written: Path, layer: str | None,
                    folder_format: str | None = None) -> dict[str, int]:
    """Features per layer of what was written (a file, or a folder of files)."""
    import pyogrio

    if written.is_dir():  # only the files this export wrote: the folder may hold others
        from contested.geo.export_layers import LAYERS

        suffix = "." + (folder_format or "geojson")
        wanted = (layer,) if layer else LAYERS
        return {name: _count(written / f"{name}{suffix}", None) for name in wanted
                if (written / f"{name}{suffix}").is_file()}
    if written.suffix.lower() == ".gpkg":
        return {str(name): _count(written, str(name)) for name, _ in pyogrio.list_layers(written)}
    return {layer or "claims_disks": _count(written, None)}


def _count(path: Path, layer: str | None) -> int:
    import pyogrio

    if path.suffix.lower() in (".parquet", ".geoparquet"):
        import pyarrow.parquet as pq  # GDAL builds often lack the Parquet driver

        return pq.read_metadata(path).num_rows
    # FlatGeobuf without a spatial index (a layer with empty geometries) does not store its
    # count: -1 unless GDAL is asked to count.
    return int(pyogrio.read_info(path, layer=layer, force_feature_count=True)["features"])

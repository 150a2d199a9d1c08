"""``contested boundaries``: list or show administrative units with their geodesic area."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from contested.cli import LazyGroup
from contested.cli.options import boundaries_options
from contested.cli.output import echo, emit_json, say

# name -> "module:attribute"; `fetch` lives in its own module (online, another owner).
_SUBCOMMANDS = {
    "list": "contested.cli.boundaries:list_units",
    "show": "contested.cli.boundaries:show",
    "fetch": "contested.cli.boundaries_fetch:fetch",
}
LEVELS = ("admin1", "country", "world", "us-state")


@click.group(cls=LazyGroup, subcommands=_SUBCOMMANDS)
def boundaries() -> None:
    """List, show or fetch administrative boundaries with their geodesic area (km², WGS84).

    \b
    Examples:
      contested boundaries list --country IQ
      contested boundaries list --level us-state --json
      contested boundaries list --boundaries irq_adm2.gpkg --name-field ADM2_EN
      contested boundaries show Anbar
      contested boundaries show الأنبار --json
      contested boundaries show Hawija --boundaries irq_adm2.gpkg
    """


@contextmanager
def _warnings_to_stderr() -> Iterator[None]:
    # Repairs of invalid polygons are warnings in Python; on the command line, messages.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        say(f"contested: warning: {warning.message}")


def _frame(level: str, country: str | None, units: Any = None) -> Any:
    from contested.geo import boundaries as bounds

    with _warnings_to_stderr():
        if units is not None:
            frame = units.frame
            if country and "country" in frame.columns:
                frame = frame[frame["country"].isin(country.upper().split(","))]
            return frame
        if level == "admin1":
            return bounds.admin1(country)
        if level in ("country", "world"):
            frame = bounds.countries("pack" if level == "country" else "world")
            if country:
                frame = frame[frame["iso2"].isin(country.upper().split(","))]
            return frame
        return bounds.us_states()


def _unit_id(row: Any) -> str | None:
    for column in ("unit_id", "admin1_id", "iso2", "postal", "shapeID", "ADM2_PCODE", "ADM1_PCODE"):
        value = row.get(column)
        if isinstance(value, str) and value:
            return value
    return None


def _record(row: Any, detail: bool = False) -> dict[str, Any]:
    country = row.get("country") if isinstance(row.get("country"), str) else row.get("iso2")
    if not isinstance(country, str) and isinstance(row.get("postal"), str):
        country = "US"
    record: dict[str, Any] = {
        "name": row.get("name"),
        "id": _unit_id(row),
        "country": country if isinstance(country, str) else None,
        "area_km2": round(float(row["area_km2"]), 3),
    }
    if detail:
        alt = row.get("name_alt")
        record.update(
            name_en=row.get("name_en") if isinstance(row.get("name_en"), str) else None,
            name_ar=row.get("name_ar") if isinstance(row.get("name_ar"), str) else None,
            alt_names=[a for a in alt.split("|") if a] if isinstance(alt, str) else [],
            type=row.get("type_en") if isinstance(row.get("type_en"), str) else None,
        )
        geometry = row.geometry
        point = geometry.representative_point()
        record.update(
            label_lon=round(point.x, 6),
            label_lat=round(point.y, 6),
            bbox=[round(v, 6) for v in geometry.bounds],
            official_km2=None,
            official_source=None,
        )
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}


_FILE_OPTIONS = [
    boundaries_options(layer_flags=("--layer", "--boundaries-layer")),
    click.option(
        "--level",
        type=click.Choice(LEVELS),
        default="admin1",
        show_default=True,
        help="Shipped set: admin-1 units, pack countries, world countries, US states.",
    ),
    click.option("--country", metavar="ISO2[,ISO2]", help="Only units of these countries."),
    click.option("--json", "as_json", is_flag=True, help="One JSON object per unit on stdout."),
]


def _file_options(function: Any) -> Any:
    for option in reversed(_FILE_OPTIONS):
        function = option(function)
    return function  # the shared options hand the file over as ``units``


@boundaries.command("list")
@_file_options
def list_units(
    units: Any,
    level: str,
    country: str | None,
    as_json: bool,
) -> None:
    """List units (name, id, country, geodesic area in km²), largest first within a country."""
    frame = _frame(level, country, units)
    records = [_record(row) for _, row in frame.iterrows()]
    records.sort(key=lambda r: (r["country"] or "", -r["area_km2"]))
    if as_json:
        for record in records:
            emit_json(record)
        return
    width = max((len(str(r["name"])) for r in records), default=4)
    for record in records:
        echo(
            f"{record['name']!s:<{width}}  {record['id'] or '':<10}  "
            f"{record['country'] or '':<3} {record['area_km2']:>14,.1f} km²"
        )
    say(f"{len(records)} units")


@boundaries.command("show")
@click.argument("name")
@_file_options
def show(
    name: str,
    units: Any,
    level: str,
    country: str | None,
    as_json: bool,
) -> None:
    """Show the unit called NAME (name, alternative or Arabic name, code) with its area.

    Without --boundaries the shipped admin-1 units, countries and US states are searched,
    then the gazetteer (so "Mosul" shows Ninawa, the governorate it lies in). With
    --boundaries, your file's units, by name with the gazetteer's folding and unit words
    optional ("Hawija" finds "Hawija District"), or by another spelling of the place.
    """
    from contested.core.exceptions import UnknownPlace
    from contested.gazetteer.resolver import clean_name

    # The same check `resolve` applies: a 10 kB "name" is bad input (2), not an unknown place.
    name = clean_name(name, "NAME")
    matches = _matching_units(name, units, country)
    if matches is None or not len(matches):
        raise UnknownPlace(name)
    for _, row in matches.iterrows():
        record = _record(row, detail=True)
        record.update(_official(row))
        if as_json:
            emit_json(record)
        else:
            _print_unit(record)


def _matching_units(name: str, units: Any, country: str | None) -> Any:
    """The units called ``name``: in the user's file if given, else in the shipped levels
    (first level with a match), else the units holding the place the gazetteer finds."""
    from contested.geo import boundaries as bounds

    if units is not None:
        matches = units.find(name, also=_spellings(name))
        if country and "country" in matches.columns:
            matches = matches[matches["country"].isin(country.upper().split(","))]
        return matches
    frames = [_frame(lvl, country) for lvl in ("admin1", "country", "world", "us-state")]
    matches = next((found for frame in frames if len(found := bounds.find_units(frame, name))),
                   None)
    return matches if matches is not None else _via_gazetteer(name, frames)


def _print_unit(record: dict[str, Any]) -> None:
    echo(f"{record['name']} ({record['id'] or 'no id'}, {record['country'] or '?'})")
    for key in ("name_en", "name_ar", "type"):
        if record.get(key):
            echo(f"  {key}: {record[key]}")
    if record["alt_names"]:
        echo(f"  also: {', '.join(record['alt_names'])}")
    echo(f"  area: {record['area_km2']:,.1f} km² (geodesic, WGS84, polygon)")
    if record["official_km2"] is not None:
        echo(f"  official total: {record['official_km2']:,.0f} km² ({record['official_source']})")
    echo(f"  label point: {record['label_lat']}, {record['label_lon']}")


def _spellings(name: str) -> tuple[str, ...]:
    """Other names of the place the gazetteer finds for ``name`` ("Huwayjah" → Hawija)."""
    from contested.core.exceptions import ContestedError
    from contested.gazetteer import default_gazetteer

    try:
        place = default_gazetteer().resolve(name)
    except ContestedError:
        return ()
    return (place.name, *place.alt_names)


def _via_gazetteer(name: str, frames: list[Any]) -> Any:
    from contested.core.exceptions import ContestedError
    from contested.gazetteer import default_gazetteer

    try:
        place = default_gazetteer().resolve(name)
    except ContestedError:
        return None
    admin1, pack_countries, world, states = frames
    if place.admin1_id:
        found = admin1[admin1["admin1_id"] == place.admin1_id]
        if len(found):
            return found
    if place.id.startswith("usstate:"):
        return states[states["postal"] == place.id.split(":", 1)[1]]
    for frame in (pack_countries, world):
        found = frame[frame["iso2"] == place.country]
        if len(found) and place.kind == "country":
            return found
    return None


def _official(row: Any) -> dict[str, Any]:
    """Official total area (incl. water) for countries and US states, when the table has it."""
    from contested.core.exceptions import ContestedError

    if not (isinstance(row.get("iso2"), str) or isinstance(row.get("postal"), str)):
        return {}
    try:
        from contested.gazetteer.official_areas import official_area

        reference = official_area(str(row["name"]))
    except (ContestedError, ImportError):
        return {}
    if reference.is_yardstick:  # a boundary row is a country or a state, never a city
        return {}
    return {"official_km2": reference.total_km2, "official_source": reference.source}

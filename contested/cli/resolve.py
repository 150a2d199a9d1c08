"""``contested resolve``: place names (any spelling, Arabic too) → coordinates and admin units."""

from __future__ import annotations

import sys

import click

from contested.cli import options
from contested.cli.output import echo, emit_json, say
from contested.core.exceptions import InputError, UnknownPlace

KIND_CHOICES = (
    "city", "town", "village", "governorate", "province", "state", "district", "country",
    "mountain", "range", "river", "valley", "region", "facility",
)


def _parse_near(value: str | None) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        lat_text, lon_text = value.split(",")
        return float(lat_text), float(lon_text)
    except ValueError as error:
        raise InputError(f"--near {value!r} is not LAT,LON", field="--near",
                         hint="for example --near 36.34,43.13") from error


def _check_utf8(name: str) -> None:
    # A byte that is not UTF-8 reaches sys.argv as a lone surrogate (surrogateescape): it
    # would be fuzzy-matched to some place and echoed back as invalid UTF-8. Refuse it, and
    # show the byte escaped (\xe9), never raw.
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = name.encode("utf-8", "backslashreplace")
        shown = raw.decode("utf-8", "backslashreplace")
        raise InputError(
            f"the name '{shown}' is not valid UTF-8",
            hint="pass names in UTF-8: set the terminal or script to UTF-8, e.g. LANG=C.UTF-8",
        ) from None


def _line(place) -> str:
    where = ", ".join(part for part in (place.admin1, place.country) if part)
    point = "no point" if place.lat is None else f"{place.lat:.5f}, {place.lon:.5f}"
    qualifier = f" [{place.qualifier}]" if place.qualifier else ""
    return (f"{place.query}{qualifier}\t{place.name} ({place.kind}; {where})\t{point}\t"
            f"score {place.score:.2f}\t{place.precision}\t{place.id}")


@click.command(
    epilog="""\b
Examples:
  contested resolve Hawija Huwayjah الحويجة
  contested resolve "Kirkuk province" "western Anbar" --json
  contested resolve Bab --country SY
  contested resolve Qayyarah --near 35.8,43.3 --json
  contested resolve "Tal Abyad" --online   # Nominatim if not found offline

Names given together are each other's context (they usually come from one text). With --json
an unknown name prints {"query", "error", "suggestions"} in its place. Exit codes: 0 all
resolved, 3 a name is unknown (the others are still printed), 2 bad input.""",
)
@click.argument("names", nargs=-1, required=True)
@click.option("--country", metavar="ISO2", help="Prefer places in this country (IQ, SY, ...).")
@click.option("--kind", type=click.Choice(KIND_CHOICES, case_sensitive=False),
              help="Prefer this kind of place.")
@click.option("--near", metavar="LAT,LON", help="Prefer places near this point.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per name on stdout.")
@click.option("--online", is_flag=True,
              help="Ask Nominatim (OpenStreetMap) for names not found offline "
                   "(or set online = true in contested.toml / $CONTESTED_CONFIG).")
def resolve(names: tuple[str, ...], country: str | None, kind: str | None, near: str | None,
            as_json: bool, online: bool) -> None:
    """Resolve place names to coordinates, admin-1 unit, score and alternatives.

    Any spelling works: transliteration variants (Fallujah, Falluja, Al Fallūjah), Arabic
    script (الفلوجة), kind words ("Kirkuk province") and directions ("western Anbar", kept
    as the qualifier).
    """
    from contested.gazetteer import default_gazetteer
    from contested.gazetteer.query import clean_country, clean_near

    # Hints are checked once, before any lookup: a bad hint is a usage error for all names.
    for name in names:
        _check_utf8(name)
    country = clean_country(country)
    near_point = clean_near(_parse_near(near))
    settings = options.load_settings()
    gazetteer = default_gazetteer(settings)
    results = gazetteer.resolve_many(list(names), country=country, kind=kind, near=near_point)
    online = online or settings.online
    client = options.http_client(settings) if online else None
    outcomes = set()
    for result in results:
        if isinstance(result, UnknownPlace) and client is not None:
            result = _online(result, country, client, settings.nominatim_url)
        outcomes.add(_emit(result, as_json))
    if InputError in outcomes:
        sys.exit(InputError.exit_code)
    if UnknownPlace in outcomes:
        sys.exit(UnknownPlace.exit_code)


def _online(unknown: UnknownPlace, country: str | None, client, url: str):  # noqa: ANN001, ANN202
    from contested.online.nominatim import ATTRIBUTION, resolve_unknown

    result = resolve_unknown(unknown, country=country, client=client, url=url)
    if not isinstance(result, UnknownPlace):
        say(f"contested: {result.query!r} found online; {ATTRIBUTION}")
    return result


def _emit(result, as_json: bool) -> type | None:  # noqa: ANN001 - a Place or an error
    """Print one result; return the error type it stands for (None for a place)."""
    if isinstance(result, UnknownPlace):
        say(f"contested: {result}")
        if as_json:  # a pipeline keeps track of the names it could not place
            emit_json({"query": result.query, "error": str(result),
                       "suggestions": result.suggestions})
        return UnknownPlace
    if isinstance(result, InputError):
        say(f"contested: error: {result}")
        return InputError
    if as_json:
        emit_json(result.to_dict())
    else:
        echo(_line(result))
    return None

"""Options several commands share, defined once (as fio and rio do), and the one way the
commands load claims: files read, names resolved once, the unknown-place policy applied."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from contested.cli.output import say

if TYPE_CHECKING:
    from contested.claims.resolved import ResolvedClaims
    from contested.geo.user_units import UserUnits

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def json_option(help_text: str = "Print JSON Lines on stdout, one object each.") -> Decorator:
    """``--json``: data on stdout as JSON Lines, nothing else there."""
    return click.option("--json", "as_json", is_flag=True, help=help_text)


skip_unresolved_option: Decorator = click.option(
    "--skip-unresolved",
    is_flag=True,
    help="Warn about place names the gazetteer cannot resolve and go on without them "
    "(default: exit 3 naming file, claim and name).",
)


def claims_argument(required: bool = True) -> Decorator:
    """CLAIMS...: YAML, CSV, JSON Lines, GeoJSON or news text files; ``-`` reads stdin."""
    return click.argument(
        "claims_files", nargs=-1, required=required, metavar="CLAIMS...",
        type=click.Path(dir_okay=False, allow_dash=True),
    )


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from contested.claims.documents import iso_date
    from contested.core.exceptions import ClaimsFileError

    try:
        iso = iso_date(value, source="--date")
    except ClaimsFileError:
        raise click.BadParameter(f"{value!r} is not a date like 2017-10-17 (or 2017-10, "
                                 "2017)") from None
    if iso != value.strip():
        raise click.BadParameter(f"{value!r} is not a date like 2017-10-17")
    return iso


def document_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--date`` and ``--source``: the publication date and outlet of a news text given
    alone (or on stdin); a document's own metadata or front matter says it otherwise."""
    function = click.option(
        "--source", "document_source", metavar="OUTLET",
        help="Outlet of a single news text or stdin (claims' source; default: front "
        "matter, else the file name).")(function)
    return click.option(
        "--date", "document_date", callback=check_date, metavar="YYYY-MM-DD",
        help="Publication date of a single news text or stdin (anchors 'last week', "
        "'on Thursday'; default: front matter, else the dateline).")(function)


def load_resolved_claims(
    paths: Sequence[Any], *, skip_unresolved: bool = False, date: str | None = None,
    source: str | None = None, units: UserUnits | None = None,
) -> ResolvedClaims:
    """Claims of ``paths`` with every name resolved once (see contested.pipeline); scopes
    may name the units of the user's boundary file (``units``)."""
    from contested.claims.claim_files import ReadOptions
    from contested.pipeline import load_resolved

    texts = [p for p in paths if str(p) == "-" or _is_text(p)]
    if (date or source) and len(texts) != 1:
        raise click.UsageError("--date and --source describe one news text: pass exactly "
                               "one text file (or -)")
    return load_resolved(list(paths), ReadOptions(date=date, source=source, warn=say),
                         skip_unresolved=skip_unresolved, units=units)


def _is_text(path: Any) -> bool:
    from pathlib import Path

    from contested.claims.claim_files import FORMATS

    return FORMATS.get(Path(str(path)).suffix.lower()) == "text"


def published_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--reference FILE`` (repeatable) and ``--no-reference``: the published estimates the
    ledger checks claims against (default: the bundled, sourced table)."""
    function = click.option(
        "--no-reference", is_flag=True,
        help="Leave the bundled published estimates out (your --reference files still count)."
    )(function)
    return click.option(
        "--reference", "reference_files", multiple=True, metavar="FILE",
        type=click.Path(dir_okay=False),
        help="A CSV of published estimates to check claims against, in the bundled table's "
        "columns (repeatable; see `contested ledger --help`).")(function)


def published_tables(resolved: ResolvedClaims, reference_files: Sequence[Any],
                     no_reference: bool) -> list[Any]:
    """The published-estimate tables a command uses (bundled unless --no-reference)."""
    from contested.pipeline import published_tables as tables

    return tables(resolved, reference_files, include_bundled=not no_reference)


def boundaries_options(layer_flags: tuple[str, ...] = ("--boundaries-layer",)) -> Decorator:
    """``--boundaries FILE [--boundaries-layer NAME] [--name-field F] [--id-field F]``: the
    user's own units, read once and handed to the command as ``units`` (UserUnits or None).

    Commands with an output ``--layer`` of their own (export) take ``--boundaries-layer``;
    ``contested boundaries`` also takes ``--layer``.
    """
    options = [
        click.option("--boundaries", "boundaries_path", metavar="FILE",
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Your own admin units (any file GDAL reads: COD-AB, geoBoundaries, "
                          "GADM ...), used for containment, shading, popups and credit."),
        click.option(*layer_flags, "boundaries_layer", metavar="NAME",
                     help="Layer of a --boundaries file with several (a GeoPackage)."),
        click.option("--name-field", metavar="FIELD",
                     help="Column of unit names in --boundaries (default: the usual ones, "
                          "name, shapeName, ADM2_EN ...)."),
        click.option("--id-field", metavar="FIELD",
                     help="Column of unit codes in --boundaries (default: ADM2_PCODE, "
                          "shapeID ... when present)."),
    ]

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def with_units(*args: Any, boundaries_path: Path | None, boundaries_layer: str | None,
                       name_field: str | None, id_field: str | None, **kwargs: Any) -> Any:
            units = load_units(boundaries_path, boundaries_layer, name_field, id_field)
            return command(*args, units=units, **kwargs)

        for option in reversed(options):
            with_units = option(with_units)
        return with_units

    return decorate


def load_units(
    path: Path | None, layer: str | None, name_field: str | None, id_field: str | None
) -> UserUnits | None:
    """The user's boundary file as units (None without one); repairs reported on stderr."""
    if path is None:
        given = [flag for flag, value in (("--boundaries-layer", layer),
                                          ("--name-field", name_field),
                                          ("--id-field", id_field)) if value]
        if given:
            raise click.UsageError(f"{', '.join(given)} needs --boundaries FILE")
        return None
    from contested.geo.user_units import read_user_units

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        units = read_user_units(path, layer=layer, name_field=name_field, id_field=id_field)
    for warning in caught:
        say(f"contested: warning: {warning.message}")
    return units


def load_settings(config_path: str | None = None) -> Any:
    """The settings of this run (environment, config file, defaults), read once."""
    from contested.core.settings import Settings

    return Settings.load(config_path=config_path)


def http_client(settings: Any) -> Any:
    """The polite HTTP client of a command that goes online."""
    from contested.core.http import PoliteClient

    return PoliteClient.from_settings(settings)

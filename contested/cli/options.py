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


def load_resolved_claims(
    paths: Sequence[Any], *, skip_unresolved: bool = False, units: UserUnits | None = None
) -> ResolvedClaims:
    """Claims of ``paths`` with every name resolved once (see contested.pipeline); scopes
    may name the units of the user's boundary file (``units``)."""
    from contested.pipeline import load_resolved

    return load_resolved(list(paths), skip_unresolved=skip_unresolved, warn=say, units=units)


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

"""Options several commands share, defined once (as fio and rio do), and the one way the
commands load claims: files read, names resolved once, the unknown-place policy applied."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from contested.cli.output import say

if TYPE_CHECKING:
    from contested.claims.resolved import ResolvedClaims

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
    paths: Sequence[Any], *, skip_unresolved: bool = False
) -> ResolvedClaims:
    """Claims of ``paths`` with every name resolved once (see contested.pipeline)."""
    from contested.pipeline import load_resolved

    return load_resolved(list(paths), skip_unresolved=skip_unresolved, warn=say)

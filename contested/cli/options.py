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


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
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
        "--date", "document_date", callback=_check_date, metavar="YYYY-MM-DD",
        help="Publication date of a single news text or stdin (anchors 'last week', "
        "'on Thursday'; default: front matter, else the dateline).")(function)


def load_resolved_claims(
    paths: Sequence[Any], *, skip_unresolved: bool = False, date: str | None = None,
    source: str | None = None,
) -> ResolvedClaims:
    """Claims of ``paths`` with every name resolved once (see contested.pipeline)."""
    from contested.pipeline import load_resolved

    texts = [p for p in paths if str(p) == "-" or _is_text(p)]
    if (date or source) and len(texts) != 1:
        raise click.UsageError("--date and --source describe one news text: pass exactly "
                               "one text file (or -)")
    return load_resolved(list(paths), skip_unresolved=skip_unresolved, warn=say,
                         date=date, source=source)


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

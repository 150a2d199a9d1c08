"""The ``contested`` command: a click group whose subcommands live in sibling modules.

Subcommands are imported only when called, so ``contested resolve`` never pays for geopandas
or folium. Data goes to stdout (JSON Lines with ``--json``), messages to stderr. A
:class:`~contested.core.exceptions.ContestedError` becomes its message and its ``exit_code``.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from contested.core.exceptions import ContestedError
from contested.core.text import printable

# name -> "module:attribute"; one line per subcommand, each in its own module.
SUBCOMMANDS: dict[str, str] = {
    "resolve": "contested.cli.resolve:resolve",
    "gazetteer": "contested.cli.gazetteer_cmd:gazetteer",
    "extract": "contested.cli.extract:extract",
    "check": "contested.cli.check:check",
    "map": "contested.cli.map_cmd:map_",
    "export": "contested.cli.export:export",
    "boundaries": "contested.cli.boundaries:boundaries",
    "run": "contested.cli.run:run",
    "ledger": "contested.cli.ledger:ledger",
    "timeline": "contested.cli.timeline:timeline",
    "corpus": "contested.cli.corpus:corpus",
}

SUMMARIES: dict[str, str] = {
    "resolve": "Resolve place names (any spelling, Arabic too) to coordinates and admin units.",
    "gazetteer": "Build or inspect the offline gazetteer index.",
    "extract": "Read area claims out of news text.",
    "check": "Test claims: units, arithmetic, size comparisons, containment, agreement.",
    "map": "Draw claims, boundaries and reference shapes as one static HTML map.",
    "export": "Write claims as GIS layers (GeoJSON, GeoPackage, GeoParquet, FlatGeobuf).",
    "boundaries": "List, show or fetch administrative boundaries with geodesic areas.",
    "run": "The whole pipeline on the bundled example (or your files): resolve, check, map.",
    "ledger": "Estimates of ground held, peak and lost over time, with published bands.",
    "timeline": "Draw the ledger: published bands and claims by verdict (.html/.svg/.png).",
    "corpus": "A news archive on every core or a Dask cluster: claims as GeoParquet, one report.",
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs.

    ``subcommands`` maps a name to "module:attribute"; ``summaries`` gives the one-line help
    of each, so that ``--help`` does not import every subcommand.
    """

    def __init__(
        self,
        *args: Any,
        subcommands: dict[str, str] | None = None,
        summaries: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.subcommands = subcommands or {}
        self.summaries = summaries

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.subcommands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.subcommands.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                return None
            raise
        return getattr(module, attribute, None)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Refuse an argument that is not UTF-8 (a byte Python could not decode reaches argv
        as a lone surrogate): as a name it would be fuzzy-matched to some place, as a file
        name or a title it would end up as invalid UTF-8 in every output."""
        for arg in args:
            refuse_undecodable(arg)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; a ContestedError becomes one line on stderr and its exit
        code (here, so that click's test runner sees what a shell sees)."""
        try:
            return super().invoke(ctx)
        except ContestedError as error:
            click.echo(f"contested: error: {printable(error)}", err=True)
            ctx.exit(error.exit_code)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.summaries is None:
            super().format_commands(ctx, formatter)
            return
        rows = [(name, self.summaries.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def refuse_undecodable(arg: str) -> None:
    """Raise a UsageError (exit 2) naming ``arg``, its bad bytes escaped, unless it is UTF-8."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise click.UsageError(
            f"the argument '{printable(shown[:200])}' is not valid UTF-8: pass names, titles "
            "and file names in UTF-8 (set the terminal or script to UTF-8, e.g. "
            "LANG=C.UTF-8; rename a file whose name is not)") from None


@click.group(
    cls=LazyGroup,
    subcommands=SUBCOMMANDS,
    summaries=SUMMARIES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="contested")
def cli() -> None:
    """Put claims about contested territory on the map and test them.

    \b
    Exit codes: 0 ok, 1 a check failed, 2 usage or input error,
                3 a place name could not be resolved, 4 an online source failed.
    Every subcommand takes --json and then prints JSON Lines on stdout, nothing else.

    \b
    Examples:
      contested resolve Hawija Huwayjah الحويجة --json
      contested extract article.txt --json
      contested check article.txt claims.yaml --report report.md
      contested map claims.yaml -o map.html --offline
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the group, turning ContestedError into a message and an exit code."""
    try:
        # Outside standalone mode click returns the code of ctx.exit() instead of exiting.
        code = cli.main(args=argv, prog_name="contested", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.message = printable(error.message)  # it may quote a hostile argument
        error.show()
        sys.exit(error.exit_code)
    except ContestedError as error:
        click.echo(f"contested: error: {printable(error)}", err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        # `contested ... | head` closed the pipe: not an error of ours.
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)

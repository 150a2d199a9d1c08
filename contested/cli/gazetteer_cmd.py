"""``contested gazetteer build|info``: build or inspect the offline gazetteer index."""

from __future__ import annotations

import sqlite3

import click

from contested.cli.output import echo, emit_json, say


@click.group(
    epilog="""\b
Examples:
  contested gazetteer build            # build once (also happens on first use)
  contested gazetteer build --force    # rebuild even if a sound index exists
  contested gazetteer info --json""",
)
def gazetteer() -> None:
    """Build or inspect the offline gazetteer index (SQLite, in the user cache dir).

    The cache dir is platformdirs' user cache dir for "contested", or $CONTESTED_CACHE_DIR
    (read once, by contested.core.settings.Settings).
    """


@gazetteer.command()
@click.option("--force", is_flag=True, help="Rebuild even if a sound index exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the index meta as one JSON line.")
def build(force: bool, as_json: bool) -> None:
    """Build the index from the shipped data pack (about a minute)."""
    from contested.core.settings import Settings
    from contested.gazetteer.index import (
        PLACES_FILE,
        build_index,
        check_index,
        index_path,
        read_pack,
    )

    pack = read_pack()
    path = index_path(pack, Settings.load().cache_dir)
    problem = None if force else check_index(path, pack)
    if problem is None and not force:
        info = {"path": str(path), "built": False, **_meta(path)}
        say(f"gazetteer index {path} is up to date (use --force to rebuild)")
    else:
        if problem not in (None, "missing"):
            say(f"gazetteer index {path} is {problem}; rebuilding it")
        meta = build_index(path, PLACES_FILE, pack)
        info = {"path": str(path), "built": True, **meta}
        say(f"built gazetteer index {path}: {meta['places']} places, {meta['keys']} keys "
            f"in {meta['build_seconds']} s")
    if as_json:
        emit_json(info)


@gazetteer.command()
@click.option("--json", "as_json", is_flag=True, help="Print the information as one JSON line.")
def info(as_json: bool) -> None:
    """Show the index path, data version and row counts."""
    from contested.core.settings import Settings
    from contested.gazetteer.index import check_index, index_path, read_pack

    pack = read_pack()
    path = index_path(pack, Settings.load().cache_dir)
    problem = check_index(path, pack)
    record = {
        "path": str(path),
        "pack_version": pack.get("version"),
        "countries": pack.get("countries"),
        "focus": pack.get("focus"),
        "status": "ok" if problem is None else problem,
    }
    if problem is None:
        record.update(_meta(path))
    if as_json:
        emit_json(record)
        return
    for key, value in record.items():
        if isinstance(value, list):
            value = ",".join(value)
        echo(f"{key}: {value}")
    if problem is not None:
        say("run `contested gazetteer build` to build it")


def _meta(path) -> dict:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT k, v FROM meta"))
    finally:
        connection.close()
    for key in ("places", "names", "keys", "page_count", "schema", "fold_version"):
        if key in meta:
            meta[key] = int(meta[key])
    return meta

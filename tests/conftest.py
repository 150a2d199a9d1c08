"""Shared fixtures. The seed articles and the analyst's reading of them live outside the
repository (../shared/); tests that need them skip with a reason where they are absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CONTESTED_SHARED_DIR", REPO.parent / "shared"))
SEEDS_DIR = SHARED / "seeds"
EVAL_DIR = SHARED / "eval"
DATA_DIR = SHARED / "data"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the seed articles are not part of the repository)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SEEDS_DIR)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    return _need(EVAL_DIR)


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    return _need(DATA_DIR)


@pytest.fixture(scope="session")
def seed_claims(eval_dir: Path) -> dict:
    import yaml

    return yaml.safe_load((eval_dir / "seed_claims.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gazetteer():
    """The default gazetteer (index built once per machine in the user cache dir)."""
    from contested.gazetteer import default_gazetteer

    return default_gazetteer()


# --- contested corpus (tests/test_corpus*.py): one archive and one local run per session ---


@pytest.fixture(scope="session")
def corpus_archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A small archive: JSON Lines (with broken records), gzipped, Parquet, text files."""
    from corpus_fixtures import write_archive

    return write_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="session")
def local_corpus_run(corpus_archive: dict[str, Path], tmp_path_factory: pytest.TempPathFactory):
    """`contested corpus` over the whole archive on 2 local workers: (out folder, process)."""
    from corpus_fixtures import contested

    out = tmp_path_factory.mktemp("corpus") / "out"
    inputs = [str(corpus_archive[kind]) for kind in ("jsonl", "gz", "parquet", "texts")]
    run = contested("corpus", *inputs, "-o", str(out), "--workers", "2", "--partition-mb",
                    "0.05", "--json")
    assert run.returncode == 0, run.stderr[-3000:]
    return out, run

"""Every docstring example of the package runs, as written, and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import contested

REPO = Path(__file__).resolve().parents[1]


def _modules() -> list[str]:
    names = ["contested"]
    for info in pkgutil.walk_packages(contested.__path__, "contested."):
        names.append(info.name)
    # The layers installed under contested.* from their own folders.
    for layer in ("core", "gazetteer", "claims", "online", "geo", "checks", "maps"):
        package = importlib.import_module(f"contested.{layer}")
        names.append(package.__name__)
        names += [info.name for info in pkgutil.walk_packages(package.__path__,
                                                             f"{package.__name__}.")]
    # contested.__main__ runs the command line when imported.
    return sorted(set(names) - {"contested.__main__"})


MODULES = _modules()


def test_every_layer_is_searched_for_examples() -> None:
    assert {"contested.resolution", "contested.checks.ledger", "contested.core.settings",
            "contested.claims.documents", "contested.maps.timeline"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # examples name files relative to the repository
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                             verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"

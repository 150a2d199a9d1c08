"""Check the layer contract (import-linter, [tool.importlinter] in pyproject.toml).

    python scripts/lint_layers.py

The repository keeps one folder per layer at the top (geo/, gazetteer/, maps/, ...) and
setuptools installs them as contested.geo, contested.gazetteer, ...; import-linter (grimp)
reads a package from its folder, so this script lays the installed tree out in a temporary
folder of symlinks, exactly as a wheel would, and runs ``lint-imports`` on it. Exit code
and output are lint-imports' own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def package_dirs(pyproject: Path = REPO / "pyproject.toml") -> dict[str, Path]:
    """Package name → its folder, from [tool.setuptools] packages and package-dir."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["setuptools"]
    mapping = config.get("package-dir", {})
    dirs: dict[str, Path] = {}
    for package in config["packages"]:
        parent, _, leaf = package.rpartition(".")
        if package in mapping:
            dirs[package] = REPO / mapping[package]
        elif parent in dirs:
            dirs[package] = dirs[parent] / leaf
        else:
            dirs[package] = REPO / package.replace(".", "/")
    return dirs


def mirror(target: Path) -> Path:
    """Lay the packages out under ``target`` as installed (symlinks to the .py files)."""
    for package, folder in package_dirs().items():
        destination = target / package.replace(".", "/")
        destination.mkdir(parents=True, exist_ok=True)
        for source in folder.glob("*.py"):
            (destination / source.name).symlink_to(source)
    return target


def main() -> int:
    lint = Path(sys.executable).with_name("lint-imports")
    with tempfile.TemporaryDirectory(prefix="contested-layers-") as folder:
        mirror(Path(folder))
        env = {**os.environ, "PYTHONPATH": folder}
        command = [str(lint) if lint.exists() else "lint-imports",
                   str(REPO / "pyproject.toml"), "--no-cache"]
        return subprocess.run(command, env=env, cwd=folder, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())

"""Count modules over 400 lines and functions over 60 lines (the architecture's limits).

    python scripts/code_size.py [FOLDER ...]     # default: the layers' folders

Prints the counts and each offender; asserts nothing (the numbers go in a closing note).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDERS = ("contested", "core", "gazetteer", "claims", "online", "geo", "checks", "maps")
MODULE_LINES, FUNCTION_LINES = 400, 60


def offenders(folders: list[Path]) -> tuple[list[str], list[str]]:
    modules, functions = [], []
    for path in sorted(p for folder in folders for p in folder.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)
        lines = text.count("\n") + 1
        if lines > MODULE_LINES:
            modules.append(f"{name}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    functions.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    return modules, functions


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [REPO / f for f in FOLDERS if (REPO / f).exists()]
    modules, functions = offenders(folders)
    print(f"modules over {MODULE_LINES} lines: {len(modules)}")
    print("".join(f"  {m}\n" for m in modules), end="")
    print(f"functions over {FUNCTION_LINES} lines: {len(functions)}")
    print("".join(f"  {f}\n" for f in functions), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

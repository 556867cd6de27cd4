"""Fail when a function in the project's own code is longer than 60 lines (migrations, tests and the venv aside).

A long function does several things: split it into well-named parts. Run by `make test` (target `functions`).
Usage: python scripts/long_functions.py [--max N]
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 60
SKIPPED_DIRS = {".venv", "var", "node_modules", "migrations", "tests", "browser_tests", "static", "locale"}


def project_files(root: Path = ROOT) -> Iterator[Path]:
    """The project's own Python files: no virtualenv, migrations or tests."""
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts[:-1])
        if parts & SKIPPED_DIRS or any(p.startswith(".") for p in parts):
            continue
        if path.name == "conftest.py" or path.name.startswith("test_"):
            continue
        yield path


def long_functions(root: Path = ROOT, max_lines: int = MAX_LINES) -> list[tuple[str, int, str, int]]:
    """(file, line, name, length) of every function longer than ``max_lines``, from ``def`` to its last line."""
    found = []
    for path in project_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > max_lines:
                    found.append((str(path.relative_to(root)), node.lineno, node.name, length))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=MAX_LINES, help="longest function allowed, in lines")
    args = parser.parse_args()
    found = long_functions(max_lines=args.max)
    for file, line, name, length in found:
        print(f"{file}:{line}: {name} is {length} lines long (at most {args.max}): split it into well-named parts")
    if found:
        return 1
    print(f"No function is longer than {args.max} lines.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

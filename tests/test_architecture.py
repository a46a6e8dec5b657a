"""Rules modules stay pure; the layers between domains are import-linter's contract in
pyproject.toml, checked by `make lint`."""

import ast
from pathlib import Path

from storefront.config import ROOT

PACKAGE = ROOT / "storefront"


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_rules_modules_stay_free_of_flask_and_the_database() -> None:
    for path in PACKAGE.rglob("rules.py"):
        forbidden = {m for m in imports_of(path) if m.split(".")[0] in {"flask", "sqlalchemy"}}
        assert forbidden == set(), path

"""Domains depend downwards only: no domain imports another's views, and nothing imports
the channel layers (pwa, kiosk) that sit on top of them."""

import ast
from pathlib import Path

from storefront.config import ROOT

PACKAGE = ROOT / "storefront"
DOMAINS = {"catalog", "cart", "wishlist", "stores", "pickup", "accounts"}
CHANNELS = {"pwa", "kiosk"}


def imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def owner(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def test_no_back_edges_between_domains() -> None:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        mine = owner(path)
        for module in imports_of(path):
            parts = module.split(".")
            if parts[0] != "storefront" or len(parts) < 2:
                continue
            theirs = parts[1]
            if theirs in CHANNELS and mine != theirs:
                problems.append(f"{path.relative_to(ROOT)} imports channel layer {module}")
            if mine in DOMAINS and theirs in DOMAINS - {mine} and parts[2:3] == ["views"]:
                problems.append(f"{path.relative_to(ROOT)} imports another domain's views {module}")
            if mine in DOMAINS and theirs == "__init__":
                problems.append(f"{path.relative_to(ROOT)} imports the app factory")
    assert problems == []


def test_rules_modules_stay_free_of_flask_and_the_database() -> None:
    for path in PACKAGE.rglob("rules.py"):
        forbidden = {m for m in imports_of(path) if m.split(".")[0] in {"flask", "sqlalchemy"}}
        assert forbidden == set(), path

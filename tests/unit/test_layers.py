"""The areas of caseapp import each other in one order, lowest first, and never against it.

Read from the source itself (every import, inside functions too): a module may import its own area and
the layers below. Two areas of one layer do not import each other, except in the layers marked as one
unit (the foundation's building blocks, auth with its gate, the entry points), where imports between
areas go one way only (no cycle). The order is the one written down in docs/architecture.md; a new
package must be given its layer here.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "caseapp"

# Lowest first. Each entry is a layer: the areas (top-level modules and packages of caseapp) in it.
LAYERS: list[set[str]] = [
    # Foundation: plain building blocks that know nothing of any area.
    {"caseapp", "db", "extensions", "errors", "validation", "pagination", "locking", "sandbox", "forms", "i18n",
     "transaction", "protection", "ilo", "conflicts", "operations"},
    {"audit"},                       # records actor ids; imports no area
    {"auth", "security"},            # accounts, sign-in; the gate every route passes (one unit)
    {"cases"},
    {"parties", "persons"},
    {"sources"},
    {"assessment"},
    {"search"},                      # finding cases (and, later, everything) across the areas below
    {"reports", "backup"},
    {"notifications"},               # listens to what cases and reports announce
    {"privacy"},
    # The edge: pages that gather several areas, the web's own pages, the API, import and export.
    {"pages", "main", "admin", "api"},
    {"transfer", "docs"},
    {"demo", "cli", "worker", "monitoring", "app"},
]
# Layers whose areas may import each other, one way (the foundation's blocks build on one another).
UNITS = {0, 2, len(LAYERS) - 1}


def layer_of(area: str) -> int:
    for index, layer in enumerate(LAYERS):
        if area in layer:
            return index
    raise AssertionError(f"caseapp.{area} has no layer: give it one in tests/unit/test_layers.py and "
                         f"docs/architecture.md")


# The gate (caseapp/security.py) is the auth area's edge: auth's routes use it, it asks auth about sessions.
# Loading a record for a user asks the gate.
ALIASES = {"security": "auth", "loading": "auth", "__version__": "caseapp"}  # the release: caseapp/__init__.py


def _area(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "caseapp":
        return None
    area = parts[1] if len(parts) > 1 else "caseapp"
    return ALIASES.get(area, area)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> list[tuple[str, str]]:
    """Every (importing module, imported module) pair inside caseapp, function-level imports included."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [f"caseapp.{a.name}" for a in node.names] if node.module == "caseapp" else [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            found += [(module, target) for target in targets if _area(target) is not None]
    return found


def test_every_area_has_a_layer():
    areas = {_area(_module_name(path)) for path in PACKAGE.rglob("*.py")}
    for area in areas:
        layer_of(area)


def test_no_import_goes_up_or_sideways():
    wrong = []
    for module, target in imports():
        source, goal = _area(module), _area(target)
        if source == goal:
            continue
        upward = layer_of(goal) > layer_of(source)
        sideways = layer_of(goal) == layer_of(source) and layer_of(source) not in UNITS
        if upward or sideways:
            wrong.append(f"{module} imports {target} ({source} may not import {goal})")
    assert wrong == []


def test_areas_import_each_other_without_a_cycle():
    edges: dict[str, set[str]] = {}
    for module, target in imports():
        if _area(module) != _area(target):
            edges.setdefault(_area(module), set()).add(_area(target))
    visiting, done, cycles = set(), set(), []

    def visit(area, path):
        if area in visiting:
            cycles.append(" -> ".join(path[path.index(area):] + [area]))
            return
        if area in done:
            return
        visiting.add(area)
        for goal in sorted(edges.get(area, ())):
            visit(goal, path + [area])
        visiting.discard(area)
        done.add(area)

    for area in sorted(edges):
        visit(area, [])
    assert cycles == []

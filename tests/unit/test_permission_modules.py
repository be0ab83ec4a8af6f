"""Every caseapp/*/permissions.py holds pure predicates: a user first, nothing from Flask or the database."""
import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FILES = sorted((ROOT / "caseapp").glob("*/permissions.py"))
MODULES = [f"caseapp.{path.parent.name}.permissions" for path in FILES]
FORBIDDEN_IMPORTS = ("flask", "flask_login", "flask_wtf", "werkzeug", "sqlalchemy", "caseapp.extensions",
                     "caseapp.db")


def test_the_areas_have_their_permission_modules():
    areas = {path.parent.name for path in FILES}
    assert {"cases", "parties", "persons", "sources", "assessment", "reports", "notifications",
            "transfer", "auth"} <= areas


def _imported_names(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.parent.name)
def test_a_permission_module_imports_nothing_of_flask_or_the_database(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [name for name in _imported_names(tree)
                if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN_IMPORTS)]
    assert imported == []
    sessions = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "session"]
    assert sessions == [], "a predicate is given what it decides on; it never queries"


@pytest.mark.parametrize("module", MODULES)
def test_a_permission_module_loads_neither_flask_nor_sqlalchemy(module):
    code = (f"import sys, {module}; "
            "sys.exit(1 if {'flask', 'sqlalchemy'} & {name.split('.')[0] for name in sys.modules} else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"{module} dragged Flask or SQLAlchemy in: {result.stderr}"


@pytest.mark.parametrize("module", MODULES)
def test_every_predicate_takes_the_user_first(module):
    loaded = importlib.import_module(module)
    functions = [obj for _name, obj in inspect.getmembers(loaded, inspect.isfunction) if obj.__module__ == module]
    wrong = [fn.__name__ for fn in functions if next(iter(inspect.signature(fn).parameters), None) != "user"]
    assert wrong == []

"""Every page and endpoint loads a record for its user the same way: through caseapp.loading.load.

A loader of its own (db.session.get, then abort or NotFound, then require) is how answers drifted apart
(a 403 here for what is a 404 there); each area names its loaders once, and they all call `load`.
"""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "caseapp"


def _functions():
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                yield path.relative_to(PACKAGE.parent), node


def _calls(function: ast.FunctionDef) -> set[str]:
    return {node.func.id for node in ast.walk(function)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def test_every_loader_calls_load():
    loaders = [(path, f) for path, f in _functions() if f.name.startswith(("load_", "_load")) and "views" in str(path)]
    assert len(loaders) >= 7
    assert [f"{path}:{f.name}" for path, f in loaders if "load" not in _calls(f)] == []


# Views that read a record by id for something other than showing it to the user, and why.
NOT_LOADERS = {
    "_pending_user": "the account of a sign-in in progress: nobody is signed in yet",
    "_case_to_cite": "the case a new source will be cited by, if the user may edit it; otherwise none",
}


def test_no_view_or_endpoint_fetches_a_record_by_its_id_itself():
    by_hand = []
    for path, function in _functions():
        if (path.parts[1] in ("api", "pages") or path.name.endswith("views.py")) and function.name not in NOT_LOADERS:
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and ast.unparse(node.func) == "db.session.get":
                    by_hand.append(f"{path}:{function.name}")
    assert by_hand == []

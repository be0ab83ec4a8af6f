"""Transactions are decided at the edge (caseapp.transaction), never by a view, an endpoint or a service.

A commit in a view kept half of a change when the next step failed; a rollback in another undid the
bookkeeping a third had just written. Reading every call keeps it that way as the code grows.
"""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "caseapp"

# Where a commit outside the edge is the point, and why.
OWN_TRANSACTIONS = {
    "caseapp/transaction.py": "the edge itself",
    "caseapp/protection/rotation.py": "key rotation commits batch by batch on the session it is given, so a long "
                                      "rotation never holds a lock and a request writing meanwhile is caught next pass",
    "caseapp/transfer/jobs.py": "a background import is its own transaction: every case of the file at once, or "
                                "none (rolled back), then how it went, read by the page that waits for it",
}

# Who may keep something at once (transaction.keep_now), and why it must outlive the request's own changes.
KEEPERS = {
    "caseapp/app.py": "the session's last request and a token's last use, before any view runs",
    "caseapp/auth/views.py": "the audit entry of a failed sign-in step",
    "caseapp/api/errors.py": "the read of a person's record shown by a 409",
    "caseapp/persons/views.py": "the read of a person's record shown on the conflict screen",
    "caseapp/reports/services.py": "a dossier job's progress and outcome, read by the page that waits for it",
}


def _calls():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                yield relative, ast.unparse(node.func), node.lineno


def test_only_the_edge_commits_or_rolls_back():
    found = [f"{path}:{line} {name}()" for path, name, line in _calls()
             if name.endswith((".commit", ".rollback")) and path not in OWN_TRANSACTIONS]
    assert found == []


def test_what_is_kept_at_once_is_named_bookkeeping():
    keepers = {path for path, name, _ in _calls() if name == "keep_now"}
    assert keepers == set(KEEPERS)


def test_the_rule_can_see_a_commit():
    """The readers above would find a commit written as views once wrote them."""
    tree = ast.parse("def view():\n    db.session.commit()\n")
    calls = [ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert calls == ["db.session.commit"]

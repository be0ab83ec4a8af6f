"""Importing the package or its plain-Python modules must not drag Flask in."""
import subprocess
import sys

import pytest

PURE_MODULES = ["caseapp", "caseapp.auth.redirects", "caseapp.audit.changes", "caseapp.audit.chain", "caseapp.cases.vocab",
                "caseapp.auth.roles", "caseapp.errors", "caseapp.protection.redaction", "caseapp.reports.charts",
                "caseapp.reports.manifest", "caseapp.reports.pdf", "caseapp.reports.permissions",
                "caseapp.protection.keys", "caseapp.protection.ciphers"]


@pytest.mark.parametrize("module", PURE_MODULES)
def test_module_imports_without_flask(module):
    code = f"import sys, {module}; sys.exit(1 if 'flask' in sys.modules else 0)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"{module} imported Flask: {result.stderr}"

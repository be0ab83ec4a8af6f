"""Fixtures shared by the integration and browser tests."""
from __future__ import annotations

import os
import tempfile

# Every app the suite builds keeps its instance files out of the project; each process of a parallel run
# (pytest-xdist) has its own.
if os.environ.get("PYTEST_XDIST_WORKER") or "CASEAPP_INSTANCE_PATH" not in os.environ:
    os.environ["CASEAPP_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="caseapp-test-instance-")

"""Fixtures shared by the integration and browser tests."""
from __future__ import annotations

import os
import tempfile

# Every app the suite builds keeps its instance files out of the project.
os.environ.setdefault("CASEAPP_INSTANCE_PATH", tempfile.mkdtemp(prefix="caseapp-test-instance-"))

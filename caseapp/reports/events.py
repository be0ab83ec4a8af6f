"""What the reports area announces to the areas above it, which it must not import (notifications listens).

Each signal is sent with the export (a ReportExport), and the actor as `actor`.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

export_waiting = _signals.signal("export-waiting")  # to the coordinators: an advocate's export needs approval
export_approved = _signals.signal("export-approved")  # to the person who asked for it
export_refused = _signals.signal("export-refused")  # to the person who asked for it

"""What the cases area announces to the areas above it, which it must not import (notifications listens).

Each signal is sent with the case, and the actor as `actor`.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

case_submitted = _signals.signal("case-submitted")  # to the organisation's coordinators
case_returned = _signals.signal("case-returned")  # to the assigned caseworker
case_assigned = _signals.signal("case-assigned")  # to the new assignee (sent as `assignee`)
case_commented = _signals.signal("case-commented")  # to the assignee and the coordinators
case_reopened = _signals.signal("case-reopened")  # a verified case changed: back to review; to the same
case_restored = _signals.signal("case-restored")  # a draft back from the bin: to its assignee

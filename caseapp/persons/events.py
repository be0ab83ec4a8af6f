"""What the persons area announces to the areas above it, which it must not import (privacy listens).

Each signal is sent with the person, and the actor as `actor`.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Before a person's record is removed from their case: a listener may refuse it by raising ServiceError
# (privacy: while the person is still named in texts that readers without need-to-know receive).
person_removing = _signals.signal("person-removing")

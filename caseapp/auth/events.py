"""What the auth area announces to the areas above it, which it must not import.

A higher area (notifications) connects a receiver when the app is built; auth only sends.
"""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# An account was just locked out by too many failed sign-in steps. Sent with the account (a User).
account_locked = _signals.signal("account-locked")

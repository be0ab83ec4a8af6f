"""When a session ends by itself, and when a sign-in counts as recent."""
from datetime import datetime, timedelta, timezone

from caseapp.auth import timeouts

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
SERVER = timeouts.effective(30, 720, None, None)


def test_the_servers_timeouts_apply_when_the_organisation_sets_none():
    assert SERVER == timeouts.Timeouts(timedelta(minutes=30), timedelta(hours=12))


def test_an_organisation_can_shorten_the_timeouts_but_not_lengthen_them():
    assert timeouts.effective(30, 720, 10, 120) == timeouts.Timeouts(timedelta(minutes=10), timedelta(hours=2))
    assert timeouts.effective(30, 720, 90, 2000) == SERVER


def test_a_session_used_within_the_idle_timeout_stays_active():
    assert timeouts.state(T0, T0 + timedelta(minutes=50), T0 + timedelta(minutes=79), SERVER) == timeouts.ACTIVE


def test_thirty_minutes_without_a_request_end_the_session():
    assert timeouts.state(T0, T0, T0 + timedelta(minutes=30), SERVER) == timeouts.IDLE


def test_twelve_hours_after_sign_in_the_session_ends_however_busy():
    busy_until = T0 + timedelta(hours=12) - timedelta(seconds=5)
    assert timeouts.state(T0, busy_until, T0 + timedelta(hours=12), SERVER) == timeouts.EXPIRED


def test_a_sign_in_is_recent_for_ten_minutes():
    window = timedelta(minutes=10)
    assert timeouts.is_recent(T0, T0 + timedelta(minutes=9, seconds=59), window)
    assert not timeouts.is_recent(T0, T0 + timedelta(minutes=10), window)

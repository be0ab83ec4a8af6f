"""Counting failed sign-in steps where every worker shares the count and a restart keeps it.

Failed password, code and re-authentication steps are counted per account and per client address
(LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS) in moving windows, with the `limits`
library. The counts live in Redis when REDIS_URL is set, else in the database (`DatabaseStorage`):
never in one process's memory, where each gunicorn worker would count its own failures and a
restart would forget them all. The database storage writes on a connection of its own, committed
at once, so a request that rolls back still counts.
"""
from __future__ import annotations

import hashlib
import hmac
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import limits
from limits.storage import MovingWindowSupport, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from caseapp.auth.models import RateLimitEntry

_ENTRIES = RateLimitEntry.__table__
# Entries of every key that have left their window are swept now and then, not on every request.
SWEEP_CHANCE = 0.02


class DatabaseStorage(Storage, MovingWindowSupport):
    """A `limits` storage with moving windows on caseapp's own database (SQLite or PostgreSQL)."""

    STORAGE_SCHEME = None  # made by the app with its engine, never from a URI

    def __init__(self, engine: Callable[[], Engine]) -> None:
        super().__init__()
        self._engine = engine

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def _locked(self, connection: Connection, key: str) -> None:
        """Serialise writers of one key until the transaction ends, so two workers never both take the last slot."""
        if connection.dialect.name == "postgresql":
            lock = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
            connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": lock})
        else:
            # SQLite: the first write takes the database's write lock until commit (others wait, busy_timeout).
            connection.execute(delete(_ENTRIES).where(_ENTRIES.c.key == key, _ENTRIES.c.expires_at < time.time()))

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = time.time()
        with self._engine().begin() as connection:
            self._locked(connection, key)
            if random.random() < SWEEP_CHANCE:  # nosec B311 (when to sweep, not a secret)
                connection.execute(delete(_ENTRIES).where(_ENTRIES.c.expires_at < now))
            taken = connection.scalar(select(func.count()).select_from(_ENTRIES).where(
                _ENTRIES.c.key == key, _ENTRIES.c.at > now - expiry))
            if taken + amount > limit:
                return False
            connection.execute(insert(_ENTRIES), [{"key": key, "at": now, "expires_at": now + expiry}] * amount)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        with self._engine().connect() as connection:
            oldest, count = connection.execute(select(func.min(_ENTRIES.c.at), func.count()).where(
                _ENTRIES.c.key == key, _ENTRIES.c.at > now - expiry)).one()
        return (oldest, count) if count else (now, 0)

    # The fixed-window operations `limits` asks every storage for; sign-in throttling never uses them.
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._engine().begin() as connection:
            self._locked(connection, key)
            connection.execute(insert(_ENTRIES), [{"key": key, "at": now, "expires_at": now + expiry}] * amount)
            return connection.scalar(select(func.count()).select_from(_ENTRIES).where(
                _ENTRIES.c.key == key, _ENTRIES.c.expires_at > now))

    def get(self, key: str) -> int:
        with self._engine().connect() as connection:
            return connection.scalar(select(func.count()).select_from(_ENTRIES).where(
                _ENTRIES.c.key == key, _ENTRIES.c.expires_at > time.time()))

    def get_expiry(self, key: str) -> float:
        with self._engine().connect() as connection:
            latest = connection.scalar(select(func.max(_ENTRIES.c.expires_at)).where(_ENTRIES.c.key == key))
        return latest or time.time()

    def check(self) -> bool:
        with self._engine().connect() as connection:
            connection.execute(select(1))
        return True

    def reset(self) -> int | None:
        with self._engine().begin() as connection:
            return connection.execute(delete(_ENTRIES)).rowcount

    def clear(self, key: str) -> None:
        with self._engine().begin() as connection:
            connection.execute(delete(_ENTRIES).where(_ENTRIES.c.key == key))


def account_key(email: str, secret: str) -> str:
    """The key an account's failures are counted under, known account or not.

    An HMAC with the app's secret, not a plain hash, so that neither the store nor its logs let anyone
    confirm a guessed e-mail address.
    """
    normalised = email.strip().lower().encode()
    return "account:" + hmac.new(secret.encode(), normalised, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Failure:
    """What one failed step did: whether it started a lock-out of the account or of the address."""
    account_locked: bool = False
    address_locked: bool = False


class SignInThrottle:
    """The two sign-in limits, asked before a step and told of each failure."""

    def __init__(self, storage: Storage, per_account: str, per_address: str, enabled: bool = True) -> None:
        self.limiter = MovingWindowRateLimiter(storage)
        self.per_account = limits.parse(per_account)
        self.per_address = limits.parse(per_address)
        self.enabled = enabled

    def allows(self, account_key: str, address: str) -> bool:
        """False while either limit is used up: every attempt waits, the right password included."""
        if not self.enabled:
            return True
        return (self.limiter.test(self.per_account, "account", account_key)
                and self.limiter.test(self.per_address, "address", address))

    def failed(self, account_key: str, address: str) -> Failure:
        """Count a failed step against both limits; say which of them this failure used up first."""
        if not self.enabled:
            return Failure()
        return Failure(account_locked=self._count(self.per_account, "account", account_key),
                       address_locked=self._count(self.per_address, "address", address))

    @property
    def window_minutes(self) -> int:
        """How long a lock-out lasts at most: the per-account limit's window."""
        return max(1, self.per_account.get_expiry() // 60)

    def locked_until(self, account_key: str) -> float | None:
        """When the account's next attempt is allowed again (seconds since the epoch), if it is locked out now."""
        if not self.enabled:
            return None
        reset, remaining = self.limiter.get_window_stats(self.per_account, "account", account_key)
        return reset if remaining <= 0 else None

    def unlock(self, account_key: str) -> None:
        """Forget the account's failures (an admin's decision): its next attempt is allowed at once."""
        self.limiter.clear(self.per_account, "account", account_key)

    def _count(self, item: limits.RateLimitItem, kind: str, key: str) -> bool:
        self.limiter.hit(item, kind, key)
        if self.limiter.test(item, kind, key):
            return False
        # Used up. Reported at most once per window and key, however many workers see it and however many
        # attempts follow: someone who keeps an account locked by failing again whenever a slot frees
        # must not flood the audit log and the admins' notifications.
        marker = type(item)(1, item.multiples, namespace="LOCKOUT")
        return self.limiter.hit(marker, kind, key)


def storage_for(redis_url: str | None, engine: Callable[[], Engine]) -> Storage:
    """Redis when the server has it, else the database: shared by every worker either way."""
    return storage_from_string(redis_url) if redis_url else DatabaseStorage(engine)

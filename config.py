"""Configuration read from the environment.

`Config` is what `wsgi.py` and the CLI use; `TestConfig` is what the test
suite builds its apps from. No secret has a default outside development:
in production (`CASEAPP_ENV=production`) a missing `SECRET_KEY` stops the app.
"""
from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("CASEAPP_INSTANCE_PATH", BASE_DIR / "instance"))


class ConfigError(RuntimeError):
    """The environment does not describe a configuration the app may run with."""


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _instance_secret(filename: str) -> str:
    """Read a secret kept in instance/, creating it (mode 0600) the first time, once whoever starts first."""
    from caseapp.protection.files import create_once

    path = INSTANCE_DIR / filename
    if not path.exists():
        return create_once(path, secrets.token_urlsafe(48)).strip()
    return path.read_text().strip()


def default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'caseapp.db'}"


class Config:
    """Settings for development and production, from environment variables."""

    def __init__(self) -> None:
        self.ENV_NAME = os.environ.get("CASEAPP_ENV", "development")
        self.PRODUCTION = self.ENV_NAME == "production"
        self.INSTANCE_PATH = str(INSTANCE_DIR)
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or default_database_url()
        # PostgreSQL: the role that owns the tables, for migrations and `flask backup restore`; the app
        # itself connects with DATABASE_URL's role, which may only read and write rows (docs/deploy.md).
        self.DATABASE_OWNER_URL = os.environ.get("DATABASE_OWNER_URL") or None
        self.REDIS_URL = os.environ.get("REDIS_URL") or None
        self.SECRET_KEY = self._secret_key()
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", self.PRODUCTION)
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.REMEMBER_COOKIE_SAMESITE = "Lax"
        self.REMEMBER_COOKIE_SECURE = self.SESSION_COOKIE_SECURE
        # Sessions end on the server after this long without a request, and this long after sign-in
        # however busy (an organisation's admin may shorten both); sensitive pages ask for the password
        # again when the last sign-in is older than REAUTHENTICATION_MINUTES.
        self.SESSION_IDLE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_IDLE_TIMEOUT_MINUTES", 30))
        self.SESSION_ABSOLUTE_TIMEOUT_MINUTES = int(os.environ.get("SESSION_ABSOLUTE_TIMEOUT_MINUTES", 12 * 60))
        self.REAUTHENTICATION_MINUTES = int(os.environ.get("REAUTHENTICATION_MINUTES", 10))
        # Remember-me survives a browser restart, never the session's own timeouts.
        self.REMEMBER_COOKIE_DURATION = self.SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60
        self.PERMANENT_SESSION_LIFETIME = self.SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60
        # Roles that must sign in with a second factor (TOTP); organisations may add roles.
        self.TWO_FACTOR_REQUIRED_ROLES = tuple(
            r.strip() for r in os.environ.get("TWO_FACTOR_REQUIRED_ROLES", "coordinator,admin").split(",") if r.strip()
        )
        self.WTF_CSRF_TIME_LIMIT = None  # the session lifetime bounds the token
        self.MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 20 * 1024 * 1024))
        self.BABEL_DEFAULT_LOCALE = "en"
        self.LANGUAGES = ("en", "nl", "fr", "es", "ru", "ar")
        self.RATELIMIT_ENABLED = _flag("RATELIMIT_ENABLED", True)
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_HEADERS_ENABLED = True
        # A moving window: "10 per 15 minutes" means any 15 minutes, not the quarter of the clock.
        self.RATELIMIT_STRATEGY = "moving-window"
        # Failed sign-in steps (password, second factor, re-authentication) before 429,
        # counted per account (known or not) and per client address.
        self.LOGIN_FAILURES_PER_ACCOUNT = os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "10 per 15 minutes")
        # How many reverse proxies in front of the app set X-Forwarded-For/-Proto; 0 trusts none.
        # Behind one (nginx, Caddy), set 1: otherwise every client shares the proxy's address.
        self.TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
        self.LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "50 per 15 minutes")
        # The least time a failed sign-in step takes, whether or not its e-mail address has an account
        # (one that has is audited, a database write): its answer's time tells nothing.
        self.SIGN_IN_FAILURE_SECONDS = float(os.environ.get("SIGN_IN_FAILURE_SECONDS", 0.3))
        self.API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "600 per minute")
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        # The most characters the ILO suggestions read: the API refuses a longer text (413), and a longer
        # source is read up to here (its page says so).
        self.SUGGEST_MAX_CHARS = int(os.environ.get("SUGGEST_MAX_CHARS", 200_000))
        # Where the exact bytes of each source are kept (outside the web root), and which
        # otherwise-refused hosts the source fetcher may reach (names, addresses or networks).
        self.SOURCE_STORE_PATH = os.environ.get("SOURCE_STORE_PATH") or str(INSTANCE_DIR / "sources")
        self.SOURCE_FETCH_ALLOWED_HOSTS = os.environ.get("SOURCE_FETCH_ALLOWED_HOSTS", "")
        # Fetching a page and reading a document run in a child process stopped at these limits, so a
        # slow server, a crafted PDF or deeply nested HTML cannot hold a worker: the whole fetch (redirects
        # included), reading one document, and the memory either may use.
        self.SOURCE_FETCH_SECONDS = float(os.environ.get("SOURCE_FETCH_SECONDS", 20))
        self.SOURCE_EXTRACT_SECONDS = float(os.environ.get("SOURCE_EXTRACT_SECONDS", 20))
        self.SOURCE_READ_MEMORY_MB = int(os.environ.get("SOURCE_READ_MEMORY_MB", 1024))
        # How many fetches and readings one worker process runs at once (each holds a request thread), and
        # how many sources one person may add (each is kept for good).
        self.SOURCE_READ_CONCURRENCY = int(os.environ.get("SOURCE_READ_CONCURRENCY", 2))
        self.SOURCE_ADDS_PER_USER = os.environ.get("SOURCE_ADDS_PER_USER", "100 per hour")
        # Photos, scans and recordings: the largest file one upload may send (it goes to disk as it
        # arrives, never into memory; MAX_CONTENT_LENGTH stays the bound for every other request), the most
        # pixels an image or a video's picture may declare (a decompression bomb declares billions), and
        # how long reading one may take.
        self.MEDIA_MAX_BYTES = int(os.environ.get("MEDIA_MAX_BYTES", 500 * 1024 * 1024))
        self.MEDIA_MAX_PIXELS = int(os.environ.get("MEDIA_MAX_PIXELS", 100_000_000))
        self.MEDIA_READ_SECONDS = float(os.environ.get("MEDIA_READ_SECONDS", 60))
        # Built dossiers (PDF and manifest), kept under random names for the person who asked.
        self.REPORTS_PATH = os.environ.get("REPORTS_PATH") or str(INSTANCE_DIR / "reports")
        # Background dossier jobs: RQ on Redis when REDIS_URL is set, a thread of the app otherwise.
        self.REPORT_JOB_TIMEOUT = int(os.environ.get("REPORT_JOB_TIMEOUT", 30 * 60))
        self.REPORT_JOB_MEMORY_MB = int(os.environ.get("REPORT_JOB_MEMORY_MB", 1024))
        self.REPORT_DOSSIER_MAX_CASES = int(os.environ.get("REPORT_DOSSIER_MAX_CASES", 500))
        # An upload of more cases than this is imported in the background, with a progress bar; smaller
        # ones while the uploader waits. Progress is kept under IMPORTS_PATH (in Redis with REDIS_URL).
        self.IMPORT_INLINE_MAX = int(os.environ.get("IMPORT_INLINE_MAX", 500))
        # The most cases one file may hold: an import is one transaction, held in memory (about 10 KB a
        # case) and, on SQLite, the only writer until it ends (about 3 ms a case).
        self.IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 20_000))
        self.IMPORTS_PATH = os.environ.get("IMPORTS_PATH") or str(INSTANCE_DIR / "imports")
        # Up to this many cases a dossier is one tagged PDF; beyond, it is rendered in parts and joined.
        self.REPORT_SINGLE_PIECE_CASES = int(os.environ.get("REPORT_SINGLE_PIECE_CASES", 20))
        self.REPORT_PART_CASES = int(os.environ.get("REPORT_PART_CASES", 10))
        # How long a built dossier stays downloadable.
        self.REPORT_KEEP_DAYS = int(os.environ.get("REPORT_KEEP_DAYS", 7))
        # A deleted draft waits this many days in the bin (/cases/bin), where a coordinator can restore it;
        # `flask retention run` then purges it, whatever the organisation's retention periods.
        self.BIN_DAYS = int(os.environ.get("BIN_DAYS", 30))
        # The keys that encrypt people's identifying fields: CASEAPP_ENCRYPTION_KEYS ("id:key,id:key",
        # the current key first), or a ring generated once into instance/ for the embedded default.
        self.ENCRYPTION_KEYS_PATH = os.environ.get("ENCRYPTION_KEYS_PATH") or str(INSTANCE_DIR / "encryption_keys")
        self.ENCRYPTION_KEYS, self.ENCRYPTION_KEYS_SOURCE = self._encryption_keys()
        # The key of the audit chain's HMACs (generated once into instance/ when not given), and where
        # `flask audit verify` keeps the last chain head it saw, outside the database.
        self.AUDIT_HMAC_KEY = os.environ.get("AUDIT_HMAC_KEY") or _instance_secret("audit_hmac_key")
        self.AUDIT_ANCHOR_PATH = os.environ.get("AUDIT_ANCHOR_PATH") or str(INSTANCE_DIR / "audit_anchor.json")
        # The key files read from instance/ (a setting given in the environment has none): /health/ready
        # checks they are still there and readable.
        self.KEY_FILES = [str(INSTANCE_DIR / name) for name, setting in (("secret_key", "SECRET_KEY"),
                                                                         ("audit_hmac_key", "AUDIT_HMAC_KEY"))
                          if not os.environ.get(setting)]
        if self.ENCRYPTION_KEYS_SOURCE == "instance":
            self.KEY_FILES.append(self.ENCRYPTION_KEYS_PATH)
        # Operations (caseapp.monitoring): "json" writes one JSON line per request and per job to standard
        # error; /metrics exists only with METRICS_TOKEN, for its bearer; /health/ready fails below
        # READY_MIN_FREE_MB free in the instance folder, or when no worker has sent a heartbeat for
        # READY_WORKER_SILENCE_SECONDS (RQ's idle workers send one about every seven minutes).
        self.LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
        self.LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
        self.METRICS_TOKEN = os.environ.get("METRICS_TOKEN") or None
        self.READY_MIN_FREE_MB = int(os.environ.get("READY_MIN_FREE_MB", 500))
        self.READY_WORKER_SILENCE_SECONDS = int(os.environ.get("READY_WORKER_SILENCE_SECONDS", 480))
        # /health/ready is public: its checks run at most once in this many seconds per process.
        self.READY_CACHE_SECONDS = float(os.environ.get("READY_CACHE_SECONDS", 2))
        self.check()

    def _secret_key(self) -> str:
        key = os.environ.get("SECRET_KEY")
        if key:
            return key
        if self.PRODUCTION:
            raise ConfigError("SECRET_KEY must be set when CASEAPP_ENV=production.")
        return _instance_secret("secret_key")

    def _encryption_keys(self) -> tuple[str, str]:
        from caseapp.protection.keys import KeyRingError, format_ring, parse_ring, with_new_current_key

        configured = os.environ.get("CASEAPP_ENCRYPTION_KEYS", "").strip()
        path = Path(self.ENCRYPTION_KEYS_PATH)
        if configured:
            text, source = configured, "environment"
        else:
            if not path.exists():
                from caseapp.protection.files import create_once

                # Generated once: workers starting together all keep the one ring that reached the disk.
                create_once(path, format_ring(with_new_current_key(None)) + "\n")
            text, source = path.read_text().strip(), "instance"
        try:
            return format_ring(parse_ring(text)), source
        except KeyRingError as error:
            where = "CASEAPP_ENCRYPTION_KEYS" if source == "environment" else str(path)
            raise ConfigError(f"{where}: {error}") from None

    def check(self) -> None:
        from caseapp.auth.roles import ROLES

        unknown = set(self.TWO_FACTOR_REQUIRED_ROLES) - set(ROLES)
        if unknown:
            raise ConfigError(f"TWO_FACTOR_REQUIRED_ROLES names unknown roles: {', '.join(sorted(unknown))}.")
        if min(self.SESSION_IDLE_TIMEOUT_MINUTES, self.SESSION_ABSOLUTE_TIMEOUT_MINUTES,
               self.REAUTHENTICATION_MINUTES) < 1:
            raise ConfigError("Session timeouts and REAUTHENTICATION_MINUTES must be at least 1 minute.")
        if self.BIN_DAYS < 1:
            raise ConfigError("BIN_DAYS must be at least 1 day.")
        if self.LOG_FORMAT not in ("text", "json"):
            raise ConfigError(f"LOG_FORMAT must be text or json, not {self.LOG_FORMAT!r}.")
        if self.METRICS_TOKEN is not None and len(self.METRICS_TOKEN) < 16:
            raise ConfigError("METRICS_TOKEN must be at least 16 characters long.")
        if self.PRODUCTION and _flag("FLASK_DEBUG"):
            raise ConfigError("FLASK_DEBUG must be off when CASEAPP_ENV=production.")
        if self.PRODUCTION and len(self.SECRET_KEY) < 32:
            raise ConfigError("SECRET_KEY must be at least 32 characters in production.")
        if len(self.AUDIT_HMAC_KEY) < 32:
            raise ConfigError("AUDIT_HMAC_KEY must be at least 32 characters.")


# bandit B105: the test suite's own key, never used outside TestConfig.
TEST_ENCRYPTION_KEYS = "test1:" + "dGVzdC1rZXktZm9yLXRoZS1zdWl0ZS1vbmx5LTAxMjM="  # nosec B105


class TestConfig(Config):
    """Settings for the test suite: a given database, fast hashing, no limits."""

    __test__ = False  # not a pytest test class
    TESTING = True

    def __init__(self, database_url: str | None = None) -> None:
        super().__init__()
        self.TESTING = True
        self.SQLALCHEMY_DATABASE_URI = database_url or "sqlite://"
        # bandit B105: the test suite's own key, never used outside TestConfig.
        self.SECRET_KEY = "test-secret-key-that-is-long-enough-0123456789"  # nosec B105
        self.RATELIMIT_ENABLED = False
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.SIGN_IN_FAILURE_SECONDS = 0.0  # the tests that time sign-ins set it
        # Cheap argon2 parameters keep the suite fast; production uses the defaults.
        self.PASSWORD_HASH_FAST = True
        # Each test app keeps its snapshots apart, so tampering in one test touches no other.
        self.SOURCE_STORE_PATH = tempfile.mkdtemp(prefix="caseapp-sources-")
        self.REPORTS_PATH = tempfile.mkdtemp(prefix="caseapp-reports-")
        self.IMPORTS_PATH = tempfile.mkdtemp(prefix="caseapp-imports-")
        # One fixed ring for every test app (tests that rotate keys build their own).
        self.ENCRYPTION_KEYS = TEST_ENCRYPTION_KEYS
        self.ENCRYPTION_KEYS_SOURCE = "environment"
        # Each test app anchors its own audit chain: one test's anchor must not judge another's log.
        self.AUDIT_ANCHOR_PATH = str(Path(tempfile.mkdtemp(prefix="caseapp-audit-")) / "audit_anchor.json")
        # Jobs run in a thread of the test app unless a test asks for RQ.
        self.REDIS_URL = None
        self.KEY_FILES = []
        # A job's memory limit measures its whole process: a test worker that has run hundreds of tests holds
        # far more than a dossier needs. The test of the limit sets its own.
        self.REPORT_JOB_MEMORY_MB = 16 * 1024
        self.READY_CACHE_SECONDS = 0
        self.LOG_FORMAT = "text"
        self.METRICS_TOKEN = None

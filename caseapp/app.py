"""The application factory: a table of contents of the app."""
from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, g, has_request_context, request, session
from flask_login import AnonymousUserMixin, current_user
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from sqlalchemy import event
from sqlalchemy.engine import Engine

from caseapp.auth.roles import CASE_CREATORS
from caseapp.persons import disclosure
from caseapp import monitoring, sandbox, security, transaction
from caseapp.protection import setup as protection
from caseapp.protection.files import keep_files_private, tighten
from caseapp.extensions import babel, csrf, db, limiter, login_manager, migrate
from caseapp.transaction import keep_now
from caseapp.validation import is_whole_number

TEMPLATES = "../templates"


def create_app(config: object | None = None) -> Flask:
    """Build the app from `config` (a Config instance), or from the environment."""
    keep_files_private()  # before the configuration makes the instance folder and its keys
    if config is None:
        from config import Config

        config = Config()
    app = Flask(__name__, template_folder=TEMPLATES, instance_path=getattr(config, "INSTANCE_PATH", None))
    app.config.from_object(config)
    if app.config.get("TRUSTED_PROXIES"):
        # Only the proxies we were told about may say who the client is (rate limits per address).
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    # Ids in URLs fit the database's integer columns; a longer number is simply not found.
    app.url_map.converters["int"] = BoundedInt
    tighten(instance_files(app.config))
    register_extensions(app)
    monitoring.init_app(app)  # first: the request id for every later hook, the request's line after them all
    transaction.init_app(app)  # before the gate: its after_request runs last, on the gate's final answer
    register_events()
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_template_helpers(app)
    disclosure.install(app)  # every page's printed values: people hidden from readers without need-to-know
    security.init_app(app)
    return app


def instance_files(config) -> list[Path]:
    """What caseapp keeps on disk: its folders, the SQLite database and its companions, keys and anchor."""
    instance = Path(config["INSTANCE_PATH"]) if config.get("INSTANCE_PATH") else None
    paths = [Path(config[key]) for key in ("SOURCE_STORE_PATH", "REPORTS_PATH", "ENCRYPTION_KEYS_PATH",
                                           "AUDIT_ANCHOR_PATH") if config.get(key)]
    if instance is not None:
        paths += [instance, *instance.glob("*")]
    url = config.get("SQLALCHEMY_DATABASE_URI") or ""
    if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        database = Path(url[len("sqlite:///"):])
        paths += [database, Path(f"{database}-wal"), Path(f"{database}-shm"), Path(f"{database}-journal")]
    return paths


def _import_models() -> None:
    """Load every area's models so the metadata (and Alembic) knows all tables."""
    import caseapp.assessment.models  # noqa: F401
    import caseapp.audit.models  # noqa: F401
    import caseapp.auth.models  # noqa: F401
    import caseapp.cases.models  # noqa: F401
    import caseapp.parties.models  # noqa: F401
    import caseapp.notifications.models  # noqa: F401
    import caseapp.persons.models  # noqa: F401
    import caseapp.reports.models  # noqa: F401
    import caseapp.search.models  # noqa: F401
    import caseapp.sources.models  # noqa: F401
    import caseapp.transfer.models  # noqa: F401


def register_extensions(app: Flask) -> None:
    from caseapp.auth.views import init_throttle

    _import_models()
    from caseapp.assessment import outcomes
    from caseapp.search.index import track
    track()  # the search index follows every change, in its transaction
    outcomes.track()  # so does each case's determination
    from caseapp.assessment import review_checks

    review_checks.install()  # a case is verified once its findings marked present are signed off
    if app.config.get("PASSWORD_HASH_FAST"):
        from caseapp.auth.passwords import use_fast_hashing

        use_fast_hashing()
    protection.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(_project_dir(app) / "migrations"))
    # Before the CSRF check, which reads the form: the routes that take media may receive more than others.
    app.before_request(allow_media_uploads)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)  # the API's rate limit; sign-in failures are counted by init_throttle
    init_throttle(app)
    sandbox.set_concurrency(app.config.get("SOURCE_READ_CONCURRENCY", 2))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "basic"
    login_manager.anonymous_user = AnonymousUser
    login_manager.user_loader(load_user_from_session)
    login_manager.request_loader(load_user_from_token)


def _project_dir(app: Flask) -> Path:
    return Path(app.root_path).parent


class BoundedInt(IntegerConverter):
    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


class AnonymousUser(AnonymousUserMixin):
    role = None
    organisation_id = None


def load_user_from_session(user_id: str):
    """Flask-Login: the user of a session (or remember-me) cookie, if its server session lives on."""
    from caseapp.auth import sessions
    from caseapp.auth.models import User

    if security.is_api_request():
        return None  # the API takes tokens only, so a cookie can never be replayed there
    raw_id, _, key = user_id.partition(":")
    if not is_whole_number(raw_id) or not key or len(key) > 100:
        return None
    row = sessions.find(int(raw_id), key)
    if row is None:
        return None
    user = row.user
    state = sessions.check(row, current_app.config) if user.active else sessions.DEACTIVATED
    keep_now()  # the session's last request (or its end): bookkeeping, before any view has changed anything
    if state != "active":
        g.session_ended = state
        return None
    user = db.session.get(User, int(raw_id))
    user.session_key = key
    g.user_session = row
    return user


def load_user_from_token(req):
    """Flask-Login: the user of an `Authorization: Bearer` token, API only."""
    from caseapp.auth.services import user_for_token

    if not security.is_api_request():
        return None
    scheme, _, secret = req.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    user = user_for_token(secret.strip(), current_app.config["TWO_FACTOR_REQUIRED_ROLES"])
    if user is not None:
        g.api_token_used = True
        # The token's last use is written now, before the endpoint runs: otherwise its pending write would
        # take SQLite's write lock at the first query and hold it through a slow request (a source being
        # fetched), and every other writer would wait.
        keep_now()
    return user


def select_locale() -> str:
    """The reader's language (chosen, kept in the session from the profile at sign-in, or the browser's),
    with the browser's region when it speaks that language, so that dates and numbers are written as the
    reader writes them: "7 Dec 2026" for en-GB, "Dec 7, 2026" for en-US. The catalogue is the language's."""
    if not has_request_context():
        return "en"  # the command line speaks English
    chosen = session.get("lang")
    languages = current_app.config["LANGUAGES"]
    language = chosen if chosen in languages else request.accept_languages.best_match(languages) or "en"
    return with_region(language, [value for value, _ in request.accept_languages])


def with_region(language: str, accepted: list[str]) -> str:
    """`language`, made precise by the first accepted tag of the same language that names a known region."""
    for tag in accepted:
        parts = tag.replace("-", "_").split("_")
        if len(parts) == 2 and parts[0].lower() == language and parts[1].isalpha():
            try:
                return str(Locale.parse(f"{language}_{parts[1].upper()}"))
            except (ValueError, UnknownLocaleError):
                continue
    return language


def register_events() -> None:
    """Connect the areas that listen to what a lower area announces (connecting twice changes nothing)."""
    from caseapp.notifications.services import listen
    from caseapp.privacy.mentions import listen as listen_for_removals

    listen()
    listen_for_removals()


def register_blueprints(app: Flask) -> None:
    from caseapp.admin.views import blueprint as admin
    from caseapp.assessment.views import blueprint as assessment
    from caseapp.api import blueprint as api
    from caseapp.auth.views import blueprint as auth
    from caseapp.cases.views import blueprint as cases
    from caseapp.docs.views import blueprint as docs
    from caseapp.main.views import blueprint as main
    from caseapp.notifications.views import blueprint as notifications
    from caseapp.parties.views import blueprint as parties
    from caseapp.persons.views import blueprint as persons
    from caseapp.privacy.views import blueprint as privacy
    from caseapp.reports.views import blueprint as reports
    from caseapp.pages.home import blueprint as home
    from caseapp.pages.search import blueprint as search
    from caseapp.sources.views import blueprint as sources
    from caseapp.transfer.views import blueprint as transfer

    import caseapp.admin.audit_views  # noqa: F401  (adds the audit log page to the admin blueprint)
    import caseapp.pages.cases  # noqa: F401  (the case list and the case page, on the cases blueprint)
    import caseapp.pages.sources  # noqa: F401  (the source page, on the sources blueprint)
    import caseapp.auth.profile_views  # noqa: F401  (adds the profile routes to the auth blueprint)
    import caseapp.cases.review_views  # noqa: F401  (adds the review routes to the cases blueprint)
    import caseapp.cases.saved_views  # noqa: F401  (keeping searches of the case list)

    for bp in (main, home, auth, transfer, cases, parties, persons, sources, assessment, notifications, admin, reports,
               privacy, docs, search):
        app.register_blueprint(bp)
    csrf.exempt(api)  # the API takes bearer tokens, never cookies
    app.register_blueprint(api)


# The routes a photo or recording is uploaded to, as multipart forms: MEDIA_MAX_BYTES instead of
# MAX_CONTENT_LENGTH (the nginx site of deploy/ allows the same on these paths only).
MEDIA_UPLOAD_ENDPOINTS = frozenset({"sources.add", "api.create_source"})


def allow_media_uploads() -> None:
    """Only for someone signed in who may add sources: nobody else makes a worker read 500 MB."""
    if request.endpoint in MEDIA_UPLOAD_ENDPOINTS and request.mimetype == "multipart/form-data" and \
            (request.view_args or {}).get("origin", "upload") == "upload" and \
            current_user.is_authenticated and current_user.role in CASE_CREATORS:
        request.max_content_length = current_app.config["MEDIA_MAX_BYTES"]


def register_errorhandlers(app: Flask) -> None:
    """Errors as pages, or as JSON under /api/ (the API's own exceptions are its blueprint's)."""
    from flask_wtf.csrf import CSRFError
    from sqlalchemy.exc import DataError, OperationalError
    from werkzeug.exceptions import HTTPException

    from caseapp.api import errors as api
    from caseapp.main import errors as pages

    def either(page, json):
        return lambda error: json(error) if security.is_api_request() else page(error)

    app.register_error_handler(CSRFError, pages.handle_csrf_error)
    app.register_error_handler(DataError, either(pages.handle_data_error, api.data_error))
    app.register_error_handler(OverflowError, either(pages.handle_data_error, api.data_error))  # SQLite's word
    app.register_error_handler(HTTPException, either(pages.handle_http_error, api.http_error))

    def operational(error: OperationalError):
        if pages.database_busy(error):
            return either(pages.handle_busy, api.busy_error)(error)
        if app.testing:
            raise error
        return either(pages.handle_unexpected, lambda e: pages.handle_unexpected(e, api.http_error))(error)

    app.register_error_handler(OperationalError, operational)
    if not app.debug and not app.testing:
        unexpected = either(pages.handle_unexpected, lambda error: pages.handle_unexpected(error, api.http_error))
        app.register_error_handler(Exception, unexpected)


def register_commands(app: Flask) -> None:
    from caseapp.cli import init_app as init_cli

    init_cli(app)


def register_template_helpers(app: Flask) -> None:
    from caseapp.main.templating import init_app as init_templating

    init_templating(app)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:
    """SQLite: WAL, foreign keys, a busy timeout and a Unicode-aware lower()."""
    import sqlite3

    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    # Deleted rows (an erased person, retention) are overwritten, not left in free pages of the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
    # SQLite's own lower() folds ASCII only; search must fold Cyrillic and accents too.
    dbapi_connection.create_function("lower", 1, lambda s: s.lower() if isinstance(s, str) else s, deterministic=True)


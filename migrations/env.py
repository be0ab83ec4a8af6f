"""Alembic environment, run by Flask-Migrate inside the app (`flask db ...`)."""
import logging
from contextlib import contextmanager
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
# Keep the app's own loggers: a migration run inside a live process (a restore, the tests)
# must not silence them, as fileConfig does by default.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
# Migrations run as the role that owns the tables (DATABASE_OWNER_URL); the app's own role
# (DATABASE_URL) may read and write rows but not alter tables or their triggers.
OWNER_URL = current_app.config.get("DATABASE_OWNER_URL")
config.set_main_option(
    "sqlalchemy.url",
    (OWNER_URL or target_db.engine.url.render_as_string(hide_password=False)).replace("%", "%%"),
)


def include_object(obj, name, type_, reflected, compare_to):
    # The full-text engines' own tables, column and indexes (caseapp.search.models) are made by their
    # statements, not by the models: autogenerate must neither drop nor recreate them.
    from caseapp.search.models import ENGINE_OBJECTS

    return not (reflected and compare_to is None and name is not None and name.startswith(ENGINE_OBJECTS))


def run_migrations_offline():
    """Emit SQL to standard output instead of running it (`flask db upgrade --sql`)."""
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_db.metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


@contextmanager
def sqlite_foreign_keys_off(connection):
    """SQLite changes a table (batch mode) by copying it into a new one and dropping the old: with foreign keys
    on, that drop deletes every row that cascades from it (a change to `cases` emptied the findings). Off for
    the migration, then checked, then on again for whoever takes the connection from the pool next. The pragma
    does nothing inside a transaction, so it is set before the migration's transaction begins."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()  # ends SQLAlchemy's autobegun transaction, so that the migration's own is the outer one
    try:
        yield
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"The migration left rows that point at nothing: {broken[:5]}")
    finally:
        connection.rollback()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def run_migrations_online():
    def skip_empty_revisions(context, revision, directives):
        # `flask db migrate` with no model change writes no empty file.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty_revisions)
    conf_args.setdefault("include_object", include_object)
    if OWNER_URL:
        from sqlalchemy import create_engine

        engine = create_engine(OWNER_URL)
    else:
        engine = target_db.engine
    try:
        with engine.connect() as connection, sqlite_foreign_keys_off(connection):
            context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        if OWNER_URL:
            engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

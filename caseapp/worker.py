"""Where an RQ worker starts a dossier job: `flask report worker` has the app, a bare `rq worker` builds it.

It sits above every area because it may build the app; the job itself is caseapp.reports.jobs.run.
"""
from __future__ import annotations

from flask import Flask, has_app_context

from caseapp.extensions import db
from caseapp.reports.jobs import run

_app: Flask | None = None


def run_dossier(export_id: int) -> None:
    """RQ's entry point for a dossier job; it carries only the export's id."""
    global _app
    if has_app_context():
        # RQ forks a process per job: connections inherited from the parent must not be shared.
        db.engine.dispose(close=False)
        run(export_id)
        return
    if _app is None:
        from caseapp.app import create_app

        _app = create_app()
    with _app.app_context():
        db.engine.dispose(close=False)
        run(export_id)


def run_import(import_id: int) -> None:
    """RQ's entry point for a large import; it carries only the import's id."""
    from caseapp.transfer.jobs import run as run_import_job

    global _app
    if has_app_context():
        db.engine.dispose(close=False)
        run_import_job(import_id)
        return
    if _app is None:
        from caseapp.app import create_app

        _app = create_app()
    with _app.app_context():
        db.engine.dispose(close=False)
        run_import_job(import_id)

"""Where an RQ worker starts a job (a dossier, a large import): `flask report worker` has the app, a bare
`rq worker` builds it.

It sits above every area because it may build the app; the jobs themselves are caseapp.reports.jobs.run
and caseapp.transfer.jobs.run.
"""
from __future__ import annotations

from typing import Callable

from flask import Flask, has_app_context

from caseapp.extensions import db
from caseapp.operations import logs

_app: Flask | None = None


def _in_app(kind: str, job: Callable[[int], None], object_id: int) -> None:
    global _app
    if has_app_context():
        # RQ forks a process per job: connections inherited from the parent must not be shared.
        db.engine.dispose(close=False)
        with logs.job(kind, object_id):
            job(object_id)
        return
    if _app is None:
        from caseapp.app import create_app

        _app = create_app()
    with _app.app_context():
        db.engine.dispose(close=False)
        with logs.job(kind, object_id):
            job(object_id)


def run_dossier(export_id: int) -> None:
    """RQ's entry point for a dossier job; it carries only the export's id."""
    from caseapp.reports.jobs import run

    _in_app("dossier", run, export_id)


def run_import(import_id: int) -> None:
    """RQ's entry point for a large import; it carries only the import's id."""
    from caseapp.transfer.jobs import run

    _in_app("import", run, import_id)

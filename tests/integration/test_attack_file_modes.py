"""Attack review, item 9: what caseapp writes on disk is readable by its owner only, whatever the umask.

The database, its WAL files, the key files, the anchor, built reports and backups were created 0644.
Here `make run`'s steps run as a shell with the usual umask 022 would run them — migrate, load the demo,
verify the audit log, serve with gunicorn and sign in — followed by a report and a backup written into
the instance folder; then every folder must be 0700, every file 0600, and every preserved snapshot 0400.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.integration.served import PROJECT, free_port, wait_for_health

FLASK = str(Path(sys.executable).with_name("flask"))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def _environment(instance: Path) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items() if not key.startswith(("CASEAPP_", "DATABASE_"))}
    return {**keep, "CASEAPP_INSTANCE_PATH": str(instance), "DEMO_PASSWORD": "demo passphrase, long enough",
            "BACKUP_PASSPHRASE": "a backup passphrase for the test", "REDIS_URL": ""}


def _run(command: list[str], environment: dict[str, str]) -> None:
    # As from a login shell: umask 022, so files would be created 0644 unless caseapp sees to it.
    shell = "umask 022 && exec " + " ".join(f"'{part}'" for part in command)
    done = subprocess.run(["bash", "-c", shell], cwd=PROJECT, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def _modes(root: Path) -> dict[str, int]:
    return {str(path.relative_to(root)) or ".": stat.S_IMODE(path.lstat().st_mode)
            for path in [root, *root.rglob("*")]}


def _open_to_others(instance: Path) -> list[str]:
    """Every path under the instance folder whose mode is not what it should be."""
    wrong = []
    for name, mode in _modes(instance).items():
        path = instance / name
        snapshot = name.startswith("sources/") and path.is_file()
        wanted = 0o700 if path.is_dir() else 0o400 if snapshot else 0o600
        if mode != wanted:
            wrong.append(f"{name}: {oct(mode)}")
    return wrong


def test_make_run_s_steps_leave_nothing_readable_by_others(tmp_path):
    instance = tmp_path / "instance"
    environment = _environment(instance)
    wrong = []
    for step in (["db", "upgrade"], ["demo", "load"], ["audit", "verify"]):
        _run([FLASK, "--app", "wsgi", *step], environment)
        wrong += _open_to_others(instance)  # after each step: what a reader would find then
    port = free_port()
    server = subprocess.Popen(["bash", "-c", f"umask 022 && exec '{GUNICORN}' --bind 127.0.0.1:{port} --workers 2 "
                                             "wsgi:app"], cwd=PROJECT, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_health(f"http://127.0.0.1:{port}", server)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=10).read()  # nosec B310 (local)
        for step in (["report", "case", "1", "-o", str(instance / "report.pdf")],
                     ["backup", "create", str(instance / "nightly.backup")]):
            _run([FLASK, "--app", "wsgi", *step], environment)
            wrong += _open_to_others(instance)  # the server runs: the WAL and shared-memory files are there
        names = set(_modes(instance))
    finally:
        server.terminate()
        server.wait(10)
    assert {"caseapp.db", "caseapp.db-wal", "caseapp.db-shm", "secret_key", "audit_hmac_key", "encryption_keys",
            "audit_anchor.json", "demo-accounts.json", "report.pdf", "nightly.backup"} <= names
    assert any(name.startswith("sources/") for name in names), "the demo preserves a source"
    assert sorted(set(wrong)) == []


def test_files_an_older_version_left_open_are_closed_at_start(tmp_path):
    from caseapp.app import create_app
    from config import TestConfig

    instance = tmp_path / "instance"
    (instance / "sources").mkdir(parents=True)
    database = instance / "caseapp.db"
    for path in (database, instance / "audit_anchor.json"):
        path.write_text("")
        path.chmod(0o644)
    for folder in (instance, instance / "sources"):
        folder.chmod(0o755)
    config = TestConfig(f"sqlite:///{database}")
    config.INSTANCE_PATH, config.SOURCE_STORE_PATH = str(instance), str(instance / "sources")
    create_app(config)
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700
    assert stat.S_IMODE((instance / "sources").stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE((instance / "audit_anchor.json").stat().st_mode) == 0o600


def test_an_export_written_over_an_open_file_is_private(app, tmp_path):
    """The command line writing over a 0644 file left it 0644, so a person's export became readable by all."""
    from caseapp.persons import services as persons
    from tests.factories import make_case, make_org, make_user

    user = make_user(make_org(), "coordinator")
    person = persons.create_person(make_case(user), {"name": "Kim Ae-ri", "role": "informant"}, user)
    from caseapp.extensions import db

    db.session.commit()
    runner = app.test_cli_runner()
    for args, name in ((["persons", "export", str(person.id)], "person.json"),
                       (["cases", "export", "--as", user.email, "--format", "json"], "cases.json"),
                       (["report", "case", str(person.case_id)], "report.pdf")):
        target = tmp_path / name
        target.write_text("old")
        target.chmod(0o644)
        result = runner.invoke(args=[*args, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(target.stat().st_mode) == 0o600, name

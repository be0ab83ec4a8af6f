"""Work in a child process stopped at its time and memory limits, its answer or refusal passed back."""
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest

from caseapp import sandbox
from caseapp.errors import ServiceError

QUICK = sandbox.Limits(seconds=10, memory_mb=1024)


def _answer(value):
    return {"value": value, "pid": os.getpid()}


def _refuse(reason):
    raise ServiceError("Refused: %(reason)s.", "file", reason=reason)


def _spin(seconds):
    time.sleep(seconds)


def _allocate(megabytes):
    return len(bytearray(megabytes * 1024 * 1024))


def _fail():
    raise KeyError("inside the reader")


def _die():
    os._exit(3)


def _hostile_answer():
    sys.stdout.write('{"ok": 1}garbage')
    sys.stdout.flush()
    os._exit(0)


def test_the_answer_comes_back_from_another_process():
    answer = sandbox.run(_answer, b"bytes", limits=QUICK)
    assert answer["value"] == b"bytes" and answer["pid"] != os.getpid()


@dataclass(frozen=True)
class Kept:
    content: bytes
    at: datetime
    headers: dict


def _kept():
    return Kept(b"\x00\xff", datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc), {"A": ["b", 1]})


def test_a_dataclass_of_bytes_and_datetimes_comes_back_whole_as_json():
    assert sandbox.run(_kept, limits=QUICK, returns=Kept) == _kept()


def _environment():
    return dict(os.environ)


def test_the_child_sees_none_of_the_app_s_settings(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://secret")
    monkeypatch.setenv("CASEAPP_ENCRYPTION_KEYS", "k1:secret")
    seen = sandbox.run(_environment, limits=QUICK)
    assert "DATABASE_URL" not in seen and "CASEAPP_ENCRYPTION_KEYS" not in seen


def test_a_refusal_comes_back_as_the_same_error_untranslated():
    with pytest.raises(ServiceError) as raised:
        sandbox.run(_refuse, "too odd", limits=QUICK)
    assert raised.value.message == "Refused: %(reason)s." and raised.value.field == "file"
    assert raised.value.params == {"reason": "too odd"}


def test_work_past_its_deadline_is_stopped_at_the_deadline():
    started = time.monotonic()
    with pytest.raises(sandbox.TimedOut):
        sandbox.run(_spin, 60, limits=sandbox.Limits(seconds=1, memory_mb=1024))
    assert time.monotonic() - started < 5


def test_work_that_needs_more_memory_than_allowed_is_stopped():
    with pytest.raises(sandbox.OutOfMemory):
        sandbox.run(_allocate, 2048, limits=sandbox.Limits(seconds=10, memory_mb=1024))
    assert sandbox.run(_allocate, 50, limits=sandbox.Limits(seconds=10, memory_mb=1024)) == 50 * 1024 * 1024


def test_any_other_failure_is_reported_by_its_kind_only():
    with pytest.raises(sandbox.Crashed, match="KeyError"):
        sandbox.run(_fail, limits=QUICK)


def test_a_child_that_dies_without_answering_is_reported():
    with pytest.raises(sandbox.Crashed):
        sandbox.run(_die, limits=QUICK)


def test_an_answer_that_is_not_json_is_a_crash_never_code():
    with pytest.raises(sandbox.Crashed):
        sandbox.run(_hostile_answer, limits=QUICK)


def _format_bomb():
    sys.stdout.write(json.dumps({"refused": {"class": "caseapp.errors.ServiceError", "message": "%(x)2000000000s",
                                             "field": "file", "params": {"x": "a"}}}))
    sys.stdout.flush()
    os._exit(0)


def test_a_refusal_that_is_not_one_caseapp_writes_is_a_crash():
    with pytest.raises(sandbox.Crashed):
        sandbox.run(_format_bomb, limits=QUICK)


def _grandchild():
    import subprocess

    child = subprocess.Popen(["sleep", "60"])
    with open(os.environ.get("TMPDIR", "/tmp") + "/caseapp-sandbox-grandchild", "w") as handle:
        handle.write(str(child.pid))
    time.sleep(60)


def test_a_child_past_its_deadline_is_stopped_with_what_it_started(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with pytest.raises(sandbox.TimedOut):
        sandbox.run(_grandchild, limits=sandbox.Limits(seconds=2, memory_mb=1024))
    pid = int((tmp_path / "caseapp-sandbox-grandchild").read_text())
    time.sleep(0.2)
    assert not _running(pid)


def _running(pid: int) -> bool:
    """Whether the process runs (a zombie, killed but not yet reaped by whoever adopted it, does not)."""
    try:
        status = open(f"/proc/{pid}/status").read()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def test_only_so_many_children_run_at_once(monkeypatch):
    import threading

    sandbox.set_concurrency(1)
    try:
        holder = threading.Thread(target=sandbox.run, args=(_spin, 3), kwargs={"limits": QUICK})
        holder.start()
        time.sleep(0.5)
        with pytest.raises(sandbox.Full):
            sandbox.run(_answer, 1, limits=QUICK)
        holder.join()
        assert sandbox.run(_answer, 1, limits=QUICK)["value"] == 1
    finally:
        sandbox.set_concurrency(2)

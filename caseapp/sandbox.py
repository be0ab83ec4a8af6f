"""Run work on untrusted input in a child process that a hard time and memory limit stop. Plain Python.

Reading a document someone uploaded, or a page some server sends, can take as long
and as much memory as its author wants: a PDF of a few kilobytes that inflates to
minutes of parsing, HTML nested a hundred thousand levels deep, a server that sends
one byte every few seconds. Checks inside the reading code only run between its
steps; one step can still hold the process. So the work runs in a fresh Python
process: its address space is capped (RLIMIT_AS), its CPU time too (RLIMIT_CPU, in
case this process dies first), and the parent kills it at the deadline, whatever it
is doing. It starts in about a third of a second, with none of the app's state: no
database connection, no secrets in its environment.

What comes back is JSON (bytes and datetimes tagged), never a pickle: a reader that an
attacker managed to subvert can send a wrong answer, but not code to run here.
"""
from __future__ import annotations

import base64
import dataclasses
import importlib
import json
import os
# bandit B403, B404: pickle only carries work to the child, which trusts its parent; the child is this
# module, run with this interpreter.
import pickle  # nosec B403
import re
import resource
import signal
import subprocess  # nosec B404
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from caseapp.errors import ServiceError

PROJECT = Path(__file__).resolve().parents[1]
# What the child may see of the environment: enough to run Python, none of the app's settings or keys.
PASSED_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR")


@dataclasses.dataclass(frozen=True)
class Limits:
    seconds: float
    memory_mb: int


class TimedOut(Exception):
    """The work went past its deadline and was stopped."""


class OutOfMemory(Exception):
    """The work needed more memory than it may have and was stopped."""


class Crashed(Exception):
    """The child ended without an answer (killed by the system, or a failure in a C library)."""


class Full(Exception):
    """As many children as this process may run at once are running: try again later."""


# How many children one process runs at once. Each holds a request (a thread of a worker) until it
# ends; without a cap, a few users adding slow sources at once would hold every thread there is.
# Photos and recordings have slots of their own: a slow one must not keep web pages from being fetched.
POOLS = ("sources", "media")
_slots = {pool: threading.BoundedSemaphore(2) for pool in POOLS}
_slots_lock = threading.Lock()


def set_concurrency(children: int) -> None:
    """How many children this process may run at once in each pool (SOURCE_READ_CONCURRENCY)."""
    global _slots
    with _slots_lock:
        _slots = {pool: threading.BoundedSemaphore(max(1, children)) for pool in POOLS}


def run(function: Callable, *args: Any, limits: Limits, returns: type | None = None, pool: str = "sources") -> Any:
    """function(*args) in a child process; its result, or the ServiceError it raised.

    `function` is a module-level function the child can import by name; its arguments are sent as
    they are, and its result must be JSON, bytes and datetimes, or (with `returns`) a dataclass of
    those, rebuilt here. Raise TimedOut, OutOfMemory or Crashed when the child is stopped or ends
    without an answer.
    """
    slots = _slots[pool]
    if not slots.acquire(timeout=2):
        raise Full
    try:
        return _run(function, args, limits, returns)
    finally:
        slots.release()


def _run(function: Callable, args: tuple, limits: Limits, returns: type | None) -> Any:
    work = pickle.dumps((function.__module__, function.__qualname__, args, limits))
    environment = {key: os.environ[key] for key in PASSED_ENVIRONMENT if key in os.environ}
    # bandit B603: a fixed command, this interpreter and this module.
    child = subprocess.Popen(  # nosec B603
        [sys.executable, "-E", "-s", "-m", "caseapp.sandbox"], cwd=PROJECT, env=environment,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        output, _ = child.communicate(work, timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        _kill(child)
        raise TimedOut from None
    try:
        answer = _decode(json.loads(output))
    except ValueError:
        raise Crashed(f"exit status {child.returncode}") from None
    return _unpack(answer, returns)


def _kill(child: subprocess.Popen) -> None:
    """Stop the child and anything it started (it leads its own process group)."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    child.communicate()


def _unpack(answer: dict[str, Any], returns: type | None) -> Any:
    if "ok" in answer:
        return returns(**answer["ok"]) if returns is not None else answer["ok"]
    if "refused" in answer:
        refused = answer["refused"]
        if not _plain_refusal(refused):
            raise Crashed("an answer that is not a refusal caseapp writes")
        cls = _service_error_class(refused["class"])
        raise cls(refused["message"], refused["field"], **refused["params"])
    if "memory" in answer:
        raise OutOfMemory
    raise Crashed(answer.get("failed", "unknown"))


_PLACEHOLDER = re.compile(r"%\(\w{1,30}\)[sd]|%%")


def _plain_refusal(refused: Any) -> bool:
    """A refusal as caseapp's readers write them: a short message whose only % are placeholders, short values.

    A subverted child could otherwise send "%(x)2000000000s" and have the parent build a string of 2 GB.
    """
    message, params = refused.get("message"), refused.get("params")
    if not isinstance(message, str) or len(message) > 1000 or "%" in _PLACEHOLDER.sub("", message):
        return False
    if not isinstance(params, dict) or len(params) > 10 or not isinstance(refused.get("field"), str | None):
        return False
    return all(isinstance(v, str | int) and not isinstance(v, bool) and len(str(v)) <= 200 for v in params.values())


def _service_error_class(name: str) -> type[ServiceError]:
    module, _, qualname = name.rpartition(".")
    if module.startswith("caseapp."):
        cls = getattr(importlib.import_module(module), qualname, None)
        if isinstance(cls, type) and issubclass(cls, ServiceError):
            return cls
    return ServiceError


# --- JSON with bytes and datetimes ----------------------------------------------------------------

def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dict):
        return {str(key): _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


# --- the child ------------------------------------------------------------------------------------

def _limit(limits: Limits) -> None:
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits.seconds) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _work(module: str, qualname: str, args: tuple) -> dict[str, Any]:
    try:
        return {"ok": getattr(importlib.import_module(module), qualname)(*args)}
    except ServiceError as error:
        return {"refused": {"class": f"{type(error).__module__}.{type(error).__qualname__}",
                            "message": error.message, "field": error.field, "params": error.params}}
    except MemoryError:
        return {"memory": True}
    except Exception as error:  # any other failure of the reader is reported by its kind only
        return {"failed": type(error).__name__}


def _child() -> None:
    # bandit B301: the work comes from the parent process, which started this one.
    module, qualname, args, limits = pickle.loads(sys.stdin.buffer.read())  # nosec B301
    _limit(limits)
    answer = _work(module, qualname, args)
    try:
        output = json.dumps(_encode(answer)).encode()
    except MemoryError:
        output = b'{"memory": true}'
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _child()

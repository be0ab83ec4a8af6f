"""Every installed package is pinned with hashes, compiled from the .in files it claims to come from, and the
Debian packages are listed in one file with a reason each."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LOCKS = {"requirements.in": "requirements.txt", "requirements-dev.in": "requirements-dev.txt",
         "requirements-soak.in": "requirements-soak.txt"}
PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("-r "):
            pins.update(_pins(path.parent / line[3:].strip()))
        match = PIN.match(line)
        if match:
            pins[_name(match.group(1))] = match.group(2)
    return pins


def _locked(path: Path) -> dict[str, list[str]]:
    """Each requirement of a compiled file and its hashes."""
    locked: dict[str, list[str]] = {}
    current = None
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = f"{_name(match.group(1))}=={match.group(2)}"
            locked[current] = []
        elif current and "--hash=sha256:" in line:
            locked[current].append(line.split("--hash=sha256:", 1)[1].split()[0])
        elif line and not line.startswith((" ", "#")):
            raise AssertionError(f"{path.name}: {line!r} is not a pinned requirement")
    return locked


@pytest.mark.parametrize("source", sorted(LOCKS))
def test_each_compiled_file_pins_every_package_with_hashes_and_follows_its_in_file(source):
    locked = _locked(PROJECT / LOCKS[source])
    assert locked
    for requirement, hashes in locked.items():
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), requirement
    versions = dict(requirement.split("==") for requirement in locked)
    for name, version in _pins(PROJECT / source).items():
        assert versions.get(name) == version, (f"{source} pins {name}=={version} but {LOCKS[source]} has "
                                               f"{versions.get(name)}: run `make lock`")


def test_the_makefile_installs_with_hashes_required():
    makefile = (PROJECT / "Makefile").read_text()
    installs = re.findall(r"pip install[^\n]*-r requirements[^\n]*", makefile)
    assert installs and all("--require-hashes" in line for line in installs)


def test_the_debian_packages_are_listed_once_each_with_their_use():
    seen = set()
    for line in (PROJECT / "deploy" / "debian-packages.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        package, target, reason = line.split(maxsplit=2)
        assert re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", package) and target in ("run", "test") and reason
        assert package not in seen
        seen.add(package)
    assert {"libpango-1.0-0", "libharfbuzz-subset0", "chromium", "nginx-light"} <= seen

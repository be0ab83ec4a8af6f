#!/usr/bin/env bash
# Install the Debian packages caseapp needs (deploy/debian-packages.txt) when they are missing.
#
#   scripts/system-packages.sh run|test [PYTHON]
#
# `run` takes the packages marked run, `test` those and the ones marked test. As root, or with
# passwordless sudo, it runs `apt-get update` once and installs what is missing; otherwise it prints
# the exact command to run and fails, so that `make` stops with a clear message. On a system without
# dpkg it installs nothing: scripts/check-system.sh then names what is missing.
set -euo pipefail
target=${1:?usage: scripts/system-packages.sh run|test [PYTHON]}
python=${2:-python3}
list="$(dirname "$0")/../deploy/debian-packages.txt"

command -v dpkg-query >/dev/null 2>&1 || exit 0

wanted=()
while read -r package kind _; do
  case "$package" in ''|'#'*) continue ;; esac
  if [ "$kind" = run ] || [ "$target" = test ]; then wanted+=("$package"); fi
done <"$list"
# Debian's own Python has venv and ensurepip in a package of their own; another Python brings them.
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1 && [ "$(command -v "$python")" = "/usr/bin/$(basename "$python")" ]; then
  wanted+=("$(basename "$python" | sed 's/^python3\..*/&-venv/; s/^python3$/python3-venv/')")
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] && continue
  # A tool that came another way counts too: NodeSource's nodejs package brings its own npm, which
  # Debian's npm package would conflict with.
  [ "$package" = npm ] && command -v npm >/dev/null 2>&1 && continue
  missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "caseapp needs these Debian packages: ${missing[*]}" >&2
  echo "Install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing the Debian packages caseapp needs: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

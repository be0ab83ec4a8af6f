#!/usr/bin/env bash
# Say clearly which system requirement is missing before anything is installed.
# Usage: scripts/check-system.sh PYTHON
set -u
python=${1:-python3.11}
missing=0

if ! command -v "$python" >/dev/null 2>&1; then
  echo "caseapp needs Python 3.11 or newer: '$python' was not found (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "caseapp needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  echo "Python's venv module is missing: install Debian's python3-venv (or your system's equivalent)." >&2
  missing=1
fi

# WeasyPrint (the PDF reports) loads these libraries at run time.
for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
           libharfbuzz.so.0:libharfbuzz0b libharfbuzz-subset.so.0:libharfbuzz-subset0 \
           libfontconfig.so.1:libfontconfig1; do
  file=${lib%%:*}; package=${lib##*:}
  if ! ldconfig -p 2>/dev/null | grep -q "$file"; then
    echo "Missing system library $file (WeasyPrint needs it): install Debian's $package." >&2
    missing=1
  fi
done
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -1)" ]; then
  echo "No fonts found by fontconfig: install Debian's fonts-dejavu-core." >&2
  missing=1
fi
exit $missing

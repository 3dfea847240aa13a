#!/usr/bin/env bash
# Creates or updates the Python virtual environment with the real `delta-sharing` client (PyPI) that
# the sharing server's integration test (SharingPythonClientIT) drives, at jobs/server/.sharing-client-venv.
# The server module's test build runs it (like install-chromium.sh), so `mvn verify` needs nothing
# installed by hand; .ci/run may run it early in the background so the download overlaps.
#
# Idempotent: the installed set is stamped with the sha256 of sharing-client-requirements.txt and the
# Python version, so a second run with nothing changed returns in well under a second. Concurrent
# runs are serialised with a lock file.
#
#   PYTHON=python3.12 bash jobs/server/install-sharing-client.sh   to choose the interpreter
#   CARELAKE_SHARING_CLIENT_VENV=/path ...                          to put the venv elsewhere
set -euo pipefail

started=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CARELAKE_SHARING_CLIENT_VENV:-$here/.sharing-client-venv}"
python="${PYTHON:-python3}"
requirements="$here/sharing-client-requirements.txt"
stamp_file="$venv/.carelake-install-stamp"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "install-sharing-client.sh: $python not found; set PYTHON to a Python 3.9 or later" >&2
  exit 1
fi
stamp="$( { cat "$requirements"; "$python" -V 2>&1; } | sha256sum | cut -d' ' -f1)"

mkdir -p "$venv"
exec 9>"$venv/.carelake-install.lock"
flock 9

if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" && -x "$venv/bin/python" ]]; then
  exit 0
fi

echo "install-sharing-client.sh: installing the delta-sharing client into $venv"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
rm -f "$stamp_file"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
"$venv/bin/python" -m pip check --disable-pip-version-check >/dev/null
"$venv/bin/python" -c 'import delta_sharing' 
echo "$stamp" >"$stamp_file"
echo "install-sharing-client.sh: delta-sharing $("$venv/bin/python" -c 'from importlib.metadata import version; print(version("delta-sharing"))') installed in $(( $(date +%s) - started ))s"

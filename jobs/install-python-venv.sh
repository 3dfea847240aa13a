#!/usr/bin/env bash
# Creates or updates a Python virtual environment from a pinned requirements file: the one
# installer behind the test clients' venvs (jobs/server/install-sharing-client.sh,
# jobs/sql-endpoint/install-connect-client.sh), which only say where, what and how to check it.
#
#   bash jobs/install-python-venv.sh NAME VENV REQUIREMENTS CHECK
#
# NAME names the installer in messages; CHECK is Python run in the venv after installing, which
# must exit 0 (an import of the client, say). Idempotent: the installed set is stamped with the
# sha256 of REQUIREMENTS and the Python version, so a second run with nothing changed returns in
# well under a second. Concurrent runs are serialised with a lock file. PYTHON chooses the
# interpreter (default python3).
set -euo pipefail

if [[ $# -ne 4 ]]; then
  echo "usage: install-python-venv.sh NAME VENV REQUIREMENTS CHECK" >&2
  exit 2
fi
name="$1"
venv="$2"
requirements="$3"
check="$4"
started=$(date +%s)
python="${PYTHON:-python3}"
stamp_file="$venv/.carelake-install-stamp"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "$name: $python not found; set PYTHON to a Python 3.10 or later" >&2
  exit 1
fi
stamp="$( { cat "$requirements"; "$python" -V 2>&1; } | sha256sum | cut -d' ' -f1)"

mkdir -p "$venv"
exec 9>"$venv/.carelake-install.lock"
flock 9

if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" && -x "$venv/bin/python" ]]; then
  exit 0
fi

echo "$name: installing $(basename "$requirements") into $venv"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
rm -f "$stamp_file"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
"$venv/bin/python" -m pip check --disable-pip-version-check >/dev/null
"$venv/bin/python" -c "$check"
echo "$stamp" >"$stamp_file"
echo "$name: installed in $(( $(date +%s) - started ))s"

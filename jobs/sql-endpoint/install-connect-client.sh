#!/usr/bin/env bash
# Creates or updates the Python virtual environment with the real `pyspark-client` (PyPI, the Spark Connect client) that
# the SQL endpoint's integration test (SqlEndpointIT) drives, at jobs/sql-endpoint/.connect-client-venv.
# The endpoint module's test build runs it, so `mvn verify` needs nothing
# installed by hand; .ci/run may run it early in the background so the download overlaps.
#
# Idempotent: the installed set is stamped with the sha256 of connect-client-requirements.txt and the
# Python version, so a second run with nothing changed returns in well under a second. Concurrent
# runs are serialised with a lock file.
#
#   PYTHON=python3.12 bash jobs/sql-endpoint/install-connect-client.sh   to choose the interpreter
#   CARELAKE_CONNECT_CLIENT_VENV=/path ...                               to put the venv elsewhere
set -euo pipefail

started=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CARELAKE_CONNECT_CLIENT_VENV:-$here/.connect-client-venv}"
python="${PYTHON:-python3}"
requirements="$here/connect-client-requirements.txt"
stamp_file="$venv/.carelake-install-stamp"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "install-connect-client.sh: $python not found; set PYTHON to a Python 3.10 or later" >&2
  exit 1
fi
stamp="$( { cat "$requirements"; "$python" -V 2>&1; } | sha256sum | cut -d' ' -f1)"

mkdir -p "$venv"
exec 9>"$venv/.carelake-install.lock"
flock 9

if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" && -x "$venv/bin/python" ]]; then
  exit 0
fi

echo "install-connect-client.sh: installing the Spark Connect client (pyspark-client) into $venv"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
rm -f "$stamp_file"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
"$venv/bin/python" -m pip check --disable-pip-version-check >/dev/null
# (Importing pyspark.sql.connect from `python -c` takes pyspark's doctest path and looks for a Spark home; a script does not.)
"$venv/bin/python" -c 'import importlib.util, sys, grpc, pyarrow, pandas; sys.exit(importlib.util.find_spec("pyspark.sql.connect") is None)'
echo "$stamp" >"$stamp_file"
echo "install-connect-client.sh: pyspark-client $("$venv/bin/python" -c 'from importlib.metadata import version; print(version("pyspark-client"))') installed in $(( $(date +%s) - started ))s"

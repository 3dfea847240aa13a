#!/usr/bin/env bash
# Creates or updates CareLake's Airflow virtual environment at airflow/.venv.
#
# Idempotent: the installed set is stamped with the sha256 of requirements.txt, constraints.txt
# and the Python version, so a second run with nothing changed returns in well under a second.
# Safe to call concurrently (the DAG tests and the Java client's integration tests both call it):
# installs are serialised with a lock file.
#
# Usage: bash airflow/install.sh            (from anywhere)
#   PYTHON=python3.12 bash airflow/install.sh   to choose the interpreter (3.10–3.13)
#   CARELAKE_AIRFLOW_VENV=/path bash airflow/install.sh   to put the venv elsewhere
set -euo pipefail

started=$(date +%s)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CARELAKE_AIRFLOW_VENV:-$here/.venv}"
python="${PYTHON:-python3}"
stamp_file="$venv/.carelake-install-stamp"

elapsed() { echo $(($(date +%s) - started)); }

if ! command -v "$python" >/dev/null 2>&1; then
  echo "install.sh: $python not found; set PYTHON to a Python 3.10–3.13 interpreter" >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 14) else 1)'; then
  echo "install.sh: Airflow 3.3 needs Python 3.10–3.13, $python is $("$python" -V 2>&1)" >&2
  exit 1
fi

stamp="$( { cat "$here/requirements.txt" "$here/constraints.txt"; "$python" -V 2>&1; } | sha256sum | cut -d' ' -f1)"

mkdir -p "$venv"
exec 9>"$venv/.carelake-install.lock"
flock 9

if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$stamp" && -x "$venv/bin/airflow" ]]; then
  echo "install.sh: Airflow venv at $venv is up to date ($(elapsed)s)"
  exit 0
fi

echo "install.sh: installing Airflow into $venv (requirements changed or first install)"
if [[ ! -x "$venv/bin/python" ]]; then  # a fresh (or empty) folder
  "$python" -m venv "$venv"
fi
rm -f "$stamp_file"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  -r "$here/requirements.txt"
"$venv/bin/python" -m pip check --disable-pip-version-check
"$venv/bin/airflow" version >/dev/null
test -x "$venv/bin/spark-submit"
echo "$stamp" >"$stamp_file"
echo "install.sh: Airflow $("$venv/bin/airflow" version) with spark-submit installed in $(elapsed)s"

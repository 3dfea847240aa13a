#!/usr/bin/env bash
# The researcher notebooks' Python environment (requirements.txt: the Spark Connect client,
# papermill, ipykernel, matplotlib, all pinned) in notebooks/.venv, with a Jupyter kernel named
# "carelake" registered inside the venv, so papermill -k carelake uses nothing outside it. The
# notebooks module's test build runs it, so `mvn verify` needs nothing installed by hand; .ci/run
# runs it early in the background so the download overlaps. Idempotent and locked
# (jobs/install-python-venv.sh).
#
#   PYTHON=python3.12 bash notebooks/install-notebooks-venv.sh   to choose the interpreter
#   CARELAKE_NOTEBOOKS_VENV=/path ...                            to put the venv elsewhere
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${CARELAKE_NOTEBOOKS_VENV:-$here/.venv}"
bash "$here/../jobs/install-python-venv.sh" install-notebooks-venv.sh "$venv" "$here/requirements.txt" \
  'import importlib.util, sys, papermill, matplotlib, grpc, pyarrow, pandas; sys.exit(importlib.util.find_spec("pyspark.sql.connect") is None)'
if [[ ! -f "$venv/share/jupyter/kernels/carelake/kernel.json" ]]; then
  "$venv/bin/python" -m ipykernel install --sys-prefix --name carelake --display-name "CareLake (notebooks/.venv)" >/dev/null
fi

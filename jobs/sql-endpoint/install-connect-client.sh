#!/usr/bin/env bash
# The real Spark Connect Python client (`pyspark-client`, PyPI, pinned in
# connect-client-requirements.txt) that the SQL endpoint's integration test (SqlEndpointIT) drives,
# in jobs/sql-endpoint/.connect-client-venv. The endpoint module's test build runs it, so `mvn
# verify` needs nothing installed by hand; .ci/run runs it early in the background so the download
# overlaps. Idempotent and locked (jobs/install-python-venv.sh).
#
#   PYTHON=python3.12 bash jobs/sql-endpoint/install-connect-client.sh   to choose the interpreter
#   CARELAKE_CONNECT_CLIENT_VENV=/path ...                               to put the venv elsewhere
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# (Importing pyspark.sql.connect from `python -c` takes pyspark's doctest path and looks for a Spark
# home; finding the module is enough here, a script imports it.)
exec bash "$here/../install-python-venv.sh" install-connect-client.sh \
  "${CARELAKE_CONNECT_CLIENT_VENV:-$here/.connect-client-venv}" "$here/connect-client-requirements.txt" \
  'import importlib.util, sys, grpc, pyarrow, pandas; sys.exit(importlib.util.find_spec("pyspark.sql.connect") is None)'

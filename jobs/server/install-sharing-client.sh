#!/usr/bin/env bash
# The real `delta-sharing` Python client (PyPI, pinned in sharing-client-requirements.txt) that the
# sharing server's integration test (SharingPythonClientIT) drives, in jobs/server/.sharing-client-venv.
# The server module's test build runs it (like install-chromium.sh), so `mvn verify` needs nothing
# installed by hand; .ci/run runs it early in the background so the download overlaps. Idempotent
# and locked (jobs/install-python-venv.sh).
#
#   PYTHON=python3.12 bash jobs/server/install-sharing-client.sh   to choose the interpreter
#   CARELAKE_SHARING_CLIENT_VENV=/path ...                          to put the venv elsewhere
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$here/../install-python-venv.sh" install-sharing-client.sh \
  "${CARELAKE_SHARING_CLIENT_VENV:-$here/.sharing-client-venv}" "$here/sharing-client-requirements.txt" \
  'import delta_sharing'

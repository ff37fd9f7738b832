#!/usr/bin/env bash
# Microsoft.Graph SDK or a Refit interface for the bot's few Graph calls? Each run is a fresh process that creates the
# client and makes one "create channel" call against a local stub. The baseline in the same run ("floor") makes the
# same call with a bare HttpClient and System.Text.Json. Modes are interleaved (floor, refit, sdk, floor, ...) so the
# shared machine's drift hits all three alike; each column is the median of its mode's runs. Prints a Markdown table
# with ratios to the floor. Usage: bench/graph-client-choice.sh [runs per mode, default 11]
set -euo pipefail
cd "$(dirname "$0")/GraphClientChoice"
runs="${1:-11}"
dotnet build -c Release -v q -nologo >/dev/null
dll=bin/Release/net10.0/GraphClientChoice.dll
# One warm-up of each, not counted: the first run after a build also pays for the OS reading the files from disk.
for mode in floor refit sdk; do dotnet "$dll" "$mode" >/dev/null; done
out=$(mktemp)
for _ in $(seq "$runs"); do
  for mode in floor refit sdk; do dotnet "$dll" "$mode" >>"$out"; done
done
graph=$(du -ch bin/Release/net10.0/Microsoft.Graph*.dll bin/Release/net10.0/Microsoft.Kiota*.dll bin/Release/net10.0/Azure*.dll 2>/dev/null | tail -1 | cut -f1)
refit=$(du -ch bin/Release/net10.0/Refit*.dll | tail -1 | cut -f1)
version=$(grep -o 'Include="Microsoft.Graph" Version="[^"]*"' ../../Directory.Packages.props | grep -o '[0-9][0-9.]*')
echo "Runs per mode: $runs, interleaved; medians. Microsoft.Graph $version; on disk: Graph + Kiota + Azure.Core $graph, Refit $refit."
echo
echo "| Client | process start → first call | ÷ floor | client + first call | ÷ floor | working set | ÷ floor | peak working set | managed heap | ÷ floor | allocated since start | ÷ floor | allocated by client + call | ÷ floor | assemblies |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for col in 2 3 4 5 6 7 8 9; do
  for mode in floor refit sdk; do
    printf '%s\t%s\t' "$mode" "$col"; awk -F'\t' -v m="$mode" -v c="$col" '$1==m {print $c}' "$out" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'
  done
done | awk -F'\t' '
  { med[$1, $2] = $3 }
  END {
    split("floor refit sdk", modes, " ")
    label["floor"] = "HttpClient + System.Text.Json (baseline)"; label["refit"] = "Refit interface"; label["sdk"] = "Microsoft.Graph GraphServiceClient"
    for (i = 1; i <= 3; i++) {
      m = modes[i]
      printf "| %s | %d ms | %.2f× | %d ms | %.2f× | %.1f MB | %.2f× | %.1f MB | %d KB | %.2f× | %d KB | %.2f× | %d KB | %.2f× | %d |\n", label[m],
        med[m,2], med[m,2] / med["floor",2], med[m,3], med[m,3] / med["floor",3], med[m,4], med[m,4] / med["floor",4], med[m,5],
        med[m,6], med[m,6] / med["floor",6], med[m,7], med[m,7] / med["floor",7], med[m,8], med[m,8] / med["floor",8], med[m,9]
    }
  }'
rm -f "$out"

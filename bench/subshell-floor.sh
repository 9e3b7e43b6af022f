#!/usr/bin/env bash
# subshell-floor.sh: what a subshell that is a process costs, against the
# least a Go program can cost. Go cannot fork without exec, so a pipesh
# subshell that is a process is pipesh started again; no such child can
# cost less than starting the smallest Go program there is. Times, in one
# interleaved run (median of REPS rounds), 200 times each:
#   bash:    ( : ) & wait              (fork, no exec)
#   gofloor: bash running NOOP & wait  (fork + exec of a static Go no-op)
#   pipesh:  ( : ) & wait              (pipesh's child subshell)
# and prints each as a ratio to bash. gofloor/bash is the best any
# Go shell's process subshell could do.
#
#   bench/subshell-floor.sh [REPS]   # default 5; builds both programs
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/pipesh" ./cmd/pipesh
mkdir "$tmp/noop"
printf 'package main\n\nfunc main() {}\n' >"$tmp/noop/main.go"
printf 'module noop\n\ngo 1.21\n' >"$tmp/noop/go.mod"
(cd "$tmp/noop" && CGO_ENABLED=0 go build -o "$tmp/noop.bin" .)
loop='t0=$(date +%s%N); for ((i = 0; i < 200; i++)); do BODY & wait; done; echo $((($(date +%s%N) - t0) / 1000))'
sub=${loop/BODY/( : )}
noop=${loop/BODY/$tmp/noop.bin}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A t
for ((i = 0; i < reps; i++)); do
	t[bash]+=" $(bash -c "$sub" </dev/null)"
	t[gofloor]+=" $(bash -c "$noop" </dev/null)"
	t[pipesh]+=" $("$tmp/pipesh" -c "$sub" </dev/null)"
done
b=$(printf '%s\n' ${t[bash]} | median)
echo "median of $reps runs of 200, microseconds per subshell, ratio to bash"
for k in bash gofloor pipesh; do
	m=$(printf '%s\n' ${t[$k]} | median)
	awk -v k="$k" -v m="$m" -v b="$b" 'BEGIN { printf "%-8s %8.0f us  %5.2f x\n", k, m / 200, m / b }'
done

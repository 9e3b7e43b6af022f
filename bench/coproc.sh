#!/usr/bin/env bash
# coproc.sh: 10,000 request/response round trips through `coproc cat`
# (bench/coproc_10k.bash), run by pipesh and by bash alternately in the
# same run, on the same machine, so the ratio is meaningful even when the
# absolute times are noisy (see ../shared/bench/README.md).
#
#   bench/coproc.sh [REPS]          # default 5; builds pipesh first
#
# Prints each shell's median wall time and pipesh/bash (below 1: pipesh
# is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
bin=$(mktemp -d)/pipesh
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/pipesh
work=bench/coproc_10k.bash

# run SHELL: prints the wall time in microseconds, checking the output
run() {
	local t0 t1 out
	t0=${EPOCHREALTIME/./}
	out=$("$1" "$work" </dev/null)
	t1=${EPOCHREALTIME/./}
	if [ "$out" != 9999 ]; then
		echo "$1 printed '$out', not 9999" >&2
		exit 1
	fi
	echo $((t1 - t0))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

p=() b=()
for ((i = 0; i < reps; i++)); do
	# alternate which shell goes first, so both see the same noise
	if ((i % 2)); then
		b+=("$(run bash)") p+=("$(run "$bin")")
	else
		p+=("$(run "$bin")") b+=("$(run bash)")
	fi
done
pm=$(printf '%s\n' "${p[@]}" | median)
bm=$(printf '%s\n' "${b[@]}" | median)
echo "coproc cat, 10000 round trips, median of $reps"
awk -v p="$pm" -v b="$bm" 'BEGIN {
	printf "pipesh  %8.1f ms\nbash    %8.1f ms\nratio pipesh/bash  %.2f\n", p / 1000, b / 1000, p / b
}'

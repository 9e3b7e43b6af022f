#!/usr/bin/env bash
# state.sh: what the shell's state costs, pipesh against bash in the same
# run (alternating which goes first, median of REPS):
#   vars: 2,000 x=$(echo hi) with 5,000 variables defined, over the same
#         with 10 (a subshell must not cost the number of variables);
#   array: 20,000 assignments a[i]=$i (an element assignment must not
#         copy the array).
#
#   bench/state.sh [REPS]          # default 5; builds pipesh first
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=$tmp/pipesh
go build -o "$bin" ./cmd/pipesh
for n in 10 5000; do
	printf 'for ((i=0; i<%d; i++)); do eval "V$i=x"; done\nt0=$(date +%%s%%N)\nfor ((i=0; i<2000; i++)); do x=$(echo hi); done\necho $((($(date +%%s%%N) - t0) / 1000))\n' "$n" >"$tmp/vars$n.sh"
done
printf 't0=$(date +%%s%%N)\nfor ((i=0; i<20000; i++)); do a[i]=$i; done\n[ ${#a[@]} = 20000 ] || exit 1\necho $((($(date +%%s%%N) - t0) / 1000))\n' >"$tmp/array.sh"

# run SHELL SCRIPT: the microseconds the script measured itself (setup
# excluded)
run() { "$1" "$2" </dev/null; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A t
for ((i = 0; i < reps; i++)); do
	for w in vars10 vars5000 array; do
		if ((i % 2)); then
			t[bash,$w]+=" $(run bash "$tmp/$w.sh")" t[pipesh,$w]+=" $(run "$bin" "$tmp/$w.sh")"
		else
			t[pipesh,$w]+=" $(run "$bin" "$tmp/$w.sh")" t[bash,$w]+=" $(run bash "$tmp/$w.sh")"
		fi
	done
done
m() { printf '%s\n' ${t[$1,$2]} | median; }
echo "median of $reps runs, microseconds"
for sh in pipesh bash; do
	awk -v sh="$sh" -v a="$(m $sh vars10)" -v b="$(m $sh vars5000)" -v c="$(m $sh array)" 'BEGIN {
		printf "%-7s x=$(echo hi): 10 vars %8d, 5000 vars %8d, ratio %.2f; 20000 a[i]=$i %8d\n", sh, a, b, b / a, c
	}'
done
awk -v p="$(m pipesh array)" -v b="$(m bash array)" 'BEGIN { printf "array assignments pipesh/bash %.2f\n", p / b }'

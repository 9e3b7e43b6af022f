#!/usr/bin/env bash
# compare.sh: pipesh against bash, dash and gosh, side by side in one
# interleaved run of ../shared/bench/run (see its README), on the
# workloads of issue 15's table plus subshell (bench/workloads/), then
# pipesh's ratio to bash and to the fastest other shell per workload,
# next to the issue's goal.
#
#   bench/compare.sh [REPS] [WORKLOADS]   # default 3 reps, the issue's workloads
#
# pipesh is built static (as .ci/run builds it) into a temporary
# directory. gosh is taken from $GOSH, PATH, $(go env GOPATH)/bin or
# ../shared/bench/tools/bin (go install mvdan.cc/sh/v3/cmd/gosh@v3.14.1);
# without it the run goes on without gosh. Raw results go to
# $BENCH_RESULTS (default bench-results/, ignored by git): the runner's
# own files and compare-TIME.json, which bench/ratios.py reads again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
reps=${1:-3}
workloads=${2:-startup,loop,funcs,builtin_pipe,readloop,cmdsubst,coproc,spawn10ext,forkheavy,subshell}
shared=$root/../shared/bench
[ -x "$shared/run" ] || { echo "compare.sh: $shared/run not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/pipesh" ./cmd/pipesh

gosh=${GOSH:-}
if [ -z "$gosh" ]; then
	for g in "$(command -v gosh || true)" "$(go env GOPATH)/bin/gosh" "$shared/../tools/bin/gosh"; do
		if [ -n "$g" ] && [ -x "$g" ]; then
			gosh=$g
			break
		fi
	done
fi
shells="bash dash pipesh=$tmp/pipesh"
if [ -n "$gosh" ]; then
	shells="bash dash gosh=$gosh pipesh=$tmp/pipesh"
else
	echo "compare.sh: no gosh found; running without it" >&2
fi

# the shared runner with this repository's extra workloads beside its own
mkdir "$tmp/bench"
cp "$shared/run" "$shared/floor.c" "$tmp/bench/"
cp -r "$shared/workloads" "$tmp/bench/workloads"
cp bench/workloads/*.sh "$tmp/bench/workloads/"
extra=$(cd bench/workloads && ls *.sh | sed 's/\.sh$//' | sed "s/.*/'&'/" | paste -sd, -)
sed -i "s/^ORDER = \[/ORDER = [$extra, /" "$tmp/bench/run"

results=${BENCH_RESULTS:-$root/bench-results}
mkdir -p "$results"
json=$results/compare-$(date -u +%Y%m%d-%H%M%S).json
python3 "$tmp/bench/run" --shells "$shells" --workloads "$workloads" --reps "$reps" --json "$json"
python3 bench/ratios.py "$json"

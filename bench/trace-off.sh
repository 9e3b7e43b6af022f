#!/usr/bin/env bash
# bench/trace-off.sh: is the IPC trace free when off? Builds pipesh twice
# from this tree: as it is (tracing off: one nil check per event) and with
# every trace hook compiled out (shell/trace.go's hooks return at once, via
# go build -overlay), then runs ../shared/bench/run on both, interleaved.
# Compare the medians: they should be within the run's noise (see
# ../shared/bench/README.md: trust only differences well beyond ~1.3x).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$PWD/shell/trace.go" "$tmp/trace.go" <<'PY'
import sys
s = open(sys.argv[1]).read()
s = s.replace("func (r *Runner) tracer() exec.Tracer {\n", "func (r *Runner) tracer() exec.Tracer {\n\tif true {\n\t\treturn nil\n\t}\n", 1)
for fn in ["traceSubshell(what string)", "stageInProcess(args []string)", "traceRedir(rd *syntax.Redirect)",
           "traceStage(sub *Runner, i int, st *syntax.Stmt)", "traceStageDone()"]:
    head = "func (r *Runner) " + fn + " {\n"
    assert head in s, fn
    s = s.replace(head, head + "\tif true {\n\t\treturn\n\t}\n", 1)
open(sys.argv[2], "w").write(s)
PY
printf '{"Replace":{"%s":"%s"}}' "$PWD/shell/trace.go" "$tmp/trace.go" >"$tmp/overlay.json"
go build -overlay "$tmp/overlay.json" -o "$tmp/pipesh-nohooks" ./cmd/pipesh
go build -o "$tmp/pipesh-traceoff" ./cmd/pipesh
../shared/bench/run --shells "nohooks=$tmp/pipesh-nohooks traceoff=$tmp/pipesh-traceoff" \
	--workloads "${WORKLOADS:-spawn10,spawn10ext,cmdsubst,builtin_pipe,forkheavy}" \
	--reps "${REPS:-5}" --no-floors --no-rss "$@"

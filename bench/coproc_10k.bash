# coproc (bash syntax): 10,000 request/response round trips through
# `coproc cat`, as ../shared/bench/workloads/coproc.bash (5,000) does.
# Prints 9999, the last reply. Run by bench/coproc.sh and by
# BenchmarkCoproc10kRoundTrips under both pipesh and bash.
coproc cat
i=0
while [ $i -lt 10000 ]; do
  echo $i >&${COPROC[1]}
  read -r -u ${COPROC[0]} l
  i=$((i+1))
done
pid=$COPROC_PID
eval "exec ${COPROC[1]}>&-"
wait $pid
echo $l

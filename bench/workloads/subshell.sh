# subshell: 200 background subshells of a builtin, each waited for (a
# forking shell forks; pipesh starts itself again as the child, issue 11).
# bench: expect=200
i=0
while [ $i -lt 200 ]; do
  ( : ) & wait
  i=$((i+1))
done
echo $i

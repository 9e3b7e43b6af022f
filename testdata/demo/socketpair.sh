#!/usr/bin/env pipesh
# socketpair.sh: ../shared/seeds/socketpair.cpp as a pipesh script.
#
# The document gives each of three children one socketpair(AF_UNIX,
# SOCK_STREAM); every child says hello, the parent answers each. In pipesh
# each child is a coproc: `coproc NAME { ...; }` makes the socketpair, the
# child's end becomes its fds 0 and 1, and the parent keeps the other end
# in NAME[0] (read) and NAME[1] (write). Three coprocs are alive at once.
#
# The children print on the script's stdout, saved in $out before they
# start, since their own fd 1 is the socket. The order of the lines is not
# fixed (as in the document); sorted, they equal socketpair.sorted.out.

exec {out}>&1

# child N: send hello, read the parent's reply, report it. Like the
# document's child, it reads once and ends; its socket end closes with it.
child() {
	echo "Hello from child $1!"
	IFS= read -r msg
	echo "Child $1 received from parent: $msg" >&"$out"
}

for i in 1 2 3; do
	eval "coproc CHILD$i { child $i; }"
done

# the parent: read each child's hello, answer it, close that socket
for i in 1 2 3; do
	eval "rd=\${CHILD$i[0]} wr=\${CHILD$i[1]}"
	IFS= read -r -u "$rd" msg
	echo "Parent received from child $i: $msg"
	echo "Message from parent to child $i" >&"$wr"
	exec {wr}>&- {rd}<&-
done

# wait for all the children, as the document's parent does
wait

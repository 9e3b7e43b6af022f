#!/bin/sh
# as-bash.sh: run a command with pipesh in bash's place, so that every
# script it starts through /usr/bin/bash, /bin/bash or `env bash` runs
# under pipesh, however the script sets PATH: pipesh is bind-mounted over
# bash in a mount namespace of the command's own (unshare -m; needs root).
# This is how the suites under "Real programs" in README were run.
#
#   tools/as-bash.sh PIPESH COMMAND [ARG...]
#   e.g. tools/as-bash.sh bin/pipesh bats --tap test/
set -eu
[ $# -ge 2 ] || { echo "usage: $0 PIPESH COMMAND [ARG...]" >&2; exit 2; }
pipesh=$(readlink -f "$1")
shift
# a copy: the binary may be rebuilt while the command runs
copy=$(mktemp)
trap 'rm -f "$copy"' EXIT
cp "$pipesh" "$copy"
chmod +x "$copy"
unshare -m --propagation private sh -c '
	copy=$1; shift
	for b in /usr/bin/bash /bin/bash; do
		[ -e "$b" ] && ! [ "$b" -ef /usr/bin/bash -a "$b" != /usr/bin/bash ] && mount --bind "$copy" "$b"
	done
	exec "$@"
' as-bash "$copy" "$@"

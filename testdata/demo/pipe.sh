#!/usr/bin/env pipesh
# pipe.sh: the pipe() document (../shared/seeds/pipe.c) as a shell script.
#
# In C the parent calls pipe(pipefd), fork()s, writes its message into
# pipefd[1] and closes it; the child closes pipefd[1], read()s from
# pipefd[0] and prints what it received. Here `parent | child` does the
# same: the shell makes the pipe, starts both sides, and gives the parent
# only the write end and the child only the read end. When the parent
# finishes, its end is closed and the child sees the end of the message.
#
# Run it with:  go run ./cmd/pipesh testdata/demo/pipe.sh
# It prints what pipe.c prints:
#   Child process received: Hello from parent process!

# Both sides are shell functions, which pipesh would otherwise run inside
# itself; like fork() in the document, this makes each a process of its
# own (pipesh starts itself again for it), so --ipctrace shows the pipe,
# the two children with their fds, each side closing the end it does not
# use, and the waits.
set -o forksubshells

message="Hello from parent process!"

parent() {
    # write(pipefd[1], message, strlen(message) + 1): the +1 sends the
    # terminating NUL, which is what tells the child where the text ends.
    printf '%s\0' "$message"
}

child() {
    # read(pipefd[0], buffer, sizeof(buffer)), up to that NUL.
    IFS= read -r -d '' buffer
    printf 'Child process received: %s\n' "$buffer"
}

parent | child

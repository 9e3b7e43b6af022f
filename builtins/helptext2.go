package builtins

// The help texts of the builtins that real programs call most for
// introspection and completion: the directory stack, the call stack,
// programmable completion and a few others.
func init() {
	for name, t := range map[string]helpTopic{
		"caller": {"caller [expr]", "Tell which call is running.", `
Without expr, prints the line and file of the current function's
caller. With expr, a number N, prints the line, function and file of
the Nth frame up the call stack, the way FUNCNAME, BASH_LINENO and
BASH_SOURCE hold it.

Exit status: 1 outside a function or when N is past the stack.`},
		"pushd": {"pushd [-n] [+N | -N | dir]", "Push a directory onto the directory stack.", `
Changes to dir and puts the old directory on the stack; with no
argument, swaps the top two entries; +N and -N rotate the stack so
that the Nth entry (from the left or right, as dirs lists it) is on
top. -n changes the stack without changing directory. Prints the stack
as dirs does.

Exit status: 1 if the directory cannot be entered or N is out of range.`},
		"popd": {"popd [-n] [+N | -N]", "Remove a directory from the directory stack.", `
Removes the top entry and changes to the new top; +N and -N remove
the Nth entry instead. -n changes the stack without changing
directory. Prints the stack as dirs does.

Exit status: 1 if the stack is empty or N is out of range.`},
		"dirs": {"dirs [-clpv] [+N | -N]", "Show the directory stack.", `
Lists the stack, the current directory first, home as ~. -c empties
it, -l prints full paths, -p one per line, -v one per line with its
number; +N and -N print only that entry. The stack is also in
DIRSTACK.

Exit status: 1 if N is out of range.`},
		"complete": {"complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G glob] [-W words] [-F function] [-C command] [-X filter] [-P prefix] [-S suffix] [name ...]", "Say how arguments of commands are completed.", `
Stores a completion spec for each name: the words, function, command,
actions and options that produce and filter candidates. -p prints the
specs as commands, -r removes them; -D, -E and -I name the default,
empty-line and initial-word specs.

Exit status: 1 for an invalid option or an unknown name with -p or -r.`},
		"compgen": {"compgen [-abcdefgjksuv] [-o option] [-A action] [-G glob] [-W words] [-F function] [-C command] [-X filter] [-P prefix] [-S suffix] [word]", "Print the possible completions of word.", `
Generates candidates as a completion spec with the same options would,
keeps those starting with word, and prints one a line.

Exit status: 1 when there is no candidate.`},
		"compopt": {"compopt [-o|+o option] [-DEI] [name ...]", "Change completion options.", `
Turns completion options (filenames, nospace, default, ...) on with -o
or off with +o, for the named commands' specs, or for the completion
being generated when no name is given.

Exit status: 1 for an invalid option or a name without a spec.`},
		"enable": {"enable [-a] [-dnps] [-f filename] [name ...]", "Enable and disable builtins.", `
Lists the builtins (-a all, -n the disabled ones, -s the special
ones), or with names turns them on, or off with -n, so that a program
of the same name runs instead. Loading builtins from files (-f, -d) is
not supported.

Exit status: 1 for a name that is not a builtin.`},
		"logout": {"logout [n]", "Leave a login shell.", `
Exits with status n (or that of the last command) in a login shell;
elsewhere says it is not one.

Exit status: 1 when the shell is not a login shell.`},
		"suspend": {"suspend [-f]", "Suspend shell execution.", `
Stops the shell until it gets a SIGCONT signal (fg in the shell that
started it). Only a shell with job control can be suspended; -f would
suspend a login shell, which pipesh never is.

Exit status: 0 once continued; 1 without job control.`},
		"times": {"times", "Show the shell's and its children's times.", `
Prints the user and system CPU time used by the shell, then by the
children it has waited for.

Exit status: always 0.`},
	} {
		helpTopics[name] = t
	}
}

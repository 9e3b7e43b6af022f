package builtins

// helpTopic is what help prints about one builtin: its synopsis, a
// one-line description, and a longer text (lines without indentation;
// help indents them).
type helpTopic struct {
	synopsis, short, long string
}

// helpTopics has an entry for every builtin pipesh has, including the
// declaration builtins and let that the shell runs itself.
var helpTopics = map[string]helpTopic{
	".": {". file [arguments]", "Run the commands of a file in this shell.", `
Reads file (looked up in $PATH when it has no slash) and runs its
commands in the current shell, so they can change its variables,
functions and directory. With arguments, they are the positional
parameters while the file runs; return leaves it.

Exit status: that of the last command run, 1 if file cannot be read.`},
	":": {":", "Do nothing, successfully.", `
Expands its arguments and ignores them.

Exit status: always 0.`},
	"[": {"[ expression ]", "Evaluate a conditional expression.", `
The same as test, with a last argument that must be ].`},
	"alias": {"alias [-p] [name[=value] ... ]", "Define or show aliases.", `
With name=value, makes name, when it is the first word of a command,
stand for value. With a name alone, prints its alias. With no
arguments or -p, prints every alias as a command that defines it.

Exit status: 1 if a name has no alias.`},
	"bg": {"bg [job_spec ...]", "Resume jobs in the background.", `
Continues each stopped job (the current one by default) as if it had
been started with &.

Exit status: 1 if job control is off or a job is unknown.`},
	"break": {"break [n]", "Leave for, while, until or select loops.", `
Ends the innermost loop, or the n innermost ones.

Exit status: 0 unless n is not a positive number.`},
	"builtin": {"builtin [shell-builtin [arg ...]]", "Run a builtin, skipping functions of its name.", `
Useful inside a function that has the name of a builtin and wants to
call it.

Exit status: that of the builtin, 1 if there is no such builtin.`},
	"cd": {cdUsage, "Change the working directory.", `
Goes to dir, by default $HOME; "-" is $OLDPWD. A relative dir is looked
for in the directories of $CDPATH first. PWD and OLDPWD are updated.

Options:
  -L  follow symbolic links, resolving .. textually (the default)
  -P  use the physical directory, with symbolic links resolved
  -e  with -P, fail if the new directory cannot be determined
  -@  accepted for bash compatibility

Exit status: 0 if the directory was changed.`},
	"command": {commandUsage, "Run a command, skipping functions.", `
Runs command as a builtin or program even if a function has its name.

Options:
  -p  search a default PATH that finds the standard utilities
  -v  print how command would be found, as a word that runs it
  -V  describe how command would be found, in words

Exit status: that of the command, 127 if it is not found.`},
	"continue": {"continue [n]", "Start the next round of a loop.", `
Goes on with the next iteration of the innermost loop, or of the n-th
loop out.

Exit status: 0 unless n is not a positive number.`},
	"declare": {"declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]", "Set variables and their attributes.", `
Creates or changes variables; in a function, they are local to it
unless -g is given. With no names, lists the variables (or with -f,
-F the functions) that have the given attributes.

Options:
  -a  indexed array          -A  associative array
  -i  integer (values are evaluated arithmetically)
  -l  lower-case values      -u  upper-case values
  -n  name reference         -r  readonly
  -t  trace attribute        -x  exported
  -f  functions              -F  function names only
  -g  global, in a function  -I  inherit the attributes of a variable
                                 of the same name in an outer scope
  -p  print as commands that recreate them
A + instead of - removes the attribute.

Exit status: 0 unless an option or assignment is invalid.`},
	"disown": {"disown [-h] [-ar] [jobspec ... | pid ...]", "Forget jobs.", `
Takes jobs (the current one by default) out of the job table, so the
shell no longer reports or waits for them.

Options:
  -a  all jobs
  -r  only running jobs
  -h  keep the jobs in the table but do not send them SIGHUP

Exit status: 1 if a job is unknown.`},
	"echo": {"echo [-neE] [arg ...]", "Print the arguments.", `
Writes the arguments separated by spaces and followed by a newline.

Options:
  -n  no newline at the end
  -e  interpret backslash escapes (\n, \t, \\, \0nnn, \xHH, \c ...)
  -E  do not interpret them (the default)

Exit status: 0 unless the output cannot be written.`},
	"eval": {"eval [arg ...]", "Run the arguments as a command line.", `
Joins the arguments with spaces and parses and runs the result in the
current shell.

Exit status: that of the command run, 0 for an empty one.`},
	"exec": {"exec [-cl] [-a name] [command [argument ...]] [redirection ...]", "Replace the shell with a program, or redirect the shell.", `
With a command, runs it in place of the shell. Without one, the
redirections apply to the shell itself from now on.

Options:
  -a name  pass name as the program's argument 0
  -c       run the program with an empty environment
  -l       put a dash in front of argument 0, as for a login shell

Exit status: without a command, 0 unless a redirection fails.`},
	"exit": {"exit [n]", "Leave the shell.", `
Ends the shell with status n, by default that of the last command. An
interactive shell with stopped jobs refuses the first exit.`},
	"export": {"export [-fn] [name[=value] ...] or export -p", "Pass variables to the programs the shell starts.", `
Marks each name for the environment of commands run from now on,
assigning value first if given.

Options:
  -f  the names are functions
  -n  remove the export mark
  -p  list the exported variables as commands

Exit status: 0 unless a name is invalid.`},
	"false": {"false", "Fail.", `
Exit status: always 1.`},
	"fc": {fcUsage, "List, edit and run again commands of the history.", `
first and last are history numbers, negative offsets (-1 is the
command before fc) or the start of a command.

Options:
  -l        list the commands (the last 16 by default)
  -n        with -l, without numbers
  -r        newest first
  -e ename  edit with ename (default $FCEDIT, $EDITOR, vi) and run the
            result; -e - runs the command again as -s does
  -s        run a command again (the last by default), after each
            pat=rep has replaced pat by rep

The command run is echoed and takes fc's place in the history.

Exit status: that of the command run, or 1 for a bad history
specification.`},
	"fg": {"fg [job_spec]", "Bring a job to the foreground.", `
Continues the job (the current one by default) with the terminal, and
waits for it.

Exit status: that of the job.`},
	"getopts": {"getopts optstring name [arg ...]", "Parse options of a script or function.", `
Each call puts the next option letter found in the positional
parameters (or the args) in the variable name, its argument in OPTARG
and the index of the next argument in OPTIND. optstring lists the
letters; a letter followed by : takes an argument. A leading : in
optstring makes errors silent: name is then ? or : and OPTARG the
letter.

Exit status: 0 while options are found, 1 at their end.`},
	"hash": {"hash [-r] [name ...]", "Remember where commands are.", `
Looks each name up in $PATH and remembers its location; with no
names, lists what is remembered.

Options:
  -r  forget every location

Exit status: 1 if a name is not found.`},
	"help": {"help [-dms] [pattern ...]", "Describe builtins.", `
Prints what the builtins matching each pattern (a glob) do; with no
pattern, lists them all.

Options:
  -d  a one-line description each
  -m  a manual-page layout
  -s  the synopsis only

Exit status: 1 if no builtin matches a pattern.`},
	"history": {historyUsage, "Show or change the command history.", `
With no options, lists the history (the last n entries with n), with
the time each was run formatted by $HISTTIMEFORMAT when that is set.

Options:
  -c          empty the list
  -d offset   delete an entry (negative: from the end; start-end: a
              range)
  -a          append the new entries to the history file
  -n          read the entries other shells added to the file
  -r          read the file into the list
  -w          write the list to the file
  -p          print the history expansion of each arg
  -s          add the args, as one entry, in place of this command
The file is filename or $HISTFILE.

Exit status: 0 unless an option or offset is invalid.`},
	"jobs": {"jobs [-lnprs] [jobspec ...]", "List jobs.", `
Prints the jobs of the shell (or the named ones) with their state.

Options:
  -l  with process ids      -p  process group ids only
  -n  only jobs whose state changed since last reported
  -r  running jobs only     -s  stopped jobs only

Exit status: 1 if a job is unknown.`},
	"kill": {killUsage, "Send a signal to processes or jobs.", `
Sends sigspec (a name such as TERM or HUP, or a number; TERM by
default) to each pid or %job.

Options:
  -s sig  the signal by name    -n num  the signal by number
  -l      list signal names, or translate the given numbers/names

Exit status: 0 if every signal was sent.`},
	"let": {"let arg [arg ...]", "Evaluate arithmetic expressions.", `
Evaluates each arg as an arithmetic expression, as in $(( )).

Exit status: 1 if the last expression is 0, else 0.`},
	"local": {"local [option] name[=value] ...", "Make variables local to a function.", `
Creates the variables in the scope of the current function, hiding
outer ones of the same name until it returns. Takes declare's options.

Exit status: 1 outside a function or for an invalid name.`},
	"mapfile": {mapfileUsage, "Read lines into an array.", `
Reads standard input (or fd) into the indexed array (MAPFILE by
default), one element per line.

Options:
  -d delim  end lines at delim instead of newline
  -n count  read at most count lines
  -O origin start at index origin   -s count  skip the first lines
  -t        drop the line ends      -u fd     read fd
  -C cb     run cb every quantum lines (-c, 5000 by default)

Exit status: 0 unless an option is invalid or the array readonly.`},
	"printf": {"printf [-v var] format [arguments]", "Format and print arguments.", `
Prints the arguments under control of format, as C's printf does,
reusing format until the arguments are used up. Besides the C
conversions: %b expands backslash escapes in its argument, %q quotes
it for the shell, %(fmt)T formats a time with strftime.

Options:
  -v var  assign the result to var instead of printing it

Exit status: 1 if an argument is not a valid number or the output
fails.`},
	"pwd": {"pwd [-LP]", "Print the working directory.", `
Options:
  -L  as reached, with symbolic links ($PWD; the default)
  -P  with symbolic links resolved

Exit status: 0 unless the directory cannot be read.`},
	"read": {readUsage, "Read a line into variables.", `
Reads a line of standard input, splits it at $IFS and assigns the
fields to the names (the rest of the line to the last one; REPLY with
no names). A backslash quotes the next character unless -r is given.

Options:
  -a array  assign the fields to array    -d delim  end at delim
  -e        edit the line on a terminal   -i text   its initial text
  -n n      read at most n characters     -N n      exactly n
  -p prompt print prompt on a terminal    -r        keep backslashes
  -s        do not echo a terminal's input
  -t secs   give up after secs            -u fd     read fd

Exit status: 0 unless end of file, a timeout (above 128) or an
invalid option.`},
	"readarray": {mapfileUsage, "Read lines into an array.", `
Another name for mapfile.`},
	"readonly": {"readonly [-aAf] [name[=value] ...] or readonly -p", "Make variables unchangeable.", `
Marks each name readonly, assigning value first if given.

Options:
  -a  indexed arrays   -A  associative arrays   -f  functions
  -p  list the readonly variables as commands

Exit status: 0 unless a name is invalid.`},
	"return": {"return [n]", "Return from a function or sourced file.", `
Exit status: n, by default that of the last command.`},
	"set": {setUsage, "Set shell options and positional parameters.", `
Each -x turns an option on and +x off; -o name and +o name do the same
by long name (set -o lists them). The other arguments replace the
positional parameters; -- ends the options. With no arguments, lists
the variables.

Common options:
  -e  exit when a command fails     -u  unset variables are errors
  -x  trace the commands run        -f  no filename globbing
  -C  do not overwrite files with > -m  job control
  -H  history expansion with !      -o pipefail  a pipeline fails
      when one of its commands does
  -o ipctrace                       pipesh's pipe and process trace

Exit status: 0 unless an option is invalid.`},
	"shift": {"shift [n]", "Shift the positional parameters.", `
Drops the first n (by default 1) positional parameters.

Exit status: 1 if n is more than there are.`},
	"shopt": {shoptUsage, "Set shell behaviour options.", `
With no option names, lists the options and their state.

Options:
  -s  turn the options on     -u  turn them off
  -q  print nothing; the status says whether all are on
  -p  list as commands        -o  the names are set -o options

Exit status: 0 if the options are on (with no -s or -u).`},
	"source": {"source file [arguments]", "Run the commands of a file in this shell.", `
The same as ".".`},
	"test": {"test [expr]", "Evaluate a conditional expression.", `
File tests: -e -f -d -L -r -w -x -s ... file, f1 -nt f2, -ot, -ef.
Strings: -z s, -n s, s1 = s2, s1 != s2, s1 < s2, s1 > s2.
Numbers: n1 -eq -ne -lt -le -gt -ge n2. Variables: -v name.
Combining: ! expr, expr -a expr, expr -o expr, ( expr ).

Exit status: 0 if expr is true, 1 if false, 2 if it is invalid.`},
	"trap": {trapUsage, "Run commands when signals arrive.", `
Runs arg when the shell gets one of the signals (names, numbers, or
EXIT, ERR, DEBUG, RETURN). An empty arg ignores them, "-" restores
the default.

Options:
  -l  list the signal names
  -p  print the traps set as commands

Exit status: 1 if a signal is unknown.`},
	"true": {"true", "Succeed.", `
Exit status: always 0.`},
	"type": {typeUsage, "Tell how a name would be run.", `
For each name, says whether it is an alias, keyword, function, builtin
or file.

Options:
  -a  every way it could be found   -f  skip functions
  -p  the file that would run       -P  search PATH even for builtins
  -t  one word: alias, keyword, function, builtin or file

Exit status: 1 if a name is not found.`},
	"typeset": {"typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]", "Set variables and their attributes.", `
Another name for declare.`},
	"ulimit": {ulimitUsage, "Show or change resource limits.", `
Shows or sets a limit of the shell and the processes it starts (the
file size, -f, by default). -S and -H pick the soft or hard limit; -a
lists them all; the letters name the resources (-n open files, -s
stack, -t CPU time, -v memory, -u processes, -c core files ...).
limit may be a number, unlimited, soft or hard.

Exit status: 0 unless a limit cannot be set.`},
	"umask": {umaskUsage, "Show or change the file creation mask.", `
Sets the mask to mode (octal, or symbolic as chmod takes it); with no
mode, prints it.

Options:
  -S  print symbolically
  -p  print as a command

Exit status: 0 unless mode is invalid.`},
	"unalias": {"unalias [-a] name [name ...]", "Remove aliases.", `
Options:
  -a  remove every alias

Exit status: 1 if a name has no alias.`},
	"unset": {"unset [-f] [-v] [-n] [name ...]", "Remove variables or functions.", `
Options:
  -v  the names are variables       -f  they are functions
  -n  unset a name reference itself, not what it refers to
Without -v or -f, a name is a variable if one is set, else a function.

Exit status: 1 if a name is readonly.`},
	"wait": {"wait [-fn] [-p var] [id ...]", "Wait for jobs to end.", `
Waits for each pid or %job (all background jobs by default).

Options:
  -n      wait for the next job to end (of the ids, if given)
  -p var  put the pid of the job that ended in var
  -f      wait for the jobs to end, not just to change state

Exit status: that of the last job waited for, 127 for an unknown id.`},
}

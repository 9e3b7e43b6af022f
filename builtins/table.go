package builtins

// table lists every builtin. It is filled in init because builtins that
// look up other builtins (command, type, builtin) refer back to it.
var table map[string]Builtin

func init() { table = builtinTable() }

// builtinTable lists every builtin, one sorted line each.
func builtinTable() map[string]Builtin {
	return map[string]Builtin{
		".":         {Run: uses(source), Special: true},
		":":         {Run: colon, Special: true},
		"[":         {Run: uses(testCmd)},
		"alias":     {Run: uses(alias)},
		"bg":        {Run: uses(bg)},
		"break":     {Run: uses(breakCmd), Special: true},
		"builtin":   {Run: builtin},
		"caller":    {Run: uses(caller)},
		"cd":        {Run: uses(cd)},
		"command":   {Run: uses(command)},
		"compgen":   {Run: uses(compgen)},
		"complete":  {Run: uses(complete)},
		"compopt":   {Run: uses(compopt)},
		"continue":  {Run: uses(continueCmd), Special: true},
		"dirs":      {Run: uses(dirs)},
		"declare":   {Run: uses(declare)},
		"disown":    {Run: uses(disown)},
		"echo":      {Run: uses(echo)},
		"enable":    {Run: enable},
		"eval":      {Run: uses(eval), Special: true},
		"exec":      {Run: uses(execCmd), Special: true},
		"exit":      {Run: uses(exit), Special: true},
		"export":    {Run: uses(declare), Special: true},
		"false":     {Run: falseCmd},
		"fg":        {Run: uses(fg)},
		"getopts":   {Run: uses(getopts)},
		"hash":      {Run: uses(hash)},
		"help":      {Run: help},
		"history":   {Run: uses(history)},
		"fc":        {Run: uses(fc)},
		"jobs":      {Run: uses(jobs)},
		"kill":      {Run: uses(kill)},
		"logout":    {Run: logout},
		"local":     {Run: uses(declare)},
		"mapfile":   {Run: uses(mapfile)},
		"popd":      {Run: uses(popd)},
		"printf":    {Run: uses(printf)},
		"pushd":     {Run: uses(pushd)},
		"pwd":       {Run: uses(pwd)},
		"read":      {Run: uses(read)},
		"readonly":  {Run: uses(declare), Special: true},
		"readarray": {Run: uses(mapfile)},
		"return":    {Run: uses(returnCmd), Special: true},
		"set":       {Run: uses(set), Special: true},
		"shift":     {Run: uses(shift), Special: true},
		"shopt":     {Run: uses(shopt)},
		"source":    {Run: uses(source)},
		"suspend":   {Run: uses(suspend)},
		"test":      {Run: uses(testCmd)},
		"times":     {Run: times, Special: true},
		"trap":      {Run: uses(trap), Special: true},
		"true":      {Run: trueCmd},
		"type":      {Run: uses(typeCmd)},
		"typeset":   {Run: uses(declare)},
		"ulimit":    {Run: ulimit},
		"umask":     {Run: umask},
		"unalias":   {Run: uses(unalias)},
		"unset":     {Run: uses(unset), Special: true},
		"wait":      {Run: uses(wait)},
	}
}

// Lookup returns the builtin called name.
func Lookup(name string) (Builtin, bool) {
	b, ok := table[name]
	return b, ok
}

// Names lists all builtin names.
func Names() []string {
	names := make([]string, 0, len(table))
	for n := range table {
		names = append(names, n)
	}
	return names
}

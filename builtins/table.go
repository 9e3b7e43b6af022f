package builtins

// table lists every builtin. It is filled in init because builtins that
// look up other builtins (command, type, builtin) refer back to it.
var table map[string]Builtin

func init() { table = builtinTable() }

// builtinTable lists every builtin, one sorted line each.
func builtinTable() map[string]Builtin {
	return map[string]Builtin{
		".":         {Run: source, Special: true},
		":":         {Run: colon, Special: true},
		"[":         {Run: testCmd},
		"alias":     {Run: alias},
		"bg":        {Run: bg},
		"break":     {Run: breakCmd, Special: true},
		"builtin":   {Run: builtin},
		"caller":    {Run: caller},
		"cd":        {Run: cd},
		"command":   {Run: command},
		"compgen":   {Run: compgen},
		"complete":  {Run: complete},
		"compopt":   {Run: compopt},
		"continue":  {Run: continueCmd, Special: true},
		"dirs":      {Run: dirs},
		"declare":   {Run: declare},
		"disown":    {Run: disown},
		"echo":      {Run: echo},
		"enable":    {Run: enable},
		"eval":      {Run: eval, Special: true},
		"exec":      {Run: execCmd, Special: true},
		"exit":      {Run: exit, Special: true},
		"export":    {Run: declare, Special: true},
		"false":     {Run: falseCmd},
		"fg":        {Run: fg},
		"getopts":   {Run: getopts},
		"hash":      {Run: hash},
		"help":      {Run: help},
		"history":   {Run: history},
		"fc":        {Run: fc},
		"jobs":      {Run: jobs},
		"kill":      {Run: kill},
		"logout":    {Run: logout},
		"local":     {Run: declare},
		"mapfile":   {Run: mapfile},
		"popd":      {Run: popd},
		"printf":    {Run: printf},
		"pushd":     {Run: pushd},
		"pwd":       {Run: pwd},
		"read":      {Run: read},
		"readonly":  {Run: declare, Special: true},
		"readarray": {Run: mapfile},
		"return":    {Run: returnCmd, Special: true},
		"set":       {Run: set, Special: true},
		"shift":     {Run: shift, Special: true},
		"shopt":     {Run: shopt},
		"source":    {Run: source},
		"suspend":   {Run: suspend},
		"test":      {Run: testCmd},
		"times":     {Run: times, Special: true},
		"trap":      {Run: trap, Special: true},
		"true":      {Run: trueCmd},
		"type":      {Run: typeCmd},
		"typeset":   {Run: declare},
		"ulimit":    {Run: ulimit},
		"umask":     {Run: umask},
		"unalias":   {Run: unalias},
		"unset":     {Run: unset, Special: true},
		"wait":      {Run: wait},
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

package builtins

// table lists every builtin, one sorted line each.
var table = map[string]Builtin{
	":":        {Run: colon, Special: true},
	"[":        {Run: testCmd},
	"break":    {Run: breakCmd, Special: true},
	"cd":       {Run: cd},
	"continue": {Run: continueCmd, Special: true},
	"echo":     {Run: echo},
	"exit":     {Run: exit, Special: true},
	"false":    {Run: falseCmd},
	"printf":   {Run: printf},
	"pwd":      {Run: pwd},
	"read":     {Run: read},
	"return":   {Run: returnCmd, Special: true},
	"set":      {Run: set, Special: true},
	"shift":    {Run: shift, Special: true},
	"shopt":    {Run: shopt},
	"test":     {Run: testCmd},
	"true":     {Run: trueCmd},
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

package builtins

import (
	"regexp"
	"testing"
)

var lineRE = regexp.MustCompile(`line [0-9]+:`)

// TestPrintfBash runs each argument list through our printf and bash's and
// compares stdout, stderr and status.
func TestPrintfBash(t *testing.T) {
	cases := [][]string{
		{"%s|%s\n", "a", "b", "c"},
		{"[%5s][%-5s][%.2s][%5.1s]\n", "ab", "cd", "xyz", "q"},
		{"[%d][%i][%5d][%-5d][%05d][%+d][% d][%.3d][%.0d]\n", "1", "-2", "3", "4", "-5", "6", "7", "-8", "0"},
		{"[%x][%X][%#x][%#o][%o][%u][%+u]\n", "255", "255", "255", "8", "8", "-1", "5"},
		{"[%08.3d][%-08d][%#X]\n", "7", "3", "0"},
		{"%d\n", " 12", "12 ", "12abc", "abc", "", "0x1F", "010", "-0x10", "+5", "08", "0x"},
		{"%d\n", "99999999999999999999", "-99999999999999999999", "9223372036854775807"},
		{"%d %d %d\n", "'A", "'é", "\"x", "'"},
		{"[%c][%c][%-3c]\n", "abc", "é", "x"},
		{"[%e][%E][%g][%g][%g][%g][%G]\n", "1", "2.5", "0.0001", "1000000", "123456789", "100", "1e-10"},
		{"[%f][%.2f][%010.2f][%-10.1f][%+.0f][%#.0f][%#g][%.0e]\n", "3.14159", "2.005", "-3.14159", "1", "2.5", "3", "1", "12345"},
		{"[%f][%F][%5f][%G]\n", "inf", "-inf", "nan", "nan"},
		{"[%f][%f]\n", "1.5x", " 2", "0x1p3", "1e3"},
		{"[%*d][%-*d][%.*f][%*s]\n", "5", "1", "4", "2", "2", "3.14159", "-4", "x"},
		{"%q\n", "a b", "", "~x", "a=~b", "x'y", "a=b", "#c", "c#", "é", "$x", ",", "a\tb\x01", "\xff", "a\nb", "!{}"},
		{"%Q|%.2Q|%.2q\n", "a b", "a b", "a b"},
		{"[%b]\n", "a\\101\\0101\\tb\\x41\\u00e9\\?\\\""},
		{"[%b]|%s\n", "stop\\cnow", "x"},
		{"\\101\\0101\\8\\x4g\\u41\\\"\\?\\q\\e\\c|\n"},
		{"%s\\x\n"},
		{"a%zb\n"},
		{"a%yb\n", "1"},
		{"%5%|\n"},
		{"%%|%s\n", "a"},
		{"%s\n"},
		{"%d-%s|"},
		{"no args\n", "extra"},
		{"%ld|%hhd|%jd\n", "3", "4", "5"},
		{"%s %s\n", "a"},
		{"%.3s|%.10s\n", "éé", "x"},
		{"%a|%a|%a|%.2a|%A|%a|%.0a|%a\n", "0", "1", "0.1", "0.1", "255", "-2.5", "1.9", "1e400"},
		{"%b|%b|%b\n", "\\'", "\\?", "\\c"},
		{"%.2f|%.3e|%g|%f\n", "2.005", "1e400", "1e-400", "0.1"},
	}
	for _, args := range cases {
		var errs []string
		f := &formatter{
			warn: func(msg string) { errs = append(errs, "bash: line 1: printf: "+msg+"\n") },
			utf8: utf8Locale(newFakeVars()),
		}
		got, status := f.run(args[0], args[1:])
		gotErr := ""
		for _, e := range errs {
			gotErr += e
		}
		want, wantErr, wantStatus := bashRun(t, "printf "+shq(args), nil)
		wantErr = lineRE.ReplaceAllString(wantErr, "line 1:")
		if got != want || gotErr != wantErr || status != wantStatus {
			t.Errorf("printf %q:\n got %q %q %d\nwant %q %q %d", args, got, gotErr, status, want, wantErr, wantStatus)
		}
	}
}

package builtins

import (
	"strconv"
	"strings"
)

// sigNames are Linux's signal names without "SIG", by number; 32 and 33
// are reserved by the C library and have none.
var sigNames = [...]string{
	1: "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
	"SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
	"TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
	34: "RTMIN", "RTMIN+1", "RTMIN+2", "RTMIN+3", "RTMIN+4", "RTMIN+5", "RTMIN+6", "RTMIN+7",
	"RTMIN+8", "RTMIN+9", "RTMIN+10", "RTMIN+11", "RTMIN+12", "RTMIN+13", "RTMIN+14", "RTMIN+15",
	"RTMAX-14", "RTMAX-13", "RTMAX-12", "RTMAX-11", "RTMAX-10", "RTMAX-9", "RTMAX-8", "RTMAX-7",
	"RTMAX-6", "RTMAX-5", "RTMAX-4", "RTMAX-3", "RTMAX-2", "RTMAX-1", "RTMAX",
}

// maxSignal is the highest signal number.
const maxSignal = len(sigNames) - 1

// SignalName gives a signal's name without "SIG" ("INT"), as the keys of
// TrapTable.Traps; 0 is "EXIT". ok is false for a number with no signal.
func SignalName(n int) (name string, ok bool) {
	if n == 0 {
		return "EXIT", true
	}
	if n < 0 || n > maxSignal || sigNames[n] == "" {
		return "", false
	}
	return sigNames[n], true
}

// ParseSignal reads a signal as trap and kill take it: a number, or a
// name in any case with or without "SIG" ("int", "SIGINT", "RTMIN+1").
// It returns the number (0 for EXIT) and the name without "SIG". With
// pseudo set, trap's DEBUG, ERR and RETURN are accepted too (number -1).
func ParseSignal(spec string, pseudo bool) (num int, name string, ok bool) {
	if n, err := strconv.Atoi(spec); err == nil {
		name, ok := SignalName(n)
		return n, name, ok
	}
	up := strings.ToUpper(spec)
	up = strings.TrimPrefix(up, "SIG")
	switch up {
	case "EXIT":
		return 0, "EXIT", true
	case "DEBUG", "ERR", "RETURN":
		if pseudo {
			return -1, up, true
		}
		return 0, "", false
	}
	for n, s := range sigNames {
		if s != "" && s == up {
			return n, s, true
		}
	}
	return 0, "", false
}

// signalList writes the table trap -l and kill -l print: five
// "NN) SIGNAME" per line.
func signalList(out *Out) {
	col := 0
	for n := 1; n <= maxSignal; n++ {
		if sigNames[n] == "" {
			continue
		}
		out.Printf("%2d) SIG%s", n, sigNames[n])
		col++
		if col < 5 {
			out.WriteString("\t")
		} else {
			out.WriteString("\n")
			col = 0
		}
	}
	if col != 0 {
		out.WriteString("\n")
	}
}

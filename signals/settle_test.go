package signals

import (
	"syscall"
	"testing"
)

func TestAction(t *testing.T) {
	traps := map[string]string{"INT": "echo int", "SIGUSR1": "", "TERM": "t"}
	for _, tc := range []struct {
		sig  syscall.Signal
		act  string
		isOk bool
	}{
		{syscall.SIGINT, "echo int", true},
		{syscall.SIGUSR1, "", true},
		{syscall.SIGTERM, "t", true},
		{syscall.SIGHUP, "", false},
	} {
		if act, ok := Action(traps, tc.sig); act != tc.act || ok != tc.isOk {
			t.Errorf("Action(%v) = %q, %v; want %q, %v", tc.sig, act, ok, tc.act, tc.isOk)
		}
	}
}

package main

import "testing"

// TestStartupFiles pins the README's table of which startup file each
// mode reads (the cases run them; this names every combination).
func TestStartupFiles(t *testing.T) {
	tests := []struct {
		name                 string
		s                    startup
		bashEnv, rc, envFile bool
	}{
		{"plain", startup{}, true, true, false},
		{"posix", startup{posix: true}, false, false, true},
		{"named sh", startup{actLikeSh: true}, false, false, true},
		{"privileged", startup{privileged: true}, false, true, false},
		{"privileged posix", startup{privileged: true, posix: true}, false, false, false},
		{"setuid", startup{setuid: true}, false, false, false},
		{"setuid -p", startup{setuid: true, privileged: true}, false, false, false},
		{"setuid posix", startup{setuid: true, posix: true}, false, false, false},
	}
	for _, tt := range tests {
		if got := tt.s.readsBashEnv(); got != tt.bashEnv {
			t.Errorf("%s: readsBashEnv = %v, want %v", tt.name, got, tt.bashEnv)
		}
		if got := tt.s.readsRC(); got != tt.rc {
			t.Errorf("%s: readsRC = %v, want %v", tt.name, got, tt.rc)
		}
		if got := tt.s.readsENV(); got != tt.envFile {
			t.Errorf("%s: readsENV = %v, want %v", tt.name, got, tt.envFile)
		}
	}
}

// TestNewStartup checks how the command line sets the mode: the last of
// -p/+p and -o/+o privileged wins, and a name of sh (or -sh, a login
// shell's) acts like sh.
func TestNewStartup(t *testing.T) {
	s := newStartup("/bin/-sh", false, []string{"-p", "+p", "-p"}, []string{"posix", "!posix"}, false)
	if !s.actLikeSh || !s.privileged || s.posix {
		t.Errorf("got %+v, want actLikeSh, privileged, not posix", s)
	}
	s = newStartup("-sh", false, nil, []string{"privileged", "!privileged"}, true)
	if !s.actLikeSh || s.privileged || !s.posix {
		t.Errorf("got %+v, want actLikeSh, posix, not privileged", s)
	}
	if s := newStartup("pipesh", false, nil, nil, false); s.actLikeSh {
		t.Errorf("pipesh acts like sh")
	}
}

// TestLoginStartup: a login shell is -l or an argv[0] starting with -
// (not a path whose last part does); it reads the profiles unless in
// POSIX mode or setuid, and then no ~/.pipeshrc.
func TestLoginStartup(t *testing.T) {
	if s := newStartup("-pipesh", false, nil, nil, false); !s.login || !s.readsProfile() || s.readsRC() {
		t.Errorf("-pipesh: %+v, want a login shell reading the profiles, not the rc file", s)
	}
	if s := newStartup("/bin/-sh", false, nil, nil, false); s.login {
		t.Errorf("/bin/-sh: %+v is a login shell", s)
	}
	if s := newStartup("pipesh", true, nil, []string{"posix"}, false); !s.login || s.readsProfile() || !s.readsENV() {
		t.Errorf("-l -o posix: %+v, want no profile, $ENV", s)
	}
	if s := (startup{login: true, setuid: true}); s.readsProfile() {
		t.Errorf("setuid login reads the profiles")
	}
}

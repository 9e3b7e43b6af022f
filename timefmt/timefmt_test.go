package timefmt

import (
	"strings"
	"testing"
	"time"
)

func TestStrftime(t *testing.T) {
	at := time.Date(2024, time.March, 5, 14, 7, 9, 0, time.UTC)
	for format, want := range map[string]string{
		"%Y-%m-%d %H:%M:%S": "2024-03-05 14:07:09",
		"%a %b %e %I%p":     "Tue Mar  5 02PM",
		"%j %u %w %%":       "065 2 2 %",
		"%s":                "1709647629",
		"%q":                "%q", // unknown conversions stay as they are
		"100%":              "100%",
	} {
		if got := Strftime(format, at); got != want {
			t.Errorf("Strftime(%q) = %q, want %q", format, got, want)
		}
	}
	if got := Strftime(strings.Repeat("x", 128), at); got != "" {
		t.Errorf("a result of 128 bytes should come out empty, got %d bytes", len(got))
	}
}

func TestLoadZone(t *testing.T) {
	if loc := LoadZone("No/Such_Zone"); loc != time.UTC {
		t.Errorf("an unknown zone should be UTC, got %v", loc)
	}
	if loc := LocalZone(); loc == nil {
		t.Error("LocalZone returned nil")
	}
}

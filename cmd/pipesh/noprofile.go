//go:build !pprof

package main

// profiled runs the shell; built with -tags pprof, it can profile it
// (profile.go).
func profiled(run func() int) int { return run() }

//go:build pprof

package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// profiled runs the shell under the profiler when pipesh is built with
// -tags pprof: $PIPESH_CPUPROFILE names the file for a CPU profile,
// $PIPESH_MEMPROFILE the file for an allocation profile written at exit
// (every allocation sampled). A plain build leaves the profiler out
// (noprofile.go): runtime/pprof brings compress/flate and more packages
// whose initialisation every start of the shell, and of each child
// subshell, would pay for.
func profiled(run func() int) int {
	if path := os.Getenv("PIPESH_MEMPROFILE"); path != "" {
		runtime.MemProfileRate = 1
		defer func() {
			if err := writeHeapProfile(path); err != nil {
				fmt.Fprintf(os.Stderr, "pipesh: %v\n", err)
			}
		}()
	}
	path := os.Getenv("PIPESH_CPUPROFILE")
	if path == "" {
		return run()
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "pipesh: %v\n", err)
		return run()
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "pipesh: %v\n", err)
		return run()
	}
	defer pprof.StopCPUProfile()
	return run()
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

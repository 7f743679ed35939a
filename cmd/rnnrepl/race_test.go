//go:build race

package main

// Under go test -race, the rnnrepl the tests run is built with the race
// detector too, so that its concurrency (output capture, displays from
// goroutines, Ctrl-C) is checked end to end.
func init() {
	buildFlags = append(buildFlags, "-race")
	raceBuild = true
}

package modules

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
)

// host is what a plugin must share with the running binary: the Go
// version, the versions of the modules it links, and the build flags
// that change compiled packages. The runtime refuses a plugin that was
// built with another version of any package the binary has.
type host struct {
	goVersion string
	mainPath  string                   // the binary's own module
	deps      map[string]*debug.Module // module path -> as the binary has it
	flags     []string                 // go build flags
	env       []string                 // GOARCH, GOAMD64, CGO_CFLAGS, ...
	// refuse says why this binary cannot load plugins, "" if it can.
	refuse string
}

var (
	hostOnce sync.Once
	hostInfo *host
)

// thisHost returns the running binary's host, read once.
func thisHost() *host {
	hostOnce.Do(func() { hostInfo = readHost(debug.ReadBuildInfo()) })
	return hostInfo
}

// pluginOS lists the systems whose Go runtime loads plugins.
var pluginOS = []string{"linux", "darwin", "freebsd"}

// readHost derives the host from the binary's build information.
func readHost(bi *debug.BuildInfo, ok bool) *host {
	h := &host{goVersion: runtime.Version(), deps: map[string]*debug.Module{}}
	if !slices.Contains(pluginOS, runtime.GOOS) {
		h.refuse = fmt.Sprintf("Go loads compiled plugins only on %s, not on %s", strings.Join(pluginOS, ", "), runtime.GOOS)
		return h
	}
	if !ok {
		h.refuse = "the kernel's binary carries no build information to build a matching plugin with"
		return h
	}
	h.goVersion = bi.GoVersion
	h.mainPath = bi.Main.Path
	for _, m := range bi.Deps {
		h.deps[m.Path] = m
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if settings["CGO_ENABLED"] != "1" {
		h.refuse = "the kernel was built with CGO_ENABLED=0, and Go plugins need cgo"
		return h
	}
	if c := settings["-compiler"]; c != "" && c != "gc" {
		h.refuse = "the kernel was built with the " + c + " compiler; plugins are built with gc"
		return h
	}
	for _, flag := range []string{"-race", "-msan", "-asan", "-trimpath"} {
		if settings[flag] == "true" {
			h.flags = append(h.flags, flag)
		}
	}
	for _, flag := range []string{"-tags", "-gcflags", "-asmflags"} {
		if v := settings[flag]; v != "" {
			h.flags = append(h.flags, flag+"="+v)
		}
	}
	// The target and its options, GOEXPERIMENT included: unset in the
	// settings means the default, which the user's environment must not
	// change.
	if _, ok := settings["GOEXPERIMENT"]; !ok {
		settings["GOEXPERIMENT"] = ""
	}
	for k, v := range settings {
		if k == strings.ToUpper(k) && strings.HasPrefix(k, "GO") || strings.HasPrefix(k, "CGO_") {
			h.env = append(h.env, k+"="+v)
		}
	}
	slices.Sort(h.env)
	return h
}

package modules

import (
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// buildInfo is a binary's build information with the given settings,
// linking gonum v0.17.0 and, replaced, example.com/fork.
func buildInfo(settings ...string) *debug.BuildInfo {
	bi := &debug.BuildInfo{GoVersion: runtime.Version(), Main: debug.Module{Path: "github.com/gornn/gornn", Version: "(devel)"},
		Deps: []*debug.Module{
			{Path: "gonum.org/v1/gonum", Version: "v0.17.0"},
			{Path: "example.com/fork", Version: "v1.0.0", Replace: &debug.Module{Path: "example.com/ourfork", Version: "v1.0.1"}},
		}}
	for _, kv := range settings {
		k, v, _ := strings.Cut(kv, "=")
		bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
	}
	return bi
}

func TestReadHost(t *testing.T) {
	if !slices.Contains(pluginOS, runtime.GOOS) {
		t.Skipf("no plugins on %s: TestReadHost reads settings of a plugin-capable host", runtime.GOOS)
	}
	tests := []struct {
		name     string
		bi       *debug.BuildInfo
		refuse   string   // part of the refusal, "" for none
		flags    []string // the plugin's build flags
		inEnv    []string // entries of the plugin's environment
		notInEnv []string
	}{
		{"no build information", nil, "no build information", nil, nil, nil},
		{"no cgo", buildInfo("CGO_ENABLED=0"), "CGO_ENABLED=0", nil, nil, nil},
		{"gccgo", buildInfo("CGO_ENABLED=1", "-compiler=gccgo"), "gccgo", nil, nil, nil},
		{"plain", buildInfo("-buildmode=exe", "-compiler=gc", "CGO_ENABLED=1", "CGO_CFLAGS=", "GOARCH=amd64", "GOAMD64=v3", "DefaultGODEBUG=x=1", "vcs.revision=abc"),
			"", nil, []string{"CGO_ENABLED=1", "GOAMD64=v3", "GOARCH=amd64", "CGO_CFLAGS=", "GOEXPERIMENT="}, []string{"DefaultGODEBUG=x=1", "vcs.revision=abc"}},
		{"flags", buildInfo("CGO_ENABLED=1", "-trimpath=true", "-race=true", "-tags=netgo,osusergo", "-ldflags=-s", "GOEXPERIMENT=greenteagc"),
			"", []string{"-race", "-trimpath", "-tags=netgo,osusergo"}, []string{"GOEXPERIMENT=greenteagc"}, []string{"GOEXPERIMENT="}},
	}
	for _, tt := range tests {
		h := readHost(tt.bi, tt.bi != nil)
		if tt.refuse == "" && h.refuse != "" || !strings.Contains(h.refuse, tt.refuse) {
			t.Errorf("%s: refuse = %q, want %q", tt.name, h.refuse, tt.refuse)
			continue
		}
		if tt.refuse != "" {
			continue
		}
		if !slices.Equal(h.flags, tt.flags) {
			t.Errorf("%s: flags = %q, want %q", tt.name, h.flags, tt.flags)
		}
		for _, kv := range tt.inEnv {
			if !slices.Contains(h.env, kv) {
				t.Errorf("%s: env %q lacks %s", tt.name, h.env, kv)
			}
		}
		for _, kv := range tt.notInEnv {
			if slices.Contains(h.env, kv) {
				t.Errorf("%s: env %q holds %s", tt.name, h.env, kv)
			}
		}
	}
}

// pkg is a listed package of module path@version.
func pkg(importPath, path, version string) listedPackage {
	p := listedPackage{ImportPath: importPath}
	if path == "" {
		p.Standard = true
		return p
	}
	p.Module = &struct{ Path, Version string }{path, version}
	return p
}

// TestRequirements: a plugin gets the kernel's version (and replacement)
// of every module the kernel links, the record's of the others; a
// package of the kernel's own module cannot be shared.
func TestRequirements(t *testing.T) {
	h := readHost(buildInfo("CGO_ENABLED=1"), true)
	tests := []struct {
		name string
		pkgs []listedPackage
		want []requirement
		err  string
	}{
		{"own and shared", []listedPackage{
			pkg("fmt", "", ""),
			pkg("example.com/stats", "example.com/stats", "v1.2.0"),
			pkg("gonum.org/v1/gonum/floats", "gonum.org/v1/gonum", "v0.16.0"),
			pkg("gonum.org/v1/gonum/mat", "gonum.org/v1/gonum", "v0.16.0"),
			pkg("example.com/fork/x", "example.com/fork", "v1.0.0"),
		}, []requirement{
			{Path: "example.com/fork", Version: "v1.0.0", Replace: "example.com/ourfork v1.0.1"},
			{Path: "example.com/stats", Version: "v1.2.0"},
			{Path: "gonum.org/v1/gonum", Version: "v0.17.0"},
		}, ""},
		{"the kernel's module", []listedPackage{
			pkg("github.com/gornn/gornn/rnn", "github.com/gornn/gornn", ""),
		}, nil, "kernel's own module"},
	}
	for _, tt := range tests {
		got, err := h.requirements(tt.pkgs)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: requirements = %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

// TestCheckShared: a dependency that needs a newer version of a module
// the kernel links than the kernel has rules the plugin out, naming both.
func TestCheckShared(t *testing.T) {
	h := readHost(buildInfo("CGO_ENABLED=1"), true)
	ok := []listedPackage{pkg("fmt", "", ""), pkg("gonum.org/v1/gonum/mat", "gonum.org/v1/gonum", "v0.17.0"), pkg("example.com/stats", "example.com/stats", "v1.2.0")}
	if err := h.checkShared("example.com/stats", ok); err != nil {
		t.Errorf("the kernel's versions: %v", err)
	}
	newer := append(ok, pkg("gonum.org/v1/gonum/floats", "gonum.org/v1/gonum", "v0.18.0"))
	err := h.checkShared("example.com/stats", newer)
	if err == nil || !strings.Contains(err.Error(), "gonum.org/v1/gonum v0.18.0") || !strings.Contains(err.Error(), "v0.17.0") {
		t.Errorf("a newer shared module: err = %v, want one that names both versions", err)
	}
}

// TestOpenError: a refused plugin's message tells an earlier plugin's
// package (a restart is needed) from the kernel's own.
func TestOpenError(t *testing.T) {
	h := readHost(buildInfo("CGO_ENABLED=1"), true)
	tests := []struct{ pkg, want string }{
		{"example.com/words", "restart the kernel"},
		{"gonum.org/v1/gonum/mat", "different version of package gonum.org/v1/gonum/mat"},
		{"internal/abi", "different version of package internal/abi"},
	}
	for _, tt := range tests {
		err := &testError{`plugin.Open("/x/plugin"): plugin was built with a different version of package ` + tt.pkg}
		if got := h.openError(err); !strings.Contains(got, tt.want) || strings.HasPrefix(got, "plugin.Open") {
			t.Errorf("%s: %q, want %q without plugin.Open's prefix", tt.pkg, got, tt.want)
		}
	}
}

type testError struct{ s string }

func (e *testError) Error() string { return e.s }

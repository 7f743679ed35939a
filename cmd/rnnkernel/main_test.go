package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommands(t *testing.T) {
	prefix := t.TempDir()
	spec := filepath.Join(prefix, "share", "jupyter", "kernels", "gornn", "kernel.json")
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		specThen bool
	}{
		{"no args", nil, 2, "", "usage", false},
		{"version", []string{"--version"}, 0, "rnnkernel ", "", false},
		{"help", []string{"help"}, 0, "rnnkernel install", "", false},
		{"unknown", []string{"frob"}, 2, "", `unknown command "frob"`, false},
		{"install", []string{"install", "--prefix", prefix}, 0, "installed kernel", "", true},
		{"install again", []string{"install", "--prefix", prefix}, 0, "installed kernel", "", true},
		{"two places", []string{"install", "--user", "--prefix", prefix}, 2, "", "choose one", true},
		{"bad name", []string{"install", "--prefix", prefix, "--name", "a/b"}, 1, "", "only letters", true},
		{"bad python", []string{"install", "--sys-prefix", "--python", "/nonexistent/python"}, 1, "", "/nonexistent/python", true},
		{"uninstall", []string{"uninstall", "--prefix", prefix}, 0, "removed", "", false},
		{"uninstall again", []string{"uninstall", "--prefix", prefix}, 1, "", "not installed", false},
		{"run without file", []string{"run"}, 2, "", "exactly one connection file", false},
		{"run missing file", []string{"run", filepath.Join(prefix, "none.json")}, 1, "", "none.json", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("code %d, stdout %q, stderr %q; want %d, %q, %q", code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.stderr)
			}
			_, err := os.Stat(spec)
			if (err == nil) != tt.specThen {
				t.Errorf("kernel.json present = %v, want %v", err == nil, tt.specThen)
			}
		})
	}
}

func TestInstalledSpecRunsThisBinary(t *testing.T) {
	prefix := t.TempDir()
	var out bytes.Buffer
	if code := run([]string{"install", "--prefix", prefix}, &out, &out); code != 0 {
		t.Fatalf("install: %s", out.String())
	}
	data, err := os.ReadFile(filepath.Join(prefix, "share", "jupyter", "kernels", "gornn", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct{ Argv []string }
	json.Unmarshal(data, &spec)
	exe, _ := os.Executable()
	exe, _ = filepath.EvalSymlinks(exe)
	if len(spec.Argv) != 3 || spec.Argv[0] != exe || spec.Argv[1] != "run" || spec.Argv[2] != "{connection_file}" {
		t.Errorf("argv %q", spec.Argv)
	}
}

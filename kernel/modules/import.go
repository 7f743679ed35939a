package modules

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// ModeVar is the environment variable that chooses how a package of a
// fetched module runs: "plugin" compiles it or fails saying why,
// "interp" interprets its source, and "auto" (or unset) compiles it when
// the kernel can load plugins and interprets it otherwise.
const ModeVar = "GORNN_MODULES"

// Modes of ModeVar.
const (
	ModeAuto   = "auto"
	ModePlugin = "plugin"
	ModeInterp = "interp"
)

// Mode returns the mode ModeVar sets, in Env or else in the process's
// environment, read at each import so that a notebook can change it
// with %env.
func (w *Workspace) Mode() (string, error) {
	mode := os.Getenv(ModeVar)
	for _, kv := range w.Env {
		if v, ok := strings.CutPrefix(kv, ModeVar+"="); ok {
			mode = v
		}
	}
	switch mode {
	case "", ModeAuto:
		return ModeAuto, nil
	case ModePlugin, ModeInterp:
		return mode, nil
	}
	return "", fmt.Errorf("modules: %s=%q: want %s, %s or %s", ModeVar, mode, ModeAuto, ModePlugin, ModeInterp)
}

// Imported is how a package of a fetched module is to run.
type Imported struct {
	// Symbols is the symbol table of the compiled plugin, for the
	// interpreter's Use; nil when the package is interpreted from the
	// source FS serves.
	Symbols interp.Exports
	// Note is one line that says why a package that Mode would have
	// compiled is interpreted; "" otherwise.
	Note string
}

// Import resolves importPath as Load does, then, as Mode says, builds
// and loads it as a compiled plugin or serves its source to the
// interpreter. In the auto mode a package that cannot be
// compiled is interpreted, and Note says why.
func (w *Workspace) Import(ctx context.Context, importPath string) (*Imported, error) {
	mode, err := w.Mode()
	if err != nil {
		return nil, err
	}
	pkgs, err := w.resolve(ctx, importPath)
	if err != nil {
		return nil, err
	}
	noPlugin := ""
	if mode != ModeInterp {
		tables, err := w.compile(ctx, importPath, pkgs)
		if err == nil {
			return &Imported{Symbols: tables}, nil
		}
		if mode == ModePlugin || ctx.Err() != nil {
			return nil, err
		}
		noPlugin = err.Error()
		if pe, ok := err.(*PluginError); ok {
			noPlugin = pe.Reason
		}
	}
	if err := w.serve(importPath, pkgs, noPlugin); err != nil {
		return nil, err
	}
	imp := &Imported{}
	if noPlugin != "" {
		// One line: the go command's report of a failed build may run
		// on, and GORNN_MODULES=plugin shows all of it.
		reason, more, _ := strings.Cut(strings.TrimSpace(noPlugin), "\n")
		if more != "" {
			reason += fmt.Sprintf(" … (%s=%s shows the whole report)", ModeVar, ModePlugin)
		}
		imp.Note = fmt.Sprintf("%s runs interpreted (slower), not compiled: %s", importPath, reason)
	}
	return imp, nil
}

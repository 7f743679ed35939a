package modules

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/version"
	"os"
	"path/filepath"
	"plugin"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/gornn/gornn/kernel/internal/symtable"
)

// PluginDir is the folder, inside the record, that holds the compiled
// plugins, one build directory each.
const PluginDir = "plugins"

// pluginModule is the module path of a plugin's build directory; the
// build directory's key follows it, since the runtime refuses a second
// plugin with a path it loaded before.
const pluginModule = "gornn.local/plugin/"

// PluginError says why a package could not be built or loaded as a
// compiled plugin.
type PluginError struct {
	Import string // the package the cell imported
	Reason string
}

func (e *PluginError) Error() string {
	return fmt.Sprintf("%s cannot run compiled: %s", e.Import, e.Reason)
}

// compile builds importPath, whose packages (itself and its
// dependencies) the record resolved as pkgs, into a plugin that exports
// its symbol table, loads it and returns the table.
func (w *Workspace) compile(ctx context.Context, importPath string, pkgs []listedPackage) (interp.Exports, error) {
	fail := func(format string, args ...any) error {
		return &PluginError{Import: importPath, Reason: fmt.Sprintf(format, args...)}
	}
	h := thisHost()
	if h.refuse != "" {
		return nil, fail("%s", h.refuse)
	}
	out, err := w.goCmdIn(ctx, w.Dir, []string{"GOTOOLCHAIN=local"}, "env", "GOVERSION")
	if err != nil {
		return nil, fail("%v", err)
	}
	if v := strings.TrimSpace(string(out)); v != h.goVersion {
		return nil, fail("the go command is %s but the kernel was built with %s, and a plugin must be built by the same toolchain", v, h.goVersion)
	}
	req, err := h.requirements(pkgs)
	if err != nil {
		return nil, fail("%v", err)
	}
	key := buildKey(importPath, h, req)
	if tables, ok := loaded.Load(key); ok {
		return tables.(interp.Exports), nil
	}
	dir := filepath.Join(w.Dir, PluginDir, key)
	so := filepath.Join(dir, "plugin.so")
	if _, err := os.Stat(so); err != nil {
		if w.Progress != nil {
			fmt.Fprintf(w.Progress, "compiling %s as a plugin (a minute or more the first time; %s=interp interprets it instead)\n", importPath, ModeVar)
		}
		if err := w.build(ctx, dir, importPath, h, req); err != nil {
			var pe *PluginError
			if errors.As(err, &pe) {
				return nil, err
			}
			return nil, fail("%v", err)
		}
	}
	p, err := plugin.Open(so)
	if err != nil {
		return nil, fail("%s", h.openError(err))
	}
	sym, err := p.Lookup("Symbols")
	if err != nil {
		return nil, fail("%v", err)
	}
	tables, ok := sym.(*map[string]map[string]reflect.Value)
	if !ok {
		return nil, fail("its Symbols is a %T, not a symbol table", sym)
	}
	loaded.Store(key, interp.Exports(*tables))
	return *tables, nil
}

// loaded maps the key of each plugin this process loaded to its symbol
// table. The same key in another record (another notebook directory, or
// a test's) is the same plugin, and the runtime refuses to load a
// plugin of the same module path twice.
var loaded sync.Map

// openError explains why plugin.Open refused a plugin.
func (h *host) openError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "): "); i >= 0 && strings.HasPrefix(msg, "plugin.Open(") {
		msg = msg[i+3:]
	}
	const other = "plugin was built with a different version of package "
	if i := strings.Index(msg, other); i >= 0 {
		pkg := strings.Fields(msg[i+len(other):] + " ")[0]
		if !h.links(pkg) {
			// Not the kernel's: an earlier plugin of this process has it.
			return fmt.Sprintf("an earlier import loaded another version of package %s, compiled, and a plugin cannot be unloaded: restart the kernel to run the version now recorded compiled", pkg)
		}
	}
	return msg
}

// links reports whether pkg is in a module the kernel's binary links.
func (h *host) links(pkg string) bool {
	if !strings.Contains(strings.Split(pkg, "/")[0], ".") || pkg == h.mainPath || strings.HasPrefix(pkg, h.mainPath+"/") {
		return true // the standard library, or the kernel's own module
	}
	for path := range h.deps {
		if pkg == path || strings.HasPrefix(pkg, path+"/") {
			return true
		}
	}
	return false
}

// requirement is one module a plugin is built with.
type requirement struct {
	Path, Version string
	// Replace is the replacement the kernel's binary was built with
	// ("path version" or a directory), "" for none.
	Replace string
}

// requirements returns the modules of pkgs at the versions the plugin
// must have: the kernel's for every module the kernel links too, the
// record's for the others.
func (h *host) requirements(pkgs []listedPackage) ([]requirement, error) {
	seen := map[string]bool{}
	var req []requirement
	for _, p := range pkgs {
		if p.Standard || p.Module == nil || seen[p.Module.Path] {
			continue
		}
		m := p.Module
		seen[m.Path] = true
		if m.Path == h.mainPath {
			return nil, fmt.Errorf("it imports %s, a package of the kernel's own module, which a plugin cannot share", p.ImportPath)
		}
		r := requirement{Path: m.Path, Version: m.Version}
		if hm, ok := h.deps[m.Path]; ok {
			r.Version = hm.Version
			if rep := hm.Replace; rep != nil {
				r.Replace = strings.TrimSpace(rep.Path + " " + rep.Version)
			}
		}
		req = append(req, r)
	}
	slices.SortFunc(req, func(a, b requirement) int { return strings.Compare(a.Path, b.Path) })
	return req, nil
}

// buildKey names a plugin's build directory after everything that makes
// one plugin differ from another.
func buildKey(importPath string, h *host, req []requirement) string {
	s := sha256.New()
	fmt.Fprintln(s, importPath, h.goVersion, h.flags, h.env)
	for _, r := range req {
		fmt.Fprintln(s, r.Path, r.Version, r.Replace)
	}
	return hex.EncodeToString(s.Sum(nil))[:16]
}

// build writes the plugin's module in dir, its symbol table, and
// compiles it into dir/plugin.so.
func (w *Workspace) build(ctx context.Context, dir, importPath string, h *host, req []requirement) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var gomod strings.Builder
	fmt.Fprintf(&gomod, "// A compiled plugin of %s, built by gornn.\nmodule %s%s\n\n", importPath, pluginModule, filepath.Base(dir))
	if lang := version.Lang(h.goVersion); lang != "" {
		fmt.Fprintf(&gomod, "go %s\n\n", strings.TrimPrefix(lang, "go"))
	}
	for _, r := range req {
		fmt.Fprintf(&gomod, "require %s %s\n", r.Path, r.Version)
		if r.Replace != "" {
			fmt.Fprintf(&gomod, "replace %s => %s\n", r.Path, r.Replace)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod.String()), 0o644); err != nil {
		return err
	}
	// The record's checksums cover the modules it resolved; the go
	// command adds those of modules pinned to the kernel's versions.
	if sum, err := os.ReadFile(filepath.Join(w.Dir, "go.sum")); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
			return err
		}
	}
	env := append([]string{"GOTOOLCHAIN=local"}, h.env...)
	pkgs, err := w.listIn(ctx, dir, env, importPath)
	if err != nil {
		return err
	}
	if err := h.checkShared(importPath, pkgs); err != nil {
		return err
	}
	main := "// Package main is a plugin that exports the symbol table of " + importPath + ".\npackage main\n\n" +
		"import \"reflect\"\n\n// Symbols is the table, filled by the init of table.go.\n" +
		"var Symbols = map[string]map[string]reflect.Value{}\n"
	if err := os.WriteFile(filepath.Join(dir, "symbols.go"), []byte(main), 0o644); err != nil {
		return err
	}
	table, err := symtable.Table(dir, importPath, "main", nil)
	if err != nil {
		return fmt.Errorf("writing its symbol table: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "table.go"), table, 0o644); err != nil {
		return err
	}
	// Built under a name of its own first, so that an interrupted build
	// leaves no plugin.so to be loaded next time, and two kernels
	// building the same plugin do not write into one file.
	f, err := os.CreateTemp(dir, "plugin-*.so.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	// The go command writes only over files it built.
	os.Remove(tmp)
	defer os.Remove(tmp)
	args := append([]string{"build", "-buildmode=plugin", "-o", tmp}, h.flags...)
	if _, err := w.goCmdIn(ctx, dir, env, append(args, ".")...); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, "plugin.so"))
}

// checkShared fails when the go command selected, for a module the
// kernel links, another version than the kernel's: a dependency needs a
// newer one.
func (h *host) checkShared(importPath string, pkgs []listedPackage) error {
	for _, p := range pkgs {
		if p.Standard || p.Module == nil {
			continue
		}
		hm, ok := h.deps[p.Module.Path]
		if ok && hm.Version != p.Module.Version {
			return &PluginError{Import: importPath, Reason: fmt.Sprintf(
				"it needs %s %s, and the kernel was built with %s %s: a plugin must use the kernel's version of every module it shares with it",
				p.Module.Path, p.Module.Version, hm.Path, hm.Version)}
		}
	}
	return nil
}

package kernelspec

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Name is the kernel's directory name, which front ends use as its id.
const Name = "gornn"

//go:embed logo-32x32.png
var logo32 []byte

//go:embed logo-64x64.png
var logo64 []byte

// Spec is the content of kernel.json.
type Spec struct {
	Argv          []string `json:"argv"`
	DisplayName   string   `json:"display_name"`
	Language      string   `json:"language"`
	InterruptMode string   `json:"interrupt_mode"`
}

// NewSpec returns the kernel specification that starts binary (an
// absolute path) with the connection file Jupyter writes.
func NewSpec(binary string) Spec {
	return Spec{
		Argv:          []string{binary, "run", "{connection_file}"},
		DisplayName:   "Go (gornn)",
		Language:      "go",
		InterruptMode: "message",
	}
}

// UserKernelsDir returns the per-user kernels directory Jupyter searches:
// $JUPYTER_DATA_DIR/kernels, else $XDG_DATA_HOME/jupyter/kernels, else
// ~/.local/share/jupyter/kernels.
func UserKernelsDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return filepath.Join(d, "kernels"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "jupyter", "kernels"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("kernelspec: finding the home directory: %w", err)
	}
	return filepath.Join(home, ".local", "share", "jupyter", "kernels"), nil
}

// PrefixKernelsDir returns the kernels directory under an installation
// prefix such as sys.prefix: PREFIX/share/jupyter/kernels.
func PrefixKernelsDir(prefix string) string {
	return filepath.Join(prefix, "share", "jupyter", "kernels")
}

// PythonPrefix asks the Python interpreter python for its sys.prefix,
// the prefix that the Jupyter it runs searches for kernels.
func PythonPrefix(python string) (string, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(python, "-c", "import sys; print(sys.prefix)")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("kernelspec: asking %s for sys.prefix: %w: %s", python, err, strings.TrimSpace(stderr.String()))
	}
	prefix := strings.TrimSpace(string(out))
	if prefix == "" {
		return "", fmt.Errorf("kernelspec: %s printed an empty sys.prefix", python)
	}
	return prefix, nil
}

// Install writes the specification as kernelsDir/name, with kernel.json
// and the logos, and returns that directory. An existing installation is
// replaced as a whole: the new one is written beside it and renamed into
// place, so that a failure leaves the old one intact.
func Install(kernelsDir, name string, spec Spec) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	if err := os.MkdirAll(kernelsDir, 0o755); err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	dest := filepath.Join(kernelsDir, name)
	tmp, err := os.MkdirTemp(kernelsDir, "."+name+".new-")
	if err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	defer os.RemoveAll(tmp) // no-op after the rename succeeded
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return "", fmt.Errorf("kernelspec: encoding kernel.json: %w", err)
	}
	files := map[string][]byte{
		"kernel.json":    append(data, '\n'),
		"logo-32x32.png": logo32,
		"logo-64x64.png": logo64,
	}
	for file, content := range files {
		if err := os.WriteFile(filepath.Join(tmp, file), content, 0o644); err != nil {
			return "", fmt.Errorf("kernelspec: %w", err)
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	var old string
	if _, err := os.Stat(dest); err == nil {
		old = filepath.Join(kernelsDir, "."+name+".old-"+filepath.Base(tmp))
		if err := os.Rename(dest, old); err != nil {
			return "", fmt.Errorf("kernelspec: moving the previous installation aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return dest, nil
}

// ErrNotInstalled is returned by Uninstall when there is nothing to remove.
var ErrNotInstalled = errors.New("kernelspec: not installed")

// Uninstall removes kernelsDir/name.
func Uninstall(kernelsDir, name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	dest := filepath.Join(kernelsDir, name)
	if _, err := os.Stat(filepath.Join(dest, "kernel.json")); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return dest, fmt.Errorf("%w: %s", ErrNotInstalled, dest)
		}
		return dest, fmt.Errorf("kernelspec: %w", err)
	}
	if err := os.RemoveAll(dest); err != nil {
		return dest, fmt.Errorf("kernelspec: %w", err)
	}
	return dest, nil
}

// checkName rejects names Jupyter would not accept as a kernel directory.
func checkName(name string) error {
	if name == "" {
		return errors.New("kernelspec: empty kernel name")
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
		if !ok {
			return fmt.Errorf("kernelspec: kernel name %q: only letters, digits, '-', '_' and '.' are allowed", name)
		}
	}
	if name == "." || name == ".." {
		return fmt.Errorf("kernelspec: kernel name %q is not a directory name", name)
	}
	return nil
}

package kernelspec

import (
	"bytes"
	"encoding/json"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallReplaceUninstall(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kernels")
	spec := NewSpec("/opt/bin/rnnkernel")
	dest, err := Install(dir, Name, spec)
	if err != nil {
		t.Fatal(err)
	}
	if dest != filepath.Join(dir, "gornn") {
		t.Errorf("installed at %s", dest)
	}
	// A stray file of an old installation must disappear on reinstall.
	os.WriteFile(filepath.Join(dest, "stale.txt"), []byte("x"), 0o644)
	spec.Argv[0] = "/usr/local/bin/rnnkernel"
	if _, err := Install(dir, Name, spec); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dest)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "kernel.json,logo-32x32.png,logo-64x64.png" {
		t.Errorf("files after reinstall: %v", names)
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("temporary directories left behind: %v", left)
	}
	data, err := os.ReadFile(filepath.Join(dest, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	argv := got["argv"].([]any)
	if argv[0] != "/usr/local/bin/rnnkernel" || argv[len(argv)-1] != "{connection_file}" ||
		got["language"] != "go" || got["interrupt_mode"] != "message" || got["display_name"] != "Go (gornn)" {
		t.Errorf("kernel.json = %s", data)
	}
	if _, err := Uninstall(dir, Name); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("still there after uninstall: %v", err)
	}
	if _, err := Uninstall(dir, Name); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("second uninstall: %v", err)
	}
}

func TestBadNames(t *testing.T) {
	for _, name := range []string{"", "..", "a/b", "x y"} {
		if _, err := Install(t.TempDir(), name, NewSpec("/x")); err == nil {
			t.Errorf("Install accepted name %q", name)
		}
	}
}

func TestKernelsDirs(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/j")
	if d, _ := UserKernelsDir(); d != "/j/kernels" {
		t.Errorf("with JUPYTER_DATA_DIR: %s", d)
	}
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "/x")
	if d, _ := UserKernelsDir(); d != "/x/jupyter/kernels" {
		t.Errorf("with XDG_DATA_HOME: %s", d)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/u")
	if d, _ := UserKernelsDir(); d != "/home/u/.local/share/jupyter/kernels" {
		t.Errorf("default: %s", d)
	}
	if d := PrefixKernelsDir("/usr"); d != "/usr/share/jupyter/kernels" {
		t.Errorf("prefix: %s", d)
	}
}

func TestPythonPrefixErrors(t *testing.T) {
	if _, err := PythonPrefix("/nonexistent/python3"); err == nil || !strings.Contains(err.Error(), "/nonexistent/python3") {
		t.Errorf("err = %v", err)
	}
}

// The committed logos must be what DrawLogo draws; run go generate after
// changing the drawing.
func TestEmbeddedLogosAreCurrent(t *testing.T) {
	for size, data := range map[int][]byte{32: logo32, 64: logo64} {
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("logo %d: %v", size, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("logo %d is %v", size, b)
		}
		var buf bytes.Buffer
		png.Encode(&buf, DrawLogo(size))
		if !bytes.Equal(buf.Bytes(), data) {
			t.Errorf("logo-%dx%d.png is stale: run go generate ./kernel/kernelspec", size, size)
		}
	}
}

func TestLogoHasBothColors(t *testing.T) {
	img := DrawLogo(64)
	center, ringLeft, corner := img.RGBAAt(32, 32), img.RGBAAt(32-18, 32), img.RGBAAt(0, 0)
	if center != logoWhite || ringLeft != logoWhite {
		t.Errorf("mark not white: center %v ring %v", center, ringLeft)
	}
	if corner.A != 0 {
		t.Errorf("rounded corner not transparent: %v", corner)
	}
	if mid := img.RGBAAt(32, 32-8); mid != logoBlue {
		t.Errorf("background between node and ring: %v, want blue", mid)
	}
}

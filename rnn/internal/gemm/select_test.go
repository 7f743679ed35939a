package gemm

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSelectKernel checks the choice GORNN_GEMM makes: the named kernel
// where the CPU runs it, the widest otherwise.
func TestSelectKernel(t *testing.T) {
	var widest *microKernel
	for _, p := range paths {
		if !p.runs {
			continue
		}
		if widest == nil {
			widest = p.kernel
		}
		// Kernels are asked for by the first word of their name.
		want := strings.Fields(p.kernel.name)[0]
		if got := selectKernel(want); got != p.kernel {
			t.Errorf("selectKernel(%q) = %s, want %s", want, got.name, p.kernel.name)
		}
		if got := selectKernel(" " + strings.ToUpper(want) + " "); got != p.kernel {
			t.Errorf("selectKernel(%q) = %s, want %s", strings.ToUpper(want), got.name, p.kernel.name)
		}
	}
	for _, s := range []string{"", "bogus", "avx", "4x8"} {
		if got := selectKernel(s); got != widest {
			t.Errorf("selectKernel(%q) = %s, want the widest, %s", s, got.name, widest.name)
		}
	}
}

// TestGeneratedKernelsFresh checks that kernel_avx512_amd64.s is what
// gen_avx512.go writes, so that the two cannot drift apart.
func TestGeneratedKernelsFresh(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator with the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command in PATH to run the generator")
	}
	out := filepath.Join(t.TempDir(), "kernel.s")
	if msg, err := exec.Command(goCmd, "run", "gen_avx512.go", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("go run gen_avx512.go: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("kernel_avx512_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("kernel_avx512_amd64.s differs from gen_avx512.go's output: run go generate ./rnn/internal/gemm")
	}
}

package eval

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// fatalEnv, when set, makes the test binary a helper process that
// captures its stdio as a kernel does and runs the cell in the variable.
const fatalEnv = "GORNN_EVAL_FATAL_CELL"

func TestMain(m *testing.M) {
	if code := os.Getenv(fatalEnv); code != "" {
		os.Exit(runCell(code))
	}
	if path := os.Getenv(corpusEnv); path != "" {
		os.Exit(runCorpusProgram(path))
	}
	os.Exit(m.Run())
}

// parked is how many idle goroutines the helper keeps. A fatal error's
// report lists every goroutine: a kernel has dozens and cells can start
// thousands, and these make the report longer than a pipe holds (64 KiB),
// as it is in a kernel.
const parked = 2000

// runCell runs code in a session under a Capture whose output is
// dropped, as a kernel with no front end reading would.
func runCell(code string) int {
	block := make(chan struct{})
	defer close(block)
	for range parked {
		go func() { <-block }()
	}
	c, err := CaptureStdio(func(string, []byte) {})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer c.Close()
	s, err := New(Options{})
	if err != nil {
		fmt.Fprintln(c.OriginalStderr(), err)
		return 1
	}
	r := s.Execute(context.Background(), code)
	fmt.Fprintf(c.OriginalStderr(), "cell ended: %v\n", r.Err)
	return 0
}

// TestFatalErrorsExit runs cells that make the Go runtime fail beyond
// recovery in a process whose stdio is captured. The process must exit
// (it used to hang, blocked writing the crash report into the captured
// stderr that nobody read any more), with the report on the stderr it
// had before the capture.
func TestFatalErrorsExit(t *testing.T) {
	if testing.Short() {
		t.Skip("grows a stack to 1 GB")
	}
	// Far beyond the seconds each takes: only a hang reaches it.
	const guard = 3 * time.Minute
	tests := []struct {
		name, code string
		want       []string
	}{
		{"stack overflow", "import \"fmt\"\na := []any{0}\na[0] = a // fmt recurses into a without end\nfmt.Sprint(a)",
			[]string{"fatal error: stack overflow", "goroutine "}},
		{"out of memory", "b := make([]byte, 50<<30)\nb[len(b)-1] = 1",
			[]string{"fatal error: runtime: out of memory"}},
		{"concurrent map writes", `m := map[int]int{}
for g := 0; g < 4; g++ {
	go func() {
		for i := 0; ; i++ {
			m[i%64] = i
		}
	}()
}
for i := 0; ; i++ {
	m[i%64] = i
}`, []string{"fatal error: concurrent map writes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), guard)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), fatalEnv+"="+tt.code)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			if ctx.Err() != nil {
				t.Fatalf("still running after %v; stderr:\n%s", guard, stderr.String())
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 {
				t.Errorf("exit %v, want the runtime's exit status 2", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q:\n%.2000s", w, stderr.String())
				}
			}
			t.Logf("exited in %v with %d bytes of report", took.Round(time.Millisecond), stderr.Len())
		})
	}
}

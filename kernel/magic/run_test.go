package magic

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeHost records what the commands asked of the evaluation core.
type fakeHost struct {
	ran      []string
	compiled []string
	calls    int
	env      map[string]string
	reset    bool
	runErr   error
}

func (h *fakeHost) Run(ctx context.Context, code string) (any, error) {
	h.ran = append(h.ran, code)
	return strings.TrimSpace(code), h.runErr
}

func (h *fakeHost) Compile(ctx context.Context, body string) (func(), error) {
	h.compiled = append(h.compiled, body)
	if body == "bad" {
		return nil, errors.New("cell:1:1: undefined: bad")
	}
	if body == "boom" {
		return func() { panic("boom") }, nil
	}
	return func() { h.calls++ }, nil
}

func (h *fakeHost) Doc(name string, detail int) (string, bool) {
	if name != "rnn.BasicLSTMCell" {
		return "", false
	}
	return strings.Repeat("doc ", detail), true
}

func (h *fakeHost) GetModule(ctx context.Context, spec string) (string, error) {
	if spec == "example.com/bad" {
		return "", errors.New("go get example.com/bad: not found")
	}
	return "go: added " + strings.Replace(spec, "@", " ", 1), nil
}

func (h *fakeHost) Names() []Binding {
	return []Binding{{"zeta", "var", "int"}, {"alpha", "func", "func() string"}}
}

func (h *fakeHost) Reset() error { h.reset = true; return nil }

func (h *fakeHost) Setenv(k, v string) error {
	if h.env == nil {
		h.env = map[string]string{}
	}
	h.env[k] = v
	return nil
}

// recorder is an Output that keeps everything.
type recorder struct {
	mu     sync.Mutex
	stdout strings.Builder
	stderr strings.Builder
	pages  []string
}

func (r *recorder) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == "stderr" {
		r.stderr.WriteString(text)
	} else {
		r.stdout.WriteString(text)
	}
}

func (r *recorder) Page(text string) { r.pages = append(r.pages, text) }

func TestExecuteRunsPartsInOrder(t *testing.T) {
	h, out := &fakeHost{}, &recorder{}
	res, err := Execute(context.Background(), h, "!echo one\nx := 1\n!echo two >&2\ny", out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h.ran, []string{"\nx := 1\n\n", "\n\n\ny"}; !equal(got, want) {
		t.Errorf("Go parts run = %q, want %q", got, want)
	}
	if res != "y" {
		t.Errorf("result = %v, want the last Go part's", res)
	}
	if out.stdout.String() != "one\n" || out.stderr.String() != "two\n" {
		t.Errorf("stdout %q, stderr %q", out.stdout.String(), out.stderr.String())
	}
}

func TestExecuteStopsAtFirstError(t *testing.T) {
	h, out := &fakeHost{runErr: errors.New("cell:2:1: undefined: x")}, &recorder{}
	_, err := Execute(context.Background(), h, "x\n!echo never", out)
	if err == nil || err.Error() != "cell:2:1: undefined: x" {
		t.Fatalf("err = %v, want the host's error unchanged", err)
	}
	if out.stdout.Len() != 0 {
		t.Errorf("a command after the failing part ran: %q", out.stdout.String())
	}
}

func TestCommands(t *testing.T) {
	tests := []struct {
		cell    string
		stdout  *regexp.Regexp
		errText string
		check   func(t *testing.T, h *fakeHost, out *recorder)
	}{
		{cell: "%help", stdout: regexp.MustCompile(`(?s)%timeit.*%who.*%reset`)},
		{cell: "%time f()", stdout: regexp.MustCompile(`^CPU time: \S+, wall time: \S+\n$`),
			check: func(t *testing.T, h *fakeHost, _ *recorder) {
				if !equal(h.ran, []string{"f()"}) {
					t.Errorf("ran %q", h.ran)
				}
			}},
		{cell: "\n%time f()", check: func(t *testing.T, h *fakeHost, _ *recorder) {
			if !equal(h.ran, []string{"\nf()"}) {
				t.Errorf("ran %q: the statement must keep its line", h.ran)
			}
		}},
		{cell: "%%time\nx := 1\ny := 2", stdout: regexp.MustCompile(`^CPU time: \S+, wall time: \S+\n$`),
			check: func(t *testing.T, h *fakeHost, _ *recorder) {
				if !equal(h.ran, []string{"\nx := 1\ny := 2"}) {
					t.Errorf("ran %q", h.ran)
				}
			}},
		{cell: "%timeit -n 7 f()", stdout: regexp.MustCompile(`^7\t[0-9.]+ ns/op\t\d+ B/op\t\d+ allocs/op\n$`),
			check: func(t *testing.T, h *fakeHost, _ *recorder) {
				if h.calls != 7 || !equal(h.compiled, []string{"f()"}) {
					t.Errorf("calls %d, compiled %q", h.calls, h.compiled)
				}
			}},
		{cell: "%timeit -n x f()", errText: `cell:1: %timeit -n needs a positive count, not "x"`},
		{cell: "%timeit bad", errText: "cell:1:1: undefined: bad"},
		{cell: "%timeit -n 3 boom", errText: "panic: boom"},
		{cell: "%time", errText: "cell:1: %time needs a statement: %time f(x) (or %%time on a cell's first line)"},
		{cell: "rnn.BasicLSTMCell??", check: func(t *testing.T, _ *fakeHost, out *recorder) {
			if !equal(out.pages, []string{"doc doc "}) {
				t.Errorf("pages %q", out.pages)
			}
		}},
		{cell: "nothing.Here?", errText: "cell:1: no documentation found for nothing.Here"},
		{cell: "%env GORNN_MAGIC_TEST=a=b", stdout: regexp.MustCompile(`^env: GORNN_MAGIC_TEST=a=b\n$`),
			check: func(t *testing.T, h *fakeHost, _ *recorder) {
				if os.Getenv("GORNN_MAGIC_TEST") != "a=b" || h.env["GORNN_MAGIC_TEST"] != "a=b" {
					t.Errorf("process %q, host %q", os.Getenv("GORNN_MAGIC_TEST"), h.env)
				}
			}},
		{cell: "%env GORNN_MAGIC_UNSET_VAR", errText: "cell:1: environment variable GORNN_MAGIC_UNSET_VAR is not set"},
		{cell: "%get example.com/m@v1.2.3", stdout: regexp.MustCompile(`^go: added example.com/m v1.2.3\n$`)},
		{cell: "%get example.com/bad", errText: "cell:1: go get example.com/bad: not found"},
		{cell: "%get", errText: "cell:1: %get needs one module: %get github.com/google/uuid@v1.6.0"},
		{cell: "%who", stdout: regexp.MustCompile(`^NAME +KIND +TYPE\nalpha +func +func\(\) string\nzeta +var +int\n$`)},
		{cell: "%reset", check: func(t *testing.T, h *fakeHost, _ *recorder) {
			if !h.reset {
				t.Error("Reset not called")
			}
		}},
		{cell: "%reset now", errText: "cell:1: %reset takes no argument"},
		{cell: "\n\n%nosuch x", errText: "cell:3: unknown command %nosuch (%help lists the commands)"},
		{cell: "%%nosuch\nx", errText: "cell:1: unknown command %%nosuch (%help lists the commands)"},
		{cell: "!exit 3", check: func(t *testing.T, _ *fakeHost, out *recorder) {
			if !strings.Contains(out.stderr.String(), "exit status 3") {
				t.Errorf("stderr %q does not report the exit status", out.stderr.String())
			}
		}},
	}
	t.Setenv("GORNN_MAGIC_TEST", "")
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			h, out := &fakeHost{}, &recorder{}
			_, err := Execute(context.Background(), h, tt.cell, out)
			switch {
			case tt.errText != "" && (err == nil || err.Error() != tt.errText):
				t.Fatalf("err = %v, want %q", err, tt.errText)
			case tt.errText == "" && err != nil:
				t.Fatalf("err = %v", err)
			}
			if tt.stdout != nil && !tt.stdout.MatchString(out.stdout.String()) {
				t.Errorf("stdout %q does not match %s", out.stdout.String(), tt.stdout)
			}
			if tt.check != nil {
				tt.check(t, h, out)
			}
		})
	}
}

func TestCdChangesDirectory(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	dir := t.TempDir()
	out := &recorder{}
	if _, err := Execute(context.Background(), &fakeHost{}, "%cd "+dir, out); err != nil {
		t.Fatal(err)
	}
	got, _ := os.Getwd()
	if resolved, _ := filepath.EvalSymlinks(dir); got != resolved && got != dir {
		t.Errorf("working directory %q, want %q", got, dir)
	}
	if _, err := Execute(context.Background(), &fakeHost{}, "%cd "+filepath.Join(dir, "missing"), out); err == nil {
		t.Error("cd into a missing directory succeeded")
	}
}

// TestShellInterrupt cancels a command that would run for a minute, once
// it has shown that it started; Execute must return the cancellation.
func TestShellInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started := make(chan struct{})
	out := &signalOutput{recorder: &recorder{}, first: started}
	done := make(chan error, 1)
	go func() {
		_, err := Execute(ctx, &fakeHost{}, "!echo started; sleep 60; echo never", out)
		done <- err
	}()
	<-started
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if strings.Contains(out.stdout.String(), "never") {
		t.Error("the command went on after the interrupt")
	}
}

// signalOutput closes first when the first output arrives.
type signalOutput struct {
	*recorder
	first chan struct{}
	once  sync.Once
}

func (s *signalOutput) Stream(name, text string) {
	s.recorder.Stream(name, text)
	s.once.Do(func() { close(s.first) })
}

func equal(a, b []string) bool { return slices.Equal(a, b) }

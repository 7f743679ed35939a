package eval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// recorder collects what a Capture emits, per stream.
type recorder struct {
	mu      sync.Mutex
	got     map[string]*strings.Builder
	arrived chan struct{} // signalled after each chunk
}

func newRecorder() *recorder { return &recorder{arrived: make(chan struct{}, 1)} }

func (r *recorder) emit(stream string, p []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.got == nil {
		r.got = map[string]*strings.Builder{}
	}
	if r.got[stream] == nil {
		r.got[stream] = &strings.Builder{}
	}
	r.got[stream].Write(p)
	select {
	case r.arrived <- struct{}{}:
	default: // a signal is already waiting
	}
}

// waitFor takes what stream receives until it contains want, and
// returns it; after timeout it returns what came.
func (r *recorder) waitFor(stream, want string, timeout time.Duration) string {
	deadline := time.After(timeout)
	got := r.take(stream)
	for !strings.Contains(got, want) {
		select {
		case <-r.arrived:
			got += r.take(stream)
		case <-deadline:
			return got
		}
	}
	return got
}

func (r *recorder) take(stream string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	b := r.got[stream]
	if b == nil {
		return ""
	}
	s := b.String()
	b.Reset()
	return s
}

func TestCaptureStdio(t *testing.T) {
	rec := newRecorder()
	c, err := CaptureStdio(rec.emit)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	s := newSession(t, Options{})
	r := s.Execute(context.Background(), "import (\n\t\"fmt\"\n\t\"os\"\n)\nfmt.Println(\"interpreted\")\nos.Stdout.WriteString(\"file\\n\")\nfmt.Fprintln(os.Stderr, \"to stderr\")")
	fmt.Println("compiled")
	c.Sync()
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if got, want := rec.take("stdout"), "interpreted\nfile\ncompiled\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
	if got, want := rec.take("stderr"), "to stderr\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}

	// Writers on many goroutines, with Syncs in between: nothing is lost
	// and each Sync sees everything written before it.
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				fmt.Fprintf(os.Stdout, "g%d-%d\n", g, i)
				if i%10 == 0 {
					c.Sync()
				}
			}
		}(g)
	}
	wg.Wait()
	c.Sync()
	out := rec.take("stdout")
	if n := strings.Count(out, "\n"); n != 400 {
		t.Errorf("got %d lines, want 400", n)
	}
	if strings.Contains(out, "gornn-sync") {
		t.Errorf("a sentinel leaked into the output")
	}
	// A goroutine's panic is reported on stderr, and the process lives.
	r = s.Execute(context.Background(), "done := make(chan bool)\ngo func() { defer close(done); panic(\"from a goroutine\") }()\n<-done")
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	// The report follows the deferred close the cell waited for.
	got := rec.waitFor("stderr", "from a goroutine", 10*time.Second)
	if !strings.Contains(got, "panic in goroutine") || !strings.Contains(got, "from a goroutine") {
		t.Errorf("stderr after a goroutine panic = %q", got)
	}
	// A method calling a redefined function is named on stderr.
	run(t, s, "func helper() int { return 1 }\ntype Box struct{ n int }\nfunc (b Box) Get() int { return helper() }",
		"func helper() int { return 2 }")
	c.Sync()
	if got := rec.take("stderr"); !strings.Contains(got, "Box.Get (uses helper)") {
		t.Errorf("stderr after redefining a function a method calls = %q", got)
	}
	fmt.Fprintln(c.OriginalStderr(), "capture test: this line goes to the real stderr")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

package parallel

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// countJob records how often each piece ran and which worker numbers were
// used.
type countJob struct {
	runs    []atomic.Int32
	workers int
	badSlot atomic.Bool
	spin    int
}

func (j *countJob) Do(worker, i int) error {
	if worker < 0 || worker >= j.workers {
		j.badSlot.Store(true)
	}
	x := 0
	for k := range j.spin {
		x += k
	}
	_ = x
	j.runs[i].Add(1)
	return nil
}

func TestRunEveryPieceOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 100, 1000} {
		j := &countJob{runs: make([]atomic.Int32, n), workers: Workers(n), spin: 1000}
		if err := Run(n, j); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i := range j.runs {
			if got := j.runs[i].Load(); got != 1 {
				t.Fatalf("n=%d: piece %d ran %d times", n, i, got)
			}
		}
		if j.badSlot.Load() {
			t.Fatalf("n=%d: a worker number was outside [0, %d)", n, j.workers)
		}
	}
}

// failJob fails on one piece and counts the pieces that ran.
type failJob struct {
	failAt int
	panics bool
	ran    atomic.Int32
}

func (j *failJob) Do(_, i int) error {
	j.ran.Add(1)
	if i == j.failAt {
		if j.panics {
			panic("broken piece")
		}
		return errors.New("piece failed")
	}
	return nil
}

func TestRunReportsErrorsAndPanics(t *testing.T) {
	tests := []struct {
		name   string
		panics bool
		want   string
	}{
		{"error", false, "piece failed"},
		{"panic", true, "broken piece"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &failJob{failAt: 0, panics: tc.panics}
			err := Run(10000, j)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Run = %v, want an error containing %q", err, tc.want)
			}
			if got := j.ran.Load(); got >= 10000 {
				t.Errorf("all %d pieces ran after the first one failed", got)
			}
			// The pool still works afterwards.
			ok := &countJob{runs: make([]atomic.Int32, 50), workers: Workers(50)}
			if err := Run(50, ok); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// nestedJob runs a job of its own inside each piece.
type nestedJob struct{ inner atomic.Int32 }

func (j *nestedJob) Do(_, _ int) error {
	c := &countJob{runs: make([]atomic.Int32, 8), workers: Workers(8), spin: 100}
	if err := Run(8, c); err != nil {
		return err
	}
	for i := range c.runs {
		j.inner.Add(c.runs[i].Load())
	}
	return nil
}

func TestRunNestedAndConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	jobs := make([]*nestedJob, 8)
	for g := range jobs {
		jobs[g] = &nestedJob{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := Run(20, jobs[g]); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for g, j := range jobs {
		if got := j.inner.Load(); got != 20*8 {
			t.Errorf("caller %d: %d inner pieces ran, want %d", g, got, 20*8)
		}
	}
}

func TestRunDoesNotAllocate(t *testing.T) {
	j := &countJob{runs: make([]atomic.Int32, 64), workers: Workers(64)}
	Run(64, j) // start the workers
	if allocs := testing.AllocsPerRun(100, func() { _ = Run(64, j) }); allocs != 0 {
		t.Errorf("Run allocated %.1f times per call", allocs)
	}
}

func BenchmarkRunTwoPieces(b *testing.B) {
	j := &countJob{runs: make([]atomic.Int32, 2), workers: Workers(2), spin: 2000}
	b.ReportAllocs()
	for b.Loop() {
		_ = Run(2, j)
	}
}

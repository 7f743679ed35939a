package parallel

import (
	"errors"
	"math"
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

// failJob fails on one piece and counts the pieces that started and
// finished.
type failJob struct {
	failAt   int
	panics   bool
	started  atomic.Int64
	finished atomic.Int64
}

func (j *failJob) Do(_, i int) error {
	j.started.Add(1)
	defer j.finished.Add(1)
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
			// The other participants may run any number of pieces while
			// the failing one is descheduled between its error and the
			// stop, so no count below n can be asserted. With n out of
			// reach instead, Run returns only if the error stops the
			// claiming; if it did not, the test would time out.
			j := &failJob{failAt: 0, panics: tc.panics}
			err := Run(math.MaxInt, j)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Run = %v, want an error containing %q", err, tc.want)
			}
			started, finished := j.started.Load(), j.finished.Load()
			if started != finished {
				t.Errorf("Run returned with %d of %d started pieces unfinished", started-finished, started)
			}
			// The pool still works afterwards, and none of the failed
			// job's pieces runs late.
			ok := &countJob{runs: make([]atomic.Int32, 50), workers: Workers(50)}
			if err := Run(50, ok); err != nil {
				t.Fatal(err)
			}
			for i := range ok.runs {
				if got := ok.runs[i].Load(); got != 1 {
					t.Fatalf("after a failed job, piece %d ran %d times", i, got)
				}
			}
			if got := j.started.Load(); got != started {
				t.Errorf("%d pieces of the failed job started after Run returned", got-started)
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

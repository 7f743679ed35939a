package magic

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// timeOnce runs f and prints its wall and CPU time, as IPython's %time.
// The times are printed also when f fails, since a slow failure is
// worth knowing about too.
func timeOnce(out Output, f func() error) error {
	cpu0 := cpuTime()
	t0 := time.Now()
	err := f()
	wall := time.Since(t0)
	cpu := cpuTime() - cpu0
	cpuText := "n/a"
	if cpu >= 0 {
		cpuText = round(cpu).String()
	}
	out.Stream("stdout", fmt.Sprintf("CPU time: %s, wall time: %s\n", cpuText, round(wall)))
	return err
}

// round keeps about four significant digits of d.
func round(d time.Duration) time.Duration {
	for _, r := range []time.Duration{time.Second, time.Millisecond, time.Microsecond} {
		if d >= 10*r {
			return d.Round(r / 1000)
		}
	}
	return d
}

// benchTarget is how long %timeit measures when not told a count, the
// default of go test -bench.
const benchTarget = time.Second

// timeit runs body repeatedly and prints a line in go test -bench's
// format. "-n N" before the statement fixes the number of iterations.
func timeit(ctx context.Context, h Host, p Part, body string, out Output) error {
	fixed := 0
	if rest, ok := strings.CutPrefix(body, "-n "); ok {
		count, stmt, _ := strings.Cut(strings.TrimSpace(rest), " ")
		n, err := strconv.Atoi(count)
		if err != nil || n <= 0 {
			return &Error{p.Line, fmt.Sprintf("%%timeit -n needs a positive count, not %q", count)}
		}
		fixed, body = n, strings.TrimSpace(stmt)
		if body == "" {
			return &Error{p.Line, "%timeit -n N needs a statement after the count"}
		}
	}
	f, err := h.Compile(ctx, body)
	if err != nil {
		return err
	}
	var r benchResult
	if fixed > 0 {
		if r, err = measure(f, fixed); err != nil {
			return err
		}
	} else {
		// Grow the count as testing.B does: predict from the last round,
		// overshoot by a fifth, never more than a hundredfold at once.
		for n := 1; ; {
			if r, err = measure(f, n); err != nil {
				return err
			}
			if r.elapsed >= benchTarget || n >= 1e9 || ctx.Err() != nil {
				break
			}
			next := n * 100
			if r.elapsed > 0 {
				next = int(float64(n) * float64(benchTarget) / float64(r.elapsed) * 1.2)
			}
			n = min(max(next, n+1), 100*n, 1e9)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	out.Stream("stdout", r.String()+"\n")
	return nil
}

// benchResult is one measured round of %timeit.
type benchResult struct {
	n             int
	elapsed       time.Duration
	bytes, allocs uint64
}

// String formats r as go test -bench -benchmem does.
func (r benchResult) String() string {
	n := uint64(r.n)
	return fmt.Sprintf("%d\t%s ns/op\t%d B/op\t%d allocs/op",
		r.n, nsPerOp(r.elapsed, r.n), r.bytes/n, r.allocs/n)
}

// nsPerOp prints like testing.BenchmarkResult: integers from 100 ns up,
// more digits below.
func nsPerOp(d time.Duration, n int) string {
	ns := float64(d.Nanoseconds()) / float64(n)
	switch {
	case ns >= 100:
		return strconv.FormatFloat(ns, 'f', 0, 64)
	case ns >= 10:
		return strconv.FormatFloat(ns, 'f', 1, 64)
	default:
		return strconv.FormatFloat(ns, 'f', 2, 64)
	}
}

// measure calls f n times. A panic in f is returned as an error, since
// the statement is the user's.
func measure(f func(), n int) (r benchResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	for i := 0; i < n; i++ {
		f()
	}
	elapsed := time.Since(t0)
	runtime.ReadMemStats(&after)
	return benchResult{n: n, elapsed: elapsed,
		bytes: after.TotalAlloc - before.TotalAlloc, allocs: after.Mallocs - before.Mallocs}, nil
}

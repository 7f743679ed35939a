package display

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The progress tests run in a synctest bubble: the throttle's clock and
// timers are fake, so what they assert does not depend on how busy the
// machine is.

func TestProgressThrottlesNotebookUpdates(t *testing.T) {
	synctest.Test(t, testProgressThrottlesNotebookUpdates)
}

func testProgressThrottlesNotebookUpdates(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	start := time.Now()
	p := NewProgress(100000, "training")
	for i := 0; i < 100000; i++ {
		p.Add(1)
		if i%2500 == 0 {
			time.Sleep(5 * time.Millisecond) // spread the loop over a few intervals
		}
	}
	p.Finish()
	elapsed := time.Since(start)

	out := r.all()
	// The first display, at most one update per interval, and the final one.
	limit := 2 + int(elapsed/progressInterval) + 1
	if len(out) > limit {
		t.Fatalf("100000 Add calls in %v sent %d messages, want at most %d", elapsed, len(out), limit)
	}
	if len(out) < 3 {
		t.Fatalf("sent %d messages in %v, want the first display, updates while running and the final state", len(out), elapsed)
	}
	id := out[0].ID
	if id == "" || out[0].Update {
		t.Fatalf("first message ID %q Update %v, want a new display with an ID", id, out[0].Update)
	}
	for i, d := range out[1:] {
		if d.ID != id || !d.Update {
			t.Fatalf("message %d: ID %q Update %v, want an update of %q", i+1, d.ID, d.Update, id)
		}
	}
	last := out[len(out)-1]
	text := last.Data[MIMEText].(string)
	if !strings.Contains(text, "100000/100000") || !strings.Contains(text, "100%") {
		t.Errorf("final text %q does not show 100000/100000 at 100%%", text)
	}
	if h := last.Data[MIMEHTML].(string); !strings.Contains(h, `value="100000" max="100000"`) {
		t.Errorf("final HTML %q does not show a full bar", h)
	}
}

func TestProgressFlushesStalledState(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := &recorder{}
		r.install(t, false)
		p := NewProgress(10, "")
		p.Add(1) // within the interval of the first display: held back
		if n := len(r.all()); n != 1 {
			t.Fatalf("%d messages right after the first display, want 1", n)
		}
		time.Sleep(progressInterval)
		synctest.Wait() // the flush timer's send has finished
		testHeldBackStateSent(t, r, p)
	})
}

func testHeldBackStateSent(t *testing.T, r *recorder, p *Progress) {
	out := r.all()
	if len(out) < 2 || !strings.Contains(out[1].Data[MIMEText].(string), "1/10") {
		t.Fatalf("the held-back state 1/10 was never sent: %v", out)
	}
	p.Finish()
}

func TestProgressFinishIsFinal(t *testing.T) {
	synctest.Test(t, testProgressFinishIsFinal)
}

func testProgressFinishIsFinal(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	p := NewProgress(50, "eval")
	p.Set(20)
	p.Finish()
	n := len(r.all())
	p.Add(5)
	p.Finish()
	time.Sleep(2 * progressInterval)
	synctest.Wait()
	out := r.all()
	if len(out) != n {
		t.Fatalf("%d messages after Finish, want none", len(out)-n)
	}
	if text := out[n-1].Data[MIMEText].(string); !strings.Contains(text, "50/50") {
		t.Errorf("final text %q, want 50/50 even though only 20 were reported", text)
	}
}

func TestProgressConcurrentAdds(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	p := NewProgress(0, "unknown total")
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				p.Add(1)
			}
		}()
	}
	wg.Wait()
	p.Finish()
	out := r.all()
	text := out[len(out)-1].Data[MIMEText].(string)
	if !strings.HasPrefix(text, "unknown total 4000 [") {
		t.Errorf("final text %q, want the count 4000 without a total", text)
	}
}

func TestProgressTerminal(t *testing.T) {
	tests := []struct {
		name     string
		frontend Frontend
	}{
		{"no frontend", Frontend{}},
		{"terminal frontend", Frontend{Publish: func(Data) { t.Error("terminal progress published a bundle") }, Terminal: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := SetFrontend(tt.frontend)
			defer SetFrontend(prev)
			var buf bytes.Buffer
			progressWriter = &buf
			defer func() { progressWriter = nil }()

			p := NewProgress(200, "epoch 1")
			for i := 0; i < 150; i++ {
				p.Add(1)
			}
			p.Finish()
			got := buf.String()
			t.Logf("terminal output: %q", got)
			for _, want := range []string{"epoch 1", "200/200", "100%", "it/s"} {
				if !strings.Contains(got, want) {
					t.Errorf("terminal output lacks %q:\n%q", want, got)
				}
			}
		})
	}
}

func TestProgressTerminalUnknownTotal(t *testing.T) {
	prev := SetFrontend(Frontend{})
	defer SetFrontend(prev)
	var buf bytes.Buffer
	progressWriter = &buf
	defer func() { progressWriter = nil }()

	p := NewProgress(0, "reading")
	p.Add(3)
	p.Set(7)
	p.Finish()
	if got := buf.String(); !strings.Contains(got, "reading") || !strings.Contains(got, "7") {
		t.Errorf("terminal output %q lacks the description and the count 7", got)
	}
	if s := p.String(); !strings.HasPrefix(s, "reading 7 [") {
		t.Errorf("String() = %q, want the description and the count", s)
	}
}

func TestProgressRendersAsValue(t *testing.T) {
	r := &recorder{}
	r.install(t, false)
	p := NewProgress(4, "cells")
	p.Set(2)
	d := Render(p)
	if h, _ := d.Data[MIMEHTML].(string); !strings.Contains(h, `value="2" max="4"`) {
		t.Errorf("Render(progress) HTML = %q, want the bar at 2 of 4", h)
	}
	if text, _ := d.Data[MIMEText].(string); !strings.Contains(text, " 50% ") {
		t.Errorf("Render(progress) text = %q, want 50%%", text)
	}
	p.Finish()
}

func TestProgressText(t *testing.T) {
	tests := []struct {
		name string
		s    progressStats
		want string
	}{
		{"start", progressStats{desc: "fit", total: 10}, "fit   0% |                              | 0/10 [00:00<?, ? it/s]"},
		{"half", progressStats{total: 10, done: 5, elapsed: 10 * time.Second, rate: 0.5},
			" 50% |███████████████               | 5/10 [00:10<00:10, 0.5 it/s]"},
		{"fast", progressStats{total: 100000, done: 25000, elapsed: 2 * time.Second, rate: 12500},
			" 25% |████████                      | 25000/100000 [00:02<00:06, 12500 it/s]"},
		{"long", progressStats{total: 3, done: 1, elapsed: time.Hour, rate: 1.0 / 3600},
			" 33% |██████████                    | 1/3 [1:00:00<2:00:00, 0.000278 it/s]"},
		{"unknown total", progressStats{done: 7, elapsed: 3 * time.Second, rate: 7.0 / 3}, "7 [00:03, 2.33 it/s]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.text(); got != tt.want {
				t.Errorf("text() =\n%q, want\n%q", got, tt.want)
			}
		})
	}
}

func BenchmarkProgressAdd(b *testing.B) {
	prev := SetFrontend(Frontend{Publish: func(Data) {}})
	defer SetFrontend(prev)
	p := NewProgress(b.N, "bench")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Add(1)
	}
	p.Finish()
}

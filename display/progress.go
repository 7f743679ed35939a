package display

import (
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progressInterval is the shortest time between two updates of a
// notebook progress bar: a loop calling Add thousands of times a second
// sends at most about ten messages a second.
const progressInterval = 100 * time.Millisecond

// progressWriter is where terminal progress bars are drawn; nil means
// os.Stderr at the time the bar is created. Tests replace it.
var progressWriter io.Writer

// Progress reports how far a loop has come. In a notebook it is one
// output, updated in place, with an HTML bar and a text line; in a
// terminal, or with no frontend installed, it is a text bar drawn on
// standard error. A Progress is safe for use by several goroutines.
type Progress struct {
	mu       sync.Mutex
	total    int
	desc     string
	done     int
	start    time.Time
	last     time.Time   // when the notebook display was last sent
	flush    *time.Timer // sends a throttled state once the interval has passed
	sent     int         // states sent so far; a flush armed before the last send is stale
	finished bool

	id  string                   // notebook display id; empty in a terminal
	bar *progressbar.ProgressBar // terminal bar; nil in a notebook
}

// NewProgress starts a progress display for total steps (zero or less
// when the total is unknown) with a description shown before the bar.
func NewProgress(total int, description string) *Progress {
	p := &Progress{total: total, desc: description, start: time.Now()}
	f := current()
	if f.Publish == nil || f.Terminal {
		p.bar = newTerminalBar(total, description)
		return p
	}
	p.id = newDisplayID()
	p.last = p.start
	d := p.bundle(p.start)
	d.ID = p.id
	publish(d)
	return p
}

// newTerminalBar draws a bar on standard error.
func newTerminalBar(total int, description string) *progressbar.ProgressBar {
	w := progressWriter
	if w == nil {
		w = os.Stderr
	}
	max := total
	if max <= 0 {
		max = -1 // progressbar's spinner for an unknown total
	}
	return progressbar.NewOptions(max,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(description),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(progressInterval),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
}

// Add advances the progress by n steps.
func (p *Progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.done = max(p.done+n, 0)
	p.changed()
}

// Set moves the progress to step n.
func (p *Progress) Set(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.done = max(n, 0)
	p.changed()
}

// SetDescription replaces the text shown before the bar, for instance to
// show the latest cost.
func (p *Progress) SetDescription(description string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.desc = description
	if p.bar != nil {
		p.bar.Describe(description)
		return
	}
	p.changed()
}

// Finish shows the final state: all steps done (or, with an unknown
// total, the count reached). Later calls of Add, Set and Finish do
// nothing.
func (p *Progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return
	}
	p.finished = true
	if p.total > 0 {
		p.done = p.total
	}
	if p.bar != nil {
		_ = p.bar.Finish()
		return
	}
	if p.flush != nil {
		p.flush.Stop()
		p.flush = nil
	}
	p.send(time.Now())
}

// changed reacts to a new state; p.mu is held. A terminal bar throttles
// itself. A notebook display is sent at once if the interval has passed,
// and otherwise once it has (so the last state shows even if the loop
// then stalls).
func (p *Progress) changed() {
	if p.bar != nil {
		n := p.done
		if p.total > 0 {
			n = min(n, p.total) // progressbar refuses counts past its max
		}
		_ = p.bar.Set(n)
		return
	}
	now := time.Now()
	wait := progressInterval - now.Sub(p.last)
	if wait <= 0 {
		p.send(now)
		return
	}
	if p.flush == nil {
		armed := p.sent
		p.flush = time.AfterFunc(wait, func() { p.flushPending(armed) })
	}
}

// flushPending sends the state that was held back by throttling, unless a
// send since the flush was armed (sent moved on) already showed it: a timer
// that fires while an Add holds the lock and sends must not send again.
func (p *Progress) flushPending(armed int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished || p.sent != armed {
		return
	}
	p.flush = nil
	p.send(time.Now())
}

// send publishes the current state as an update; p.mu is held so that
// updates arrive in order.
func (p *Progress) send(now time.Time) {
	if p.flush != nil {
		p.flush.Stop()
		p.flush = nil
	}
	p.last = now
	p.sent++
	d := p.bundle(now)
	d.ID = p.id
	d.Update = true
	publish(d)
}

// bundle is the notebook form of the state at time now.
func (p *Progress) bundle(now time.Time) Data {
	s := p.stats(now)
	return Data{Data: map[string]any{
		MIMEHTML: s.html(),
		MIMEText: s.text(),
	}}
}

// progressStats is one moment of a progress bar, ready to format.
type progressStats struct {
	desc     string
	done     int
	total    int // <= 0: unknown
	elapsed  time.Duration
	rate     float64 // steps per second; 0 before any time has passed
	finished bool
}

// stats captures the state at time now.
func (p *Progress) stats(now time.Time) progressStats {
	elapsed := now.Sub(p.start)
	s := progressStats{desc: p.desc, done: p.done, total: p.total, elapsed: elapsed, finished: p.finished}
	if sec := elapsed.Seconds(); sec > 0 && p.done > 0 {
		s.rate = float64(p.done) / sec
	}
	return s
}

// fraction is the share done, in [0, 1]; 0 for an unknown total.
func (s progressStats) fraction() float64 {
	if s.total <= 0 {
		return 0
	}
	return min(float64(s.done)/float64(s.total), 1)
}

// timing is the bracketed part: [elapsed<left, rate it/s].
func (s progressStats) timing() string {
	left := "?"
	switch {
	case s.total > 0 && s.done >= s.total:
		left = clock(0)
	case s.total > 0 && s.rate > 0:
		left = clock(time.Duration(float64(s.total-s.done) / s.rate * float64(time.Second)))
	}
	rate := "?"
	if s.rate > 0 {
		rate = formatRate(s.rate)
	}
	if s.total <= 0 {
		return fmt.Sprintf("[%s, %s it/s]", clock(s.elapsed), rate)
	}
	return fmt.Sprintf("[%s<%s, %s it/s]", clock(s.elapsed), left, rate)
}

// count is "done/total", or just "done" for an unknown total.
func (s progressStats) count() string {
	if s.total <= 0 {
		return fmt.Sprint(s.done)
	}
	return fmt.Sprintf("%d/%d", s.done, s.total)
}

// text draws the state as one line, like a terminal bar.
func (s progressStats) text() string {
	const width = 30
	var b strings.Builder
	if s.desc != "" {
		b.WriteString(s.desc)
		b.WriteString(" ")
	}
	if s.total > 0 {
		filled := int(s.fraction()*width + 0.5)
		fmt.Fprintf(&b, "%3.0f%% |%s%s| ", 100*s.fraction(), strings.Repeat("█", filled), strings.Repeat(" ", width-filled))
	}
	b.WriteString(s.count())
	b.WriteString(" ")
	b.WriteString(s.timing())
	return b.String()
}

// html draws the state as a native progress element with the same
// numbers beside it.
func (s progressStats) html() string {
	var b strings.Builder
	b.WriteString(`<div class="gornn-progress" style="display:flex;align-items:center;gap:0.6em;font-family:monospace">`)
	if s.desc != "" {
		fmt.Fprintf(&b, "<span>%s</span>", html.EscapeString(s.desc))
	}
	if s.total > 0 {
		fmt.Fprintf(&b, `<progress value="%d" max="%d" style="width:24em"></progress><span>%3.0f%%</span>`,
			min(s.done, s.total), s.total, 100*s.fraction())
	} else if !s.finished {
		b.WriteString(`<progress style="width:24em"></progress>`)
	}
	fmt.Fprintf(&b, "<span>%s %s</span></div>", html.EscapeString(s.count()), html.EscapeString(s.timing()))
	return b.String()
}

// clock formats d as m:ss, or h:mm:ss from an hour on.
func clock(d time.Duration) string {
	sec := int(d.Round(time.Second) / time.Second)
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%02d:%02d", sec/60, sec%60)
}

// formatRate keeps three significant digits for slow loops and drops
// the fraction for fast ones.
func formatRate(r float64) string {
	if r >= 100 {
		return fmt.Sprintf("%.0f", r)
	}
	return fmt.Sprintf("%.3g", r)
}

// String returns the current state as one line of text, so that a
// Progress shown as a value reads like its bar.
func (p *Progress) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats(time.Now()).text()
}

// HTML returns the current state as the notebook bar draws it.
func (p *Progress) HTML() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stats(time.Now()).html()
}

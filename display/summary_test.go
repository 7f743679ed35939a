package display

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// rec is a struct type that refers to itself, as graphs of nodes do.
type rec struct {
	Name string
	Next *rec
}

// private has only unexported fields.
type private struct {
	n    int
	next *private
}

// mixed has exported fields beside unexported ones.
type mixed struct {
	Rate  float64
	Every time.Duration
	buf   []byte
}

func TestPlainText(t *testing.T) {
	five := 5
	var b strings.Builder
	b.WriteString("some text")
	ptrs := make([]*int, 10)
	for i := range ptrs {
		ptrs[i] = new(int)
		*ptrs[i] = i
	}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, "<nil>"},
		{"number", 42, "42"},
		{"plain struct keeps %v", struct{ A, B int }{1, 2}, "{1 2}"},
		{"pointer to a plain struct keeps %v", &struct{ A, B int }{1, 2}, "&{1 2}"},
		{"a Stringer keeps its text", 1500 * time.Millisecond, "1.5s"},
		{"unexported fields of another package", b, "strings.Builder{…}"},
		{"pointer to a mutex", &sync.Mutex{}, "&sync.Mutex{…}"},
		{"only unexported fields", private{n: 1, next: &private{}}, "display.private{…}"},
		{"exported fields shown, others left out", &mixed{Rate: 0.5, Every: time.Second, buf: []byte("x")},
			"&display.mixed{Rate: 0.5, Every: 1s, …}"},
		{"pointer fields followed, not addresses", rec{"a", &rec{"b", &rec{"c", nil}}},
			"display.rec{Name: a, Next: &display.rec{Name: b, Next: &display.rec{…}}}"},
		{"nil pointer field", rec{"a", nil}, "display.rec{Name: a, Next: nil}"},
		{"a cell's struct: the interpreter's X prefix undone", struct {
			Xcount int
			Xnext  *int
			XURL   string
		}{1, &five, "u"}, "{count: 1, next: &5, XURL: u}"},
		{"function", strings.ToUpper, "func(string) string"},
		{"pointer to a number", &five, "&5"},
		{"long slice of pointers", ptrs, "[&0 &1 &2 &3 &4 &5 &6 &7 … (10 items)]"},
		{"map of pointers", map[string]*int{"b": &five, "a": nil}, "map[a:nil b:&5]"},
		{"channel", make(chan int), "chan int"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PlainText(tt.v); got != tt.want {
				t.Errorf("PlainText = %q, want %q", got, tt.want)
			}
			if got := Render(tt.v).Data[MIMEText]; got != tt.want {
				t.Errorf("Render's text/plain = %q, want %q", got, tt.want)
			}
		})
	}
}

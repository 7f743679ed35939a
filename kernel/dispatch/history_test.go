package dispatch

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/protocol"
)

func inputs(entries []HistoryEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, fmt.Sprintf("%d/%d:%s", e.Session, e.Line, e.Input))
	}
	return out
}

func TestHistoryQueries(t *testing.T) {
	h := &memoryHistory{session: 3, entries: []HistoryEntry{
		{1, 1, "x := 1"}, {1, 2, "print(x)"}, {2, 1, "x := 1"}, {2, 2, "y := [2]int{}"},
		{3, 1, "print(x)"}, {3, 2, "z := x*2"}, {3, 3, "print(x)"},
	}}
	must := func(e []HistoryEntry, err error) []HistoryEntry {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	tests := []struct {
		name string
		got  []HistoryEntry
		want []string
	}{
		{"tail 2", must(h.Tail(2, false)), []string{"3/2:z := x*2", "3/3:print(x)"}},
		{"tail unique", must(h.Tail(3, true)), []string{"2/2:y := [2]int{}", "3/2:z := x*2", "3/3:print(x)"}},
		{"range current", must(h.Range(0, 2, 0)), []string{"3/2:z := x*2", "3/3:print(x)"}},
		{"range bounded", must(h.Range(3, 1, 3)), []string{"3/1:print(x)", "3/2:z := x*2"}},
		{"range previous", must(h.Range(-1, 1, 0)), []string{"2/1:x := 1", "2/2:y := [2]int{}"}},
		{"range absolute", must(h.Range(1, 2, 3)), []string{"1/2:print(x)"}},
	}
	for _, tt := range tests {
		if got := inputs(tt.got); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	search := []struct {
		pattern string
		n       int
		unique  bool
		want    []string
	}{
		{"print*", 0, false, []string{"1/2:print(x)", "3/1:print(x)", "3/3:print(x)"}},
		{"print*", 0, true, []string{"3/3:print(x)"}},
		{"*:=*", 2, false, []string{"2/2:y := [2]int{}", "3/2:z := x*2"}},
		{"? := 1", 0, false, []string{"1/1:x := 1", "2/1:x := 1"}},
		{"*[[]2]*", 0, false, []string{"2/2:y := [2]int{}"}},
		{"[xz] :=*", 0, false, []string{"1/1:x := 1", "2/1:x := 1", "3/2:z := x*2"}},
		{"PRINT*", 0, false, nil},
	}
	for _, tt := range search {
		got, err := h.Search(tt.pattern, tt.n, tt.unique)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		if g := inputs(got); !slices.Equal(g, tt.want) {
			t.Errorf("search %q n=%d unique=%v: %v, want %v", tt.pattern, tt.n, tt.unique, g, tt.want)
		}
	}
	if _, err := h.Search("[abc", 0, false); err == nil || !strings.Contains(err.Error(), "unclosed") {
		t.Errorf("bad pattern: %v", err)
	}
}

func TestHistoryRequest(t *testing.T) {
	h := newHarness(t)
	for _, code := range []string{"value 1", "print 2", "value 1"} {
		h.do(protocol.Shell, "execute_request", map[string]any{"code": code})
	}
	tests := []struct {
		req  map[string]any
		want string
	}{
		{map[string]any{"hist_access_type": "tail", "n": 2}, `[[1,2,"print 2"],[1,3,"value 1"]]`},
		{map[string]any{"hist_access_type": "tail", "n": 10, "output": true}, `[[1,1,["value 1",null]],[1,2,["print 2",null]],[1,3,["value 1",null]]]`},
		{map[string]any{"hist_access_type": "range", "session": 0, "start": 2, "stop": 3}, `[[1,2,"print 2"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "value*", "unique": true}, `[[1,3,"value 1"]]`},
		{map[string]any{"hist_access_type": "search", "pattern": "nothing"}, `[]`},
	}
	for _, tt := range tests {
		_, out := h.do(protocol.Shell, "history_request", tt.req)
		r := replyOf(t, out, protocol.Shell)
		got, _ := json.Marshal(r["history"])
		if string(got) != tt.want || r["status"] != "ok" {
			t.Errorf("%v: history %s, want %s", tt.req, got, tt.want)
		}
	}
}

func FuzzGlob(f *testing.F) {
	for _, p := range []string{"*", "a?c", "[a-z]*", "[^x]", "[]]", "[", "a\\b", "(.*)"} {
		f.Add(p, "abc")
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		re, err := globRegexp(pattern)
		if err != nil {
			return
		}
		re.MatchString(s)
		// A pattern without wildcards matches exactly itself.
		if !strings.ContainsAny(pattern, "*?[") && re.MatchString(pattern+"x") {
			t.Fatalf("literal pattern %q matched a longer string", pattern)
		}
	})
}

// failingHistory is a History whose store fails, as a database locked by
// another kernel for too long would.
type failingHistory struct{}

var errLocked = errors.New("database is locked")

func (failingHistory) Session() int             { return 1 }
func (failingHistory) Append(int, string) error { return errLocked }
func (failingHistory) Tail(int, bool) ([]HistoryEntry, error) {
	return nil, errLocked
}
func (failingHistory) Range(int, int, int) ([]HistoryEntry, error) {
	return nil, errLocked
}
func (failingHistory) Search(string, int, bool) ([]HistoryEntry, error) {
	return nil, errLocked
}

// TestHistoryFailures: a cell runs even when its entry cannot be
// recorded, and a history_request the store cannot answer gets an error
// reply rather than an empty history.
func TestHistoryFailures(t *testing.T) {
	h := newHarness(t)
	h.d.history = failingHistory{}
	_, out := h.do(protocol.Shell, "execute_request", map[string]any{"code": "value 1"})
	if r := replyOf(t, out, protocol.Shell); r["status"] != "ok" || r["execution_count"] != float64(1) {
		t.Errorf("execute_reply %v", r)
	}
	for _, typ := range []string{"tail", "range", "search"} {
		_, out := h.do(protocol.Shell, "history_request", map[string]any{"hist_access_type": typ, "pattern": "*"})
		r := replyOf(t, out, protocol.Shell)
		if evalue, _ := r["evalue"].(string); r["status"] != "error" || !strings.Contains(evalue, "locked") {
			t.Errorf("%s: reply %v", typ, r)
		}
	}
}

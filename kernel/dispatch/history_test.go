package dispatch

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
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

func TestHistoryPersistsAcrossSessions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "history.jsonl")
	h1, err := OpenHistory(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h1.Session() != 1 {
		t.Errorf("first session %d, want 1", h1.Session())
	}
	h1.Append(1, "a := 1")
	h1.Append(2, "fmt.Println(a)")
	h1.Close()

	// A corrupt line and a truncated one are skipped.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("this is not json\n{\"session\":\"x\"}\n{\"session\":1,\"line\":3,\"input\":\"a++\"}\n{\"sess")
	f.Close()

	h2, err := OpenHistory(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h2.Session() != 2 {
		t.Errorf("second session %d, want 2", h2.Session())
	}
	h2.Append(1, "a := 1")
	want := []string{"1/1:a := 1", "1/2:fmt.Println(a)", "1/3:a++", "2/1:a := 1"}
	if got := inputs(h2.Tail(0, false)); !slices.Equal(got, want) {
		t.Errorf("tail = %v, want %v", got, want)
	}
	h2.Close()

	// The entry written after the cut-short line was saved on a line of its own.
	h3, err := OpenHistory(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h3.Close()
	if got := inputs(h3.Tail(0, false)); !slices.Equal(got, want) {
		t.Errorf("after reopening: %v, want %v", got, want)
	}
	if h3.Session() != 3 {
		t.Errorf("third session %d, want 3", h3.Session())
	}
}

func TestHistoryQueries(t *testing.T) {
	h := NewMemoryHistory()
	h.session = 3
	h.entries = []HistoryEntry{
		{1, 1, "x := 1"}, {1, 2, "print(x)"}, {2, 1, "x := 1"}, {2, 2, "y := [2]int{}"},
		{3, 1, "print(x)"}, {3, 2, "z := x*2"}, {3, 3, "print(x)"},
	}
	tests := []struct {
		name string
		got  []HistoryEntry
		want []string
	}{
		{"tail 2", h.Tail(2, false), []string{"3/2:z := x*2", "3/3:print(x)"}},
		{"tail unique", h.Tail(3, true), []string{"2/2:y := [2]int{}", "3/2:z := x*2", "3/3:print(x)"}},
		{"range current", h.Range(0, 2, 0), []string{"3/2:z := x*2", "3/3:print(x)"}},
		{"range bounded", h.Range(3, 1, 3), []string{"3/1:print(x)", "3/2:z := x*2"}},
		{"range previous", h.Range(-1, 1, 0), []string{"2/1:x := 1", "2/2:y := [2]int{}"}},
		{"range absolute", h.Range(1, 2, 3), []string{"1/2:print(x)"}},
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

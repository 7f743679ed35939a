package history

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gornn/gornn/kernel/dispatch"
)

func open(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func entries(t testing.TB, e []dispatch.HistoryEntry, err error) []string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range e {
		out = append(out, fmt.Sprintf("%d/%d:%s", x.Session, x.Line, x.Input))
	}
	return out
}

func appendAll(t testing.TB, s *Store, inputs ...string) {
	t.Helper()
	for i, in := range inputs {
		if err := s.Append(i+1, in); err != nil {
			t.Fatal(err)
		}
	}
}

func TestQueries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "history.sqlite")
	for i, cells := range [][]string{
		{"x := 1", "print(x)"},
		{"x := 1", "y := [2]int{}"},
	} {
		s := open(t, path, Options{})
		if s.Session() != i+1 {
			t.Errorf("session %d, want %d", s.Session(), i+1)
		}
		appendAll(t, s, cells...)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	s := open(t, path, Options{})
	appendAll(t, s, "print(x)", "z := x*2", "print(x)")

	tests := []struct {
		name string
		got  func() ([]dispatch.HistoryEntry, error)
		want []string
	}{
		{"tail 2", func() ([]dispatch.HistoryEntry, error) { return s.Tail(2, false) }, []string{"3/2:z := x*2", "3/3:print(x)"}},
		{"tail all", func() ([]dispatch.HistoryEntry, error) { return s.Tail(0, false) }, []string{
			"1/1:x := 1", "1/2:print(x)", "2/1:x := 1", "2/2:y := [2]int{}", "3/1:print(x)", "3/2:z := x*2", "3/3:print(x)"}},
		{"tail unique", func() ([]dispatch.HistoryEntry, error) { return s.Tail(3, true) }, []string{"2/2:y := [2]int{}", "3/2:z := x*2", "3/3:print(x)"}},
		{"tail unique all", func() ([]dispatch.HistoryEntry, error) { return s.Tail(0, true) }, []string{"2/1:x := 1", "2/2:y := [2]int{}", "3/2:z := x*2", "3/3:print(x)"}},
		{"range current", func() ([]dispatch.HistoryEntry, error) { return s.Range(0, 2, 0) }, []string{"3/2:z := x*2", "3/3:print(x)"}},
		{"range bounded", func() ([]dispatch.HistoryEntry, error) { return s.Range(3, 1, 3) }, []string{"3/1:print(x)", "3/2:z := x*2"}},
		{"range previous", func() ([]dispatch.HistoryEntry, error) { return s.Range(-1, 1, 0) }, []string{"2/1:x := 1", "2/2:y := [2]int{}"}},
		{"range absolute", func() ([]dispatch.HistoryEntry, error) { return s.Range(1, 2, 3) }, []string{"1/2:print(x)"}},
		{"range missing", func() ([]dispatch.HistoryEntry, error) { return s.Range(9, 1, 0) }, nil},
		{"search", func() ([]dispatch.HistoryEntry, error) { return s.Search("print*", 0, false) }, []string{"1/2:print(x)", "3/1:print(x)", "3/3:print(x)"}},
		{"search unique", func() ([]dispatch.HistoryEntry, error) { return s.Search("print*", 0, true) }, []string{"3/3:print(x)"}},
		{"search last 2", func() ([]dispatch.HistoryEntry, error) { return s.Search("*:=*", 2, false) }, []string{"2/2:y := [2]int{}", "3/2:z := x*2"}},
		{"search ?", func() ([]dispatch.HistoryEntry, error) { return s.Search("? := 1", 0, false) }, []string{"1/1:x := 1", "2/1:x := 1"}},
		{"search class", func() ([]dispatch.HistoryEntry, error) { return s.Search("[xz] :=*", 0, false) }, []string{"1/1:x := 1", "2/1:x := 1", "3/2:z := x*2"}},
		{"search bracket", func() ([]dispatch.HistoryEntry, error) { return s.Search("*[[]2]*", 0, false) }, []string{"2/2:y := [2]int{}"}},
		{"search case", func() ([]dispatch.HistoryEntry, error) { return s.Search("PRINT*", 0, false) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tt.got()
			if got := entries(t, e, err); !slices.Equal(got, tt.want) {
				t.Errorf("%v, want %v", got, tt.want)
			}
		})
	}
}

// TestReplace: a line recorded twice keeps its last input.
func TestReplace(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "history.sqlite"), Options{})
	appendAll(t, s, "a")
	appendAll(t, s, "b")
	e, err := s.Tail(0, false)
	if got := entries(t, e, err); !slices.Equal(got, []string{"1/1:b"}) {
		t.Errorf("%v", got)
	}
}

// TestConcurrentStores opens many stores on one file at once, each
// appending from its own goroutine: every session number is different and
// no row is lost.
func TestConcurrentStores(t *testing.T) {
	const stores, cells = 8, 100
	path := filepath.Join(t.TempDir(), "history.sqlite")
	var wg sync.WaitGroup
	sessions := make([]int, stores)
	errs := make([]error, stores)
	for i := range stores {
		wg.Go(func() {
			s, err := Open(path, Options{})
			if err != nil {
				errs[i] = err
				return
			}
			defer s.Close()
			sessions[i] = s.Session()
			for line := 1; line <= cells; line++ {
				if err := s.Append(line, fmt.Sprintf("cell %d of %d", line, s.Session())); err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	checkSessions(t, path, sessions, cells)
}

// checkSessions verifies that the sessions are distinct and that each has
// lines 1 to cells with its own inputs.
func checkSessions(t *testing.T, path string, sessions []int, cells int) {
	t.Helper()
	sorted := slices.Clone(sessions)
	slices.Sort(sorted)
	if len(slices.Compact(sorted)) != len(sessions) {
		t.Fatalf("sessions %v are not distinct", sessions)
	}
	s := open(t, path, Options{})
	all, err := s.Tail(0, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(sessions)*cells {
		t.Errorf("%d rows, want %d", len(all), len(sessions)*cells)
	}
	for _, session := range sessions {
		rows, err := s.Range(session, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != cells {
			t.Errorf("session %d has %d rows, want %d", session, len(rows), cells)
			continue
		}
		for i, e := range rows {
			if want := fmt.Sprintf("cell %d of %d", i+1, session); e.Line != i+1 || e.Input != want {
				t.Errorf("session %d row %d: %+v, want line %d %q", session, i, e, i+1, want)
			}
		}
	}
}

// The helper process of TestConcurrentProcesses: it opens the store, says
// its session on stdout, waits for a line on stdin (so that all processes
// write at once) and appends its cells.
const helperEnv = "GORNN_HISTORY_TEST_HELPER"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		os.Exit(helper(path))
	}
	os.Exit(m.Run())
}

func helper(path string) int {
	cells, _ := strconv.Atoi(os.Getenv(helperEnv + "_CELLS"))
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	fmt.Println(s.Session())
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for line := 1; line <= cells; line++ {
		if err := s.Append(line, fmt.Sprintf("cell %d of %d", line, s.Session())); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

// TestConcurrentProcesses runs kernels' stores in separate processes that
// start together and then write together.
func TestConcurrentProcesses(t *testing.T) {
	const procs, cells = 3, 200
	path := filepath.Join(t.TempDir(), "history.sqlite")
	type proc struct {
		cmd    *exec.Cmd
		stdin  io.WriteCloser
		stdout *bufio.Reader
		stderr strings.Builder
	}
	ps := make([]*proc, procs)
	for i := range ps {
		p := &proc{cmd: exec.Command(os.Args[0], "-test.run=^$")}
		p.cmd.Env = append(os.Environ(), helperEnv+"="+path, helperEnv+"_CELLS="+strconv.Itoa(cells))
		p.cmd.Stderr = &p.stderr
		in, err := p.cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		p.stdin = in
		out, err := p.cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		p.stdout = bufio.NewReader(out)
		ps[i] = p
	}
	for _, p := range ps {
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	sessions := make([]int, procs)
	for i, p := range ps {
		line, err := p.stdout.ReadString('\n')
		n, aerr := strconv.Atoi(strings.TrimSpace(line))
		if err != nil || aerr != nil {
			p.cmd.Wait()
			t.Fatalf("process %d: %q %v: %s", i, line, err, p.stderr.String())
		}
		sessions[i] = n
	}
	for _, p := range ps {
		p.stdin.Write([]byte("go\n"))
	}
	for i, p := range ps {
		if err := p.cmd.Wait(); err != nil {
			t.Fatalf("process %d: %v: %s", i, err, p.stderr.String())
		}
	}
	checkSessions(t, path, sessions, cells)
}

// TestLargeCell: a 100 MB cell is kept cut with a note by default, whole
// when the limit allows it, and in both cases the entries after it are
// read as before.
func TestLargeCell(t *testing.T) {
	big := strings.Repeat("x := 1 // a line of a very long cell\n", 100<<20/37+1)
	tests := []struct {
		name     string
		maxEntry int
		whole    bool
	}{
		{"cut", 0, false},
		{"whole", 200 << 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history.sqlite")
			s := open(t, path, Options{MaxEntry: tt.maxEntry})
			appendAll(t, s, "before", big, "after")
			s.Close()
			s = open(t, path, Options{MaxEntry: tt.maxEntry})
			e, err := s.Range(1, 1, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(e) != 3 || e[0].Input != "before" || e[2].Input != "after" {
				t.Fatalf("%d entries around the big one", len(e))
			}
			got := e[1].Input
			if tt.whole {
				if got != big {
					t.Errorf("stored %d bytes, want %d", len(got), len(big))
				}
				return
			}
			note, kept, _ := strings.Cut(got, "\n")
			wantNote := fmt.Sprintf("// history: this cell had %d bytes; only its first %d are kept", len(big), len(kept))
			if note != wantNote || len(kept) > DefaultMaxEntry || !strings.HasPrefix(big, kept) || !strings.HasSuffix(kept, "\n") {
				t.Errorf("cut entry starts %q, keeps %d bytes", note, len(kept))
			}
			tail, err := s.Tail(1, false)
			if got := entries(t, tail, err); !slices.Equal(got, []string{"1/3:after"}) {
				t.Errorf("tail %v", got)
			}
		})
	}
}

func TestCutUTF8(t *testing.T) {
	s := &Store{maxEntry: 4}
	got := s.cut("ééé")
	if _, kept, _ := strings.Cut(got, "\n"); kept != "éé" {
		t.Errorf("cut to %q, want whole runes", kept)
	}
	if got := s.cut("éé"); got != "éé" {
		t.Errorf("short entry changed to %q", got)
	}
}

// TestMigrate imports a history.jsonl of earlier versions once, whichever
// of several kernels opening together does it.
func TestMigrate(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, "history.jsonl")
	long := strings.Repeat("y", 3<<20) // longer than the limit, and than a Scanner's default line
	lines := []string{
		`{"session":1,"line":1,"input":"a := 1"}`,
		`{"session":1,"line":2,"input":"fmt.Println(a)"}`,
		`this is not json`,
		`{"session":"x"}`,
		`{"session":2,"line":1,"input":"` + long + `"}`,
		`{"session":2,"line":2,"input":"a++"}`,
		`{"sess`, // cut short by a crash
	}
	if err := os.WriteFile(legacy, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "history.sqlite")
	const kernels = 4
	stores := make([]*Store, kernels)
	errs := make([]error, kernels)
	var wg sync.WaitGroup
	for i := range kernels {
		wg.Go(func() { stores[i], errs[i] = Open(path, Options{}) })
	}
	wg.Wait()
	var sessions []int
	for i, s := range stores {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		sessions = append(sessions, s.Session())
		s.Close()
	}
	slices.Sort(sessions)
	if !slices.Equal(sessions, []int{3, 4, 5, 6}) {
		t.Errorf("sessions %v, want 3 to 6 after the imported 1 and 2", sessions)
	}
	if _, err := os.Stat(legacy); !os.IsNotExist(err) {
		t.Errorf("history.jsonl still there: %v", err)
	}
	if _, err := os.Stat(legacy + ".migrated"); err != nil {
		t.Errorf("history.jsonl.migrated: %v", err)
	}

	// The file put back (a rename that failed) is not imported again.
	if err := os.Rename(legacy+".migrated", legacy); err != nil {
		t.Fatal(err)
	}
	s := open(t, path, Options{})
	e, err := s.Tail(0, false)
	got := entries(t, e, err)
	cut := (&Store{maxEntry: DefaultMaxEntry}).cut(long)
	want := []string{"1/1:a := 1", "1/2:fmt.Println(a)", "2/1:" + cut, "2/2:a++"}
	if !slices.Equal(got, want) {
		t.Errorf("imported %d entries %.80q, want %.80q", len(got), got, want)
	}
}

// TestLegacyPath: a path naming the old file opens the database beside it
// and imports the old file.
func TestLegacyPath(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, "h.jsonl")
	if err := os.WriteFile(legacy, []byte(`{"session":1,"line":1,"input":"a := 1"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := open(t, legacy, Options{})
	if s.Path() != filepath.Join(dir, "h.sqlite") || s.Session() != 2 {
		t.Errorf("opened %s at session %d", s.Path(), s.Session())
	}
	e, err := s.Tail(0, false)
	if got := entries(t, e, err); !slices.Equal(got, []string{"1/1:a := 1"}) {
		t.Errorf("%v", got)
	}
}

// TestWAL: the database is in WAL mode, which lets a kernel read while
// another writes.
func TestWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.sqlite")
	open(t, path, Options{})
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode %q, %v", mode, err)
	}
}

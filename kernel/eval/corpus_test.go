package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/gornn/gornn/kernel/symbols"
)

// The corpus (testdata/corpus/CATEGORY/NAME.go, see its README) holds
// ordinary Go programs. TestCorpus runs each through the evaluation core
// the two ways a user holds one, and compares what it prints with what
// the program prints built by the go command.

// corpusEnv, when set, makes the test binary a helper process that runs
// the corpus program at that path both ways, with its stdio captured as
// a kernel captures it, and writes a corpusReport as JSON to its
// original stdout. A process per program keeps the captures of programs
// run at the same time apart, and a program that kills its process (a
// fatal error) fails alone.
const corpusEnv = "GORNN_EVAL_CORPUS_PROGRAM"

// The ways a program is run.
const (
	// wayCell is the whole file, package clause included, as one cell.
	wayCell = "cell"
	// wayNotebook is the file without its package clause and func main
	// as one cell, then main's body as the next.
	wayNotebook = "notebook"
)

var corpusWaysOrder = []string{wayCell, wayNotebook}

// corpusRun is what one way of running a program printed, and the
// error that stopped it ("" when every cell ran).
type corpusRun struct {
	Stdout, Stderr, Err string
}

// corpusReport maps a way to its run.
type corpusReport map[string]corpusRun

// cellTimeout bounds each cell of a corpus program: the programs finish
// in well under a second, so only a hang reaches it.
const cellTimeout = 20 * time.Second

// corpusCells returns the cells of each way of running the program src.
func corpusCells(src string) (map[string][]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "program.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var main *ast.FuncDecl
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			main = fd
		}
	}
	if main == nil {
		return nil, errors.New("no func main")
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	start := off(main.Pos())
	if main.Doc != nil {
		start = off(main.Doc.Pos())
	}
	decls := src[off(f.Package):off(f.Name.End())] // blanked below
	decls = strings.Repeat(" ", len(decls))
	decls = src[:off(f.Package)] + decls + src[off(f.Name.End()):start] + src[off(main.End()):]
	var body []string
	inner := src[off(main.Body.Lbrace)+1 : off(main.Body.Rbrace)]
	for _, line := range strings.Split(strings.Trim(inner, "\n"), "\n") {
		body = append(body, strings.TrimPrefix(line, "\t"))
	}
	return map[string][]string{
		wayCell:     {src},
		wayNotebook: {decls, strings.Join(body, "\n") + "\n"},
	}, nil
}

// runCorpusProgram is the helper process's work (see corpusEnv).
func runCorpusProgram(path string) int {
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ways, err := corpusCells(string(src))
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
		return 1
	}
	var mu sync.Mutex
	var out, errOut bytes.Buffer
	c, err := CaptureStdio(func(stream string, p []byte) {
		mu.Lock()
		defer mu.Unlock()
		if stream == "stdout" {
			out.Write(p)
		} else {
			errOut.Write(p)
		}
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	report := corpusReport{}
	for _, way := range corpusWaysOrder {
		var run corpusRun
		s, err := New(Options{Stdlib: symbols.Stdlib, Packages: symbols.Symbols})
		if err != nil {
			run.Err = err.Error()
		}
		for i, cell := range ways[way] {
			if s == nil {
				break
			}
			ctx, cancel := context.WithTimeout(context.Background(), cellTimeout)
			r := s.Execute(ctx, cell)
			cancel()
			if r.Err != nil {
				run.Err = fmt.Sprintf("cell %d: %s", i+1, strings.Join(r.Err.Traceback, "\n"))
				break
			}
		}
		c.Sync()
		mu.Lock()
		run.Stdout, run.Stderr = out.String(), errOut.String()
		out.Reset()
		errOut.Reset()
		mu.Unlock()
		report[way] = run
	}
	stdout := c.OriginalStdout()
	c.Close()
	if err := json.NewEncoder(stdout).Encode(report); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// knownFailure is a line of testdata/corpus/KNOWN_FAILURES.
type knownFailure struct {
	line   int
	reason string
}

// readKnownFailures reads the list of programs and ways expected to
// fail: "CATEGORY/NAME WAY REASON", # comments and blank lines aside.
func readKnownFailures(path string, programs map[string]bool) (map[[2]string]knownFailure, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	known := map[[2]string]knownFailure{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, " ", 3)
		if len(fields) < 3 || strings.TrimSpace(fields[2]) == "" {
			return nil, fmt.Errorf("%s:%d: want \"CATEGORY/NAME WAY REASON\", got %q", path, n, line)
		}
		prog, way, reason := fields[0], fields[1], strings.TrimSpace(fields[2])
		if !programs[prog] {
			return nil, fmt.Errorf("%s:%d: no program %s in the corpus", path, n, prog)
		}
		if way != wayCell && way != wayNotebook {
			return nil, fmt.Errorf("%s:%d: way %q is neither %q nor %q", path, n, way, wayCell, wayNotebook)
		}
		key := [2]string{prog, way}
		if k, dup := known[key]; dup {
			return nil, fmt.Errorf("%s:%d: %s %s is already listed on line %d", path, n, prog, way, k.line)
		}
		known[key] = knownFailure{line: n, reason: reason}
	}
	return known, sc.Err()
}

// runGo runs a program with `go run`, which keeps the binaries it
// links in the build cache: only programs changed since the last run are
// linked again. The program must exit successfully.
func runGo(t *testing.T, goCmd, path string) corpusRun {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, "run", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run %s: %v\n%s", path, err, stderr.String())
	}
	return corpusRun{Stdout: stdout.String(), Stderr: stderr.String()}
}

// corpusPrograms lists the programs as CATEGORY/NAME.
func corpusPrograms(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus programs: %v", err)
	}
	var progs []string
	for _, f := range files {
		rel, _ := filepath.Rel(filepath.Join("testdata", "corpus"), f)
		progs = append(progs, strings.TrimSuffix(filepath.ToSlash(rel), ".go"))
	}
	sort.Strings(progs)
	return progs
}

// TestCorpus runs every program of the corpus as one cell and as a
// notebook holds it, and compares its output with the compiled
// program's. A way that fails must be listed in KNOWN_FAILURES with the
// reason, and a listed way must still fail, so that the list stays
// true. The pass rates per category are logged.
// raceBuild is set when the tests run under the race detector.
var raceBuild bool

func TestCorpus(t *testing.T) {
	if raceBuild {
		// yaegi v0.16.1 races with itself when interpreted goroutines
		// call interpreted functions (interp.getFunc writes a node's
		// value that another goroutine reads), and the detector then
		// ends a program of the goroutine categories with status 66.
		t.Skip("the corpus runs in the pass without the race detector: yaegi's own data races would fail its goroutine programs")
	}
	programs := corpusPrograms(t)
	listed := map[string]bool{}
	for _, p := range programs {
		listed[p] = true
	}
	known, err := readKnownFailures(filepath.Join("testdata", "corpus", "KNOWN_FAILURES"), listed)
	if err != nil {
		t.Fatal(err)
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command runs the programs the interpreter is compared with: %v", err)
	}

	var mu sync.Mutex
	passed := map[[2]string]bool{}
	t.Run("programs", func(t *testing.T) {
		for _, prog := range programs {
			t.Run(prog, func(t *testing.T) {
				t.Parallel()
				path := filepath.Join("testdata", "corpus", prog+".go")
				want := runGo(t, goCmd, path)
				got := runInterpreted(t, path)
				for _, way := range corpusWaysOrder {
					problem := compareRun(want, got[way])
					mu.Lock()
					passed[[2]string{prog, way}] = problem == ""
					mu.Unlock()
					k, isKnown := known[[2]string{prog, way}]
					switch {
					case problem != "" && !isKnown:
						t.Errorf("%s, %s: %s", prog, way, problem)
					case problem == "" && isKnown:
						t.Errorf("%s, %s passes, but KNOWN_FAILURES:%d lists it (%s): remove the line", prog, way, k.line, k.reason)
					case problem != "":
						t.Logf("%s, %s: known failure (%s): %s", prog, way, k.reason, firstLine(problem))
					}
				}
			})
		}
	})
	t.Log("pass rates per category:\n" + passTable(programs, passed))
}

// runInterpreted runs a program in a helper process (see corpusEnv).
func runInterpreted(t *testing.T, path string) corpusReport {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), corpusEnv+"="+path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var report corpusReport
	if jerr := json.Unmarshal(stdout.Bytes(), &report); err != nil || jerr != nil {
		// The process died: every way fails with its reason.
		msg := fmt.Sprintf("the helper process failed: %v %v\n%.3000s", err, jerr, stderr.String())
		return corpusReport{wayCell: {Err: msg}, wayNotebook: {Err: msg}}
	}
	return report
}

// compareRun says how got differs from want, or returns "".
func compareRun(want, got corpusRun) string {
	if got.Err != "" {
		return "error: " + got.Err + outputTail(got)
	}
	if d := firstDiff(want.Stdout, got.Stdout); d != "" {
		return "stdout differs: " + d
	}
	if d := firstDiff(want.Stderr, got.Stderr); d != "" {
		return "stderr differs: " + d
	}
	return ""
}

// outputTail shows the end of what a failed run printed.
func outputTail(r corpusRun) string {
	s := ""
	if r.Stdout != "" {
		s += fmt.Sprintf("\nstdout: %.500q", lastBytes(r.Stdout, 500))
	}
	if r.Stderr != "" {
		s += fmt.Sprintf("\nstderr: %.500q", lastBytes(r.Stderr, 500))
	}
	return s
}

func lastBytes(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// firstDiff describes the first line where got differs from want.
func firstDiff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, gl, wl)
		}
	}
	return "same lines, different bytes"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// passTable lays out the passes per category and way of the programs
// that ran (-run may have left some out).
func passTable(programs []string, passed map[[2]string]bool) string {
	type counts struct{ programs, cell, notebook int }
	per := map[string]*counts{}
	var cats []string
	total := &counts{}
	for _, p := range programs {
		if _, ran := passed[[2]string{p, wayCell}]; !ran {
			continue
		}
		cat, _, _ := strings.Cut(p, "/")
		c := per[cat]
		if c == nil {
			c = &counts{}
			per[cat] = c
			cats = append(cats, cat)
		}
		for _, c := range []*counts{c, total} {
			c.programs++
			if passed[[2]string{p, wayCell}] {
				c.cell++
			}
			if passed[[2]string{p, wayNotebook}] {
				c.notebook++
			}
		}
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "category\tprograms\tone cell\tnotebook\t")
	row := func(name string, c *counts) {
		fmt.Fprintf(tw, "%s\t%d\t%d/%d\t%d/%d\t\n", name, c.programs, c.cell, c.programs, c.notebook, c.programs)
	}
	for _, cat := range cats {
		row(cat, per[cat])
	}
	row("all", total)
	tw.Flush()
	return b.String()
}

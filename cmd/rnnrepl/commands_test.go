package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/modules/modulestest"
)

// cellText is what an executed cell showed: its streams and the plain
// text of its results, in order.
func cellText(nb executed, i int) string {
	var b strings.Builder
	for _, o := range nb.Cells[i].Outputs {
		b.WriteString(strings.Join(o.Text, ""))
		switch t := o.Data["text/plain"].(type) {
		case string:
			b.WriteString(t)
		case []any:
			for _, line := range t {
				s, _ := line.(string)
				b.WriteString(s)
			}
		}
	}
	return b.String()
}

// TestModulesAcrossRuns: a notebook imports a package of a module that
// is not preloaded, whose module needs another; the cells before it keep
// their values. A later run of a notebook in the same directory (a new
// process, as after a kernel restart) gets the versions recorded in
// .gornn, %get's included, without the proxy.
func TestModulesAcrossRuns(t *testing.T) {
	env := modulestest.Publish(t, modulestest.Greet)
	dir := t.TempDir()
	writeNotebook(t, filepath.Join(dir, "first.ipynb"),
		"kept := 41",
		"import \"example.com/greet\"",
		"greet.To(\"gopher\") + fmt.Sprint(\" \", kept+1)",
		"%get example.com/words@v1.1.0",
	)
	r := runBinaryEnv(t, dir, env, "first.ipynb")
	if r.status != 0 || !strings.Contains(r.stdout, "hello, gopher 42\n") {
		t.Fatalf("first run: status %d, stdout %q, stderr %q; want hello, gopher 42", r.status, r.stdout, r.stderr)
	}
	record, err := os.ReadFile(filepath.Join(dir, ".gornn", "go.mod"))
	if err != nil || !strings.Contains(string(record), "example.com/words v1.1.0") {
		t.Errorf(".gornn/go.mod: %v\n%s\nwant example.com/words v1.1.0", err, record)
	}

	writeNotebook(t, filepath.Join(dir, "second.ipynb"), "import \"example.com/greet\"\ngreet.To(\"again\")")
	r = runBinaryEnv(t, dir, append(env, "GOPROXY=off"), "second.ipynb")
	if r.status != 0 || r.stdout != "hi, again\n" {
		t.Errorf("second run: status %d, stdout %q, stderr %q; want hi, again", r.status, r.stdout, r.stderr)
	}
}

// TestCommands runs each notebook command in a notebook's cells, as in
// Jupyter.
func TestCommands(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	cells := []struct {
		code string
		want string // a regular expression the cell's output matches
		not  string // text the output must not hold
	}{
		{"%time timed := 6 * 7", `^CPU time: .+, wall time: .+\n$`, ""},
		{"%%time\ncelled := timed + 1\ncelled", `^CPU time: .+, wall time: .+\n43$`, ""},
		{"%timeit -n 25 _ = make([]byte, 64)", `^25\t.* ns/op\t\d+ B/op\t\d+ allocs/op\n$`, ""},
		{"import \"strings\"\nstrings.ToUpper?", `func ToUpper\(s string\) string`, ""},
		{"!echo from-the-shell", `^from-the-shell\n$`, ""},
		{"%env GORNN_COMMAND_TEST=set-by-env", `env: GORNN_COMMAND_TEST=set-by-env`, ""},
		{"import \"os\"\nos.Getenv(\"GORNN_COMMAND_TEST\")", `^set-by-env$`, ""},
		{"%cd sub", ``, ""},
		{"wd, _ := os.Getwd()\nwd", `/sub$`, ""},
		{"!pwd", `/sub\n$`, ""},
		{"%who", `(?m)^counted\s+var\s+int$`, ""},
		{"%reset", `.`, ""},
		{"%who", ``, "counted"},
		{"%help", `%timeit`, ""},
		{"rnn.GlorotUniform(28, 128)", `^GlorotUniform\(shape=\[28,128\]\)$`, ""},
	}
	sources := make([]string, len(cells))
	for i, c := range cells {
		sources[i] = c.code
	}
	// %who's names: a cell before the %who.
	sources[9] += "\ncounted := 3"
	writeNotebook(t, filepath.Join(dir, "commands.ipynb"), sources...)
	r := runBinary(t, dir, "", "commands.ipynb", "-o", "out.ipynb")
	if r.status != 0 {
		t.Fatalf("status %d\nstdout %s\nstderr %s", r.status, r.stdout, r.stderr)
	}
	nb := readExecuted(t, filepath.Join(dir, "out.ipynb")) // where rnnrepl started, despite %cd
	for i, c := range cells {
		got := cellText(nb, i)
		if !regexp.MustCompile(c.want).MatchString(got) || (c.not != "" && strings.Contains(got, c.not)) {
			t.Errorf("cell %d %q shows %q; want a match for %q", i, c.code, got, c.want)
		}
	}
}

// runBinaryEnv is runBinary with more environment variables.
func runBinaryEnv(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	saved := testEnv
	testEnv = append(append([]string(nil), testEnv...), env...)
	defer func() { testEnv = saved }()
	return runBinary(t, dir, "", args...)
}

// TestModulesCompiled: with GORNN_MODULES=plugin, rnnrepl builds the
// imported package as a plugin against its own binary, loads it into
// the live session (the cell before keeps its value) and runs it. It
// builds a plugin, a minute or more cold: it runs when
// GORNN_PLUGIN_TEST=1, which install/test.sh sets.
func TestModulesCompiled(t *testing.T) {
	if os.Getenv("GORNN_PLUGIN_TEST") != "1" {
		t.Skip("building plugins takes a minute or more: set GORNN_PLUGIN_TEST=1 to run this test (install/test.sh does)")
	}
	// The build cache stays the real one, as the module cache does:
	// with the test's home folder, it would be a new one, and the
	// plugin's standard library would be compiled afresh.
	cache, err := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	env := append(modulestest.Publish(t, modulestest.Greet), "GORNN_MODULES=plugin", "GOCACHE="+strings.TrimSpace(string(cache)))
	dir := t.TempDir()
	writeNotebook(t, filepath.Join(dir, "fib.ipynb"),
		"kept := 41",
		"import \"example.com/greet/fib\"",
		"fib.Fib(20) + kept",
	)
	r := runBinaryEnv(t, dir, env, "fib.ipynb")
	if r.status != 0 || r.stdout != "6806\n" {
		t.Fatalf("status %d, stdout %q, stderr %q; want 6806", r.status, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "compiling example.com/greet/fib as a plugin") {
		t.Errorf("stderr %q does not say that the package is being compiled", r.stderr)
	}
	plugins, err := filepath.Glob(filepath.Join(dir, ".gornn", "plugins", "*", "plugin.so"))
	if err != nil || len(plugins) != 1 {
		t.Errorf("plugins in .gornn: %v, want one", plugins)
	}
}

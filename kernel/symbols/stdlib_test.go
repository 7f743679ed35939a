package symbols

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"

	"github.com/gornn/gornn/kernel/symbols/internal/preload"
)

// newInterpreter returns an interpreter with the standard library and the
// preloaded packages, loaded the way kernel/eval loads them.
func newInterpreter(t *testing.T) *interp.Interpreter {
	t.Helper()
	i := interp.New(interp.Options{Env: os.Environ()})
	for _, tables := range []interp.Exports{Stdlib, Symbols} {
		if err := i.Use(tables); err != nil {
			t.Fatal(err)
		}
	}
	return i
}

// Every package of `go list std` but the unavailable ones can be imported.
func TestWholeStdlibImports(t *testing.T) {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Fatalf("go list std: %v", err)
	}
	skip := map[string]bool{}
	for _, p := range preload.Unavailable {
		skip[p] = true
	}
	i := newInterpreter(t)
	n := 0
	for _, path := range strings.Fields(string(out)) {
		if skip[path] || strings.Contains(path, "internal") || strings.HasPrefix(path, "vendor/") {
			continue
		}
		n++
		// A fresh name per package: math/rand and crypto/rand, say,
		// would otherwise clash.
		if _, err := i.Eval(fmt.Sprintf("import p%d %q", n, path)); err != nil {
			t.Errorf("import %q: %v", path, err)
		}
	}
	if n < 150 {
		t.Errorf("imported only %d packages; go list std listed:\n%s", n, out)
	}
}

// The unavailable packages are documented, and really unavailable: a
// package that becomes importable belongs in the promised list.
func TestUnavailableStdlibIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(doc), "These cannot be imported:")
	section, _, _ = strings.Cut(section, "What imports but")
	for _, path := range preload.Unavailable {
		named := false
		for _, after := range []string{":", ",", " and"} {
			named = named || strings.Contains(section, " "+path+after)
		}
		if !named {
			t.Errorf("doc.go does not say why %s cannot be imported", path)
		}
		if _, err := newInterpreter(t).Eval(fmt.Sprintf("import _p %q\nvar _ = _p.X", path)); err == nil {
			t.Errorf("import %q works: remove it from the unavailable packages", path)
		}
	}
}

// Each promised package works from a cell: one call each, checked.
func TestStdlibPackagesWork(t *testing.T) {
	tests := []struct {
		path string
		// body is the body of func f() any, after the import of path
		// (and of fmt, bytes and strings, which bodies may use).
		body string
		want string
	}{
		{"archive/zip", `var b bytes.Buffer; w := zip.NewWriter(&b); f, _ := w.Create("a.txt"); f.Write([]byte("hi")); w.Close(); r, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len())); if err != nil { return err }; return r.File[0].Name`, "a.txt"},
		{"bufio", `s := bufio.NewScanner(strings.NewReader("a\nb\n")); n := 0; for s.Scan() { n++ }; return n`, "2"},
		{"cmp", `return cmp.Compare(1, 2)`, "-1"},
		{"compress/flate", `var b bytes.Buffer; w, _ := flate.NewWriter(&b, flate.BestCompression); w.Write([]byte("abcabcabc")); w.Close(); out := new(bytes.Buffer); out.ReadFrom(flate.NewReader(&b)); return out.String()`, "abcabcabc"},
		{"compress/gzip", `var b bytes.Buffer; w := gzip.NewWriter(&b); w.Write([]byte("hello")); w.Close(); r, err := gzip.NewReader(&b); if err != nil { return err }; out := new(bytes.Buffer); out.ReadFrom(r); return out.String()`, "hello"},
		{"compress/zlib", `var b bytes.Buffer; w := zlib.NewWriter(&b); w.Write([]byte("z")); w.Close(); r, err := zlib.NewReader(&b); if err != nil { return err }; out := new(bytes.Buffer); out.ReadFrom(r); return out.String()`, "z"},
		{"container/list", `l := list.New(); l.PushBack(1); l.PushFront(0); return l.Front().Value`, "0"},
		{"context", `ctx, cancel := context.WithCancel(context.Background()); cancel(); return ctx.Err()`, "context canceled"},
		{"crypto/aes", `c, err := aes.NewCipher(make([]byte, 16)); if err != nil { return err }; return c.BlockSize()`, "16"},
		{"crypto/ed25519", `pub, priv, _ := ed25519.GenerateKey(nil); sig := ed25519.Sign(priv, []byte("m")); return ed25519.Verify(pub, []byte("m"), sig)`, "true"},
		{"crypto/fips140", `return fips140.Enabled()`, "false"},
		{"crypto/hmac", `return hmac.Equal([]byte("a"), []byte("a"))`, "true"},
		{"crypto/md5", `return fmt.Sprintf("%x", md5.Sum([]byte("abc")))`, "900150983cd24fb0d6963f7d28e17f72"},
		{"crypto/mlkem", `dk, err := mlkem.GenerateKey768(); if err != nil { return err }; key, ct := dk.EncapsulationKey().Encapsulate(); got, err := dk.Decapsulate(ct); if err != nil { return err }; return bytes.Equal(key, got)`, "true"},
		{"crypto/rand", `b := make([]byte, 8); n, err := rand.Read(b); if err != nil { return err }; return n`, "8"},
		{"crypto/sha256", `return fmt.Sprintf("%x", sha256.Sum256([]byte("abc")))`, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"crypto/sha3", `return fmt.Sprintf("%x", sha3.Sum256([]byte("abc")))`, "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"},
		{"crypto/sha512", `return len(sha512.Sum512(nil))`, "64"},
		{"database/sql", `_, err := sql.Open("nodriver", ""); failed := err != nil; return failed`, "true"},
		{"embed", `var fs embed.FS; _, err := fs.ReadFile("x"); failed := err != nil; return failed`, "true"},
		{"encoding/base64", `return base64.StdEncoding.EncodeToString([]byte("hi"))`, "aGk="},
		{"encoding/csv", `r, err := csv.NewReader(strings.NewReader("a,b\n1,2\n")).ReadAll(); if err != nil { return err }; return r[1][1]`, "2"},
		{"encoding/hex", `return hex.EncodeToString([]byte{1, 255})`, "01ff"},
		{"encoding/json", `b, _ := json.Marshal(map[string]int{"a": 1}); return string(b)`, `{"a":1}`},
		{"encoding/xml", `var v struct{ A int }; if err := xml.Unmarshal([]byte("<x><A>3</A></x>"), &v); err != nil { return err }; return v.A`, "3"},
		{"errors", `return errors.Is(fmt.Errorf("w: %w", errors.ErrUnsupported), errors.ErrUnsupported)`, "true"},
		{"go/format", `b, err := format.Source([]byte("package p;var  x=1")); if err != nil { return err }; return string(b)`, "package p\n\nvar x = 1\n"},
		{"hash/crc32", `return crc32.ChecksumIEEE([]byte("abc"))`, "891568578"},
		{"html", `return html.EscapeString("<a>")`, "&lt;a&gt;"},
		{"image", `return image.NewRGBA(image.Rect(0, 0, 3, 2)).Bounds().Dx()`, "3"},
		{"image/png", `var b bytes.Buffer; png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 5))); m, err := png.Decode(&b); if err != nil { return err }; return m.Bounds().Dy()`, "5"},
		{"image/jpeg", `var b bytes.Buffer; err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); return err == nil && b.Len() > 0`, "true"},
		{"log/slog", `var b bytes.Buffer; slog.New(slog.NewTextHandler(&b, nil)).Info("hi", "k", 7); return strings.Contains(b.String(), "msg=hi k=7")`, "true"},
		{"maps", `m := map[string]int{"a": 1, "b": 2}; maps.DeleteFunc(m, func(k string, v int) bool { return v > 1 }); return len(m)`, "1"},
		{"maps", `c := map[string]int{}; maps.Copy[map[string]int, map[string]int, string, int](c, map[string]int{"a": 1}); return c["a"]`, "1"},
		{"math/big", `return new(big.Int).Exp(big.NewInt(2), big.NewInt(100), nil).String()`, "1267650600228229401496703205376"},
		{"math/bits", `return bits.OnesCount(255)`, "8"},
		{"math/rand/v2", `r := rand.New(rand.NewPCG(1, 2)); n := r.IntN(10); return n >= 0 && n < 10`, "true"},
		{"mime", `return mime.TypeByExtension(".json")`, "application/json"},
		{"net", `return net.ParseIP("10.0.0.1").IsPrivate()`, "true"},
		{"net/http", `srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "pong ", r.URL.Path) })); defer srv.Close(); resp, err := http.Get(srv.URL + "/x"); if err != nil { return err }; defer resp.Body.Close(); b := new(bytes.Buffer); b.ReadFrom(resp.Body); return b.String()`, "pong /x"},
		{"net/netip", `return netip.MustParseAddr("::1").Is6()`, "true"},
		{"net/url", `u, err := url.Parse("https://x.org/a?b=c"); if err != nil { return err }; return u.Query().Get("b")`, "c"},
		{"os", `ok := os.Getpid() > 0; return ok`, "true"},
		{"os/exec", `out, err := exec.Command("echo", "hi").Output(); if err != nil { return err }; return string(out)`, "hi\n"},
		{"path/filepath", `return filepath.Join("a", "b")`, "a/b"},
		{"regexp", `return regexp.MustCompile("b+").FindString("abbc")`, "bb"},
		{"runtime", `ok := runtime.NumCPU() > 0; return ok`, "true"},
		{"slices", `return slices.Index([]string{"a", "b"}, "b")`, "1"},
		{"slices", `return slices.Equal[[]int, int]([]int{1}, []int{1})`, "true"},
		{"sort", `s := []int{3, 1, 2}; sort.Ints(s); return s`, "[1 2 3]"},
		{"strconv", `return strconv.Quote("a")`, `"a"`},
		// Names added after Go 1.22, from the tables extracted here.
		{"strings", `n := 0; strings.Lines("a\nb\n")(func(string) bool { n++; return true }); return n`, "2"},
		{"crypto/rand", `return len(rand.Text())`, "26"},
		{"os", `dir := os.TempDir(); r, err := os.OpenRoot(dir); if err != nil { return err }; defer r.Close(); same := r.Name() == dir; return same`, "true"},
		{"structs", `var p struct { _ structs.HostLayout; X int32 }; p.X = 4; return p.X`, "4"},
		{"sync", `var wg sync.WaitGroup; n := 0; wg.Go(func() { n = 1 }); wg.Wait(); return n`, "1"},
		{"sync", `var wg sync.WaitGroup; n := 0; var mu sync.Mutex; for i := 0; i < 3; i++ { wg.Add(1); go func() { mu.Lock(); n++; mu.Unlock(); wg.Done() }() }; wg.Wait(); return n`, "3"},
		{"syscall", `same := syscall.Getpid() == os.Getpid(); return same`, "true"},
		{"text/tabwriter", `var b bytes.Buffer; w := tabwriter.NewWriter(&b, 0, 4, 1, ' ', 0); fmt.Fprint(w, "a\tb\n"); w.Flush(); return b.String()`, "a b\n"},
		{"text/template", `var b bytes.Buffer; template.Must(template.New("t").Parse("{{.}}!")).Execute(&b, 5); return b.String()`, "5!"},
		{"time", `return time.Duration(90) * time.Second`, "1m30s"},
		{"unicode/utf8", `return utf8.RuneCountInString("héllo")`, "5"},
		{"unsafe", `return unsafe.Sizeof(int64(0))`, "8"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			i := newInterpreter(t)
			imports := map[string]bool{tt.path: true, "fmt": true, "bytes": true, "strings": true, "os": true, "image": true, "net/http/httptest": tt.path == "net/http"}
			var src strings.Builder
			for p, ok := range imports {
				if ok {
					fmt.Fprintf(&src, "import %q\n", p)
				}
			}
			fmt.Fprintf(&src, "var _, _, _, _, _ = fmt.Sprint, bytes.NewReader, strings.NewReader, os.Getpid, image.Rect\n")
			fmt.Fprintf(&src, "func f() any { %s }\n", tt.body)
			if _, err := i.Eval(src.String()); err != nil {
				t.Fatalf("%v\n%s", err, src.String())
			}
			v, err := i.Eval("fmt.Sprint(f())")
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Interface().(string); got != tt.want {
				t.Errorf("f() = %q, want %q\n%s", got, tt.want, src.String())
			}
		})
	}
}

// A cell cannot end the kernel: the tables extracted here add names to
// yaegi's but keep its restricted os.Exit and log.Fatal, which panic.
func TestExitPanics(t *testing.T) {
	for _, call := range []string{"os.Exit(3)", `log.Fatal("x")`} {
		i := newInterpreter(t)
		if _, err := i.Eval(`import ("log"; "os")` + "\nvar _, _ = log.Print, os.Getpid"); err != nil {
			t.Fatal(err)
		}
		if _, err := i.Eval(call); err == nil {
			t.Errorf("%s returned without an error", call)
		}
	}
}

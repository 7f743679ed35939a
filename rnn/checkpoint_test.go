package rnn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveRestoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.ckpt")
	build := func() (*Graph, *tutorialModel) {
		g := NewGraph()
		return g, buildTutorial(g, 4, 3, 5, 2, GradientDescentOptimizer(0.1))
	}
	g1, m1 := build()
	s1 := g1.NewSession()
	s1.MustRun(g1.GlobalVariablesInitializer(), nil)
	if err := s1.Save(path); err != nil {
		t.Fatal(err)
	}
	g2, m2 := build()
	s2 := g2.NewSession()
	if err := s2.Restore(path); err != nil {
		t.Fatal(err)
	}
	for _, v := range g1.Variables() {
		a := s1.MustRun(v, nil)
		b := s2.MustRun(g2.VariableByName(v.Name()), nil)
		if !sameShape(a.shape, b.shape) {
			t.Fatalf("%s: shapes %v and %v", v.Name(), a.shape, b.shape)
		}
		for i := range a.data {
			if a.data[i] != b.data[i] {
				t.Fatalf("%s[%d]: saved %v, restored %v", v.Name(), i, a.data[i], b.data[i])
			}
		}
	}
	x, y := NewTensor(2, 4, 3), NewTensor(2, 2)
	c1 := s1.MustRun(m1.cost, Feeds{m1.x: x, m1.y: y}).Value()
	c2 := s2.MustRun(m2.cost, Feeds{m2.x: x, m2.y: y}).Value()
	if c1 != c2 {
		t.Errorf("cost %v before save, %v after restore", c1, c2)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".model.ckpt.tmp*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestRestoreErrors(t *testing.T) {
	dir := t.TempDir()
	g := NewGraph()
	g.Variable(Zeros(2, 3))
	g.GetVariable("scope/w", Constant(1, 4))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	good := filepath.Join(dir, "good.ckpt")
	if err := s.Save(good); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(good)
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	flipped := append([]byte(nil), data...)
	flipped[20] ^= 0xff

	other := NewGraph()
	other.Variable(Zeros(3, 2))
	other.GetVariable("scope/w", Zeros(4))
	missing := NewGraph()
	missing.Variable(Zeros(2, 3))
	missing.GetVariable("scope/b", Zeros(4))

	cases := []struct {
		name string
		g    *Graph
		path string
		want string
	}{
		{"missing file", g, filepath.Join(dir, "nope.ckpt"), "no such file"},
		{"not a checkpoint", g, write("text.ckpt", []byte("hello, world, this is text")), "bad magic"},
		{"corrupt", g, write("flipped.ckpt", flipped), "checksum"},
		{"truncated", g, write("short.ckpt", data[:len(data)-9]), "checksum"},
		{"shape mismatch", other, good, "shape [2,3] in the checkpoint and [3,2]"},
		{"missing variable", missing, good, "no variable scope/b"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.g.NewSession().Restore(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Restore: %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
	if err := g.NewSession().Save(filepath.Join(dir, "uninit.ckpt")); err == nil || !strings.Contains(err.Error(), "not initialized") {
		t.Errorf("Save of an uninitialized session: %v", err)
	}
	if err := s.Save(filepath.Join(dir, "no", "such", "dir.ckpt")); err == nil {
		t.Errorf("Save into a missing directory succeeded")
	}
}

func FuzzParseCheckpoint(f *testing.F) {
	g := NewGraph()
	g.Variable(RandomNormal(2, 3))
	g.GetVariable("a/b", Constant(2, 1))
	s := g.NewSession()
	s.MustRun(g.GlobalVariablesInitializer(), nil)
	path := filepath.Join(f.TempDir(), "seed.ckpt")
	if err := s.Save(path); err != nil {
		f.Fatal(err)
	}
	seed, _ := os.ReadFile(path)
	f.Add(seed)
	f.Add([]byte(checkpointMagic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		vars, err := parseCheckpoint(data)
		if err != nil {
			return
		}
		for name, v := range vars {
			if len(v.data) != shapeSize(v.shape) {
				t.Fatalf("%s: %d values for shape %v", name, len(v.data), v.shape)
			}
		}
	})
}

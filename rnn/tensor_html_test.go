package rnn

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// wellFormed reports whether s parses as XML once the HTML entities it
// uses are replaced.
func wellFormed(s string) error {
	s = strings.NewReplacer("&hellip;", "...", "&vellip;", ":").Replace(s)
	dec := xml.NewDecoder(strings.NewReader(s))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func TestTensorHTML(t *testing.T) {
	seq := func(n int) []float32 {
		v := make([]float32, n)
		for i := range v {
			v[i] = float32(i)
		}
		return v
	}
	tests := []struct {
		name    string
		t       *Tensor
		want    []string // substrings that must appear
		notWant []string
		rows    int // <tr> count, header rows included
	}{
		{"nil", nil, []string{"nil *rnn.Tensor"}, []string{"<table"}, 0},
		{"scalar", Scalar(2.5), []string{"shape []", "<div>2.5</div>"}, []string{"<table"}, 0},
		{"vector", TensorFrom([]float32{1, 2, 3}), []string{"shape [3]", "<td>3</td>", "mean 2"}, []string{"&hellip;"}, 2},
		{"matrix", TensorFrom(seq(6), 2, 3), []string{"shape [2, 3]", "<th>1</th><td>3</td><td>4</td><td>5</td>"}, []string{"&hellip;", "&vellip;"}, 3},
		{"wide", TensorFrom(seq(2*100), 2, 100), []string{"<td>&hellip;</td>", "<td>199</td>"}, []string{"&vellip;"}, 3},
		{"tall", TensorFrom(seq(55000), 55000, 1), []string{"<td>&vellip;</td>", "<th>54999</th>", "max 5.5e+04"}, []string{"&hellip;"}, htmlMaxRows + 2},
		{"images", TensorFrom(seq(10*28*28), 10, 28, 28), []string{"[0, :, :]", "[1, :, :]", "[9, :, :]", "7 more matrices"}, []string{"[2, :, :]"}, 3 * (htmlMaxRows + 2)},
		{"rank 4", TensorFrom(seq(2*2*2*2), 2, 2, 2, 2), []string{"[0, 0, :, :]", "[1, 1, :, :]", "1 more matrix"}, nil, 3 * 3},
		{"empty", NewTensor(0, 5), []string{"shape [0, 5]", "(no values)"}, []string{"<table"}, 0},
		{"nan", TensorFrom([]float32{1, float32(math.NaN()), float32(math.Inf(-1))}), []string{"<td>NaN</td>", "<td>-Inf</td>", "2 NaN or infinite", "min 1"}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.t.HTML()
			if err := wellFormed(h); err != nil {
				t.Errorf("not well formed: %v\n%s", err, h)
			}
			for _, w := range tt.want {
				if !strings.Contains(h, w) {
					t.Errorf("HTML lacks %q:\n%s", w, h)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(h, w) {
					t.Errorf("HTML has unexpected %q", w)
				}
			}
			if got := strings.Count(h, "<tr>"); got != tt.rows {
				t.Errorf("%d table rows, want %d", got, tt.rows)
			}
		})
	}
}

func BenchmarkTensorHTMLLarge(b *testing.B) {
	t := NewTensor(55000, 784) // a whole MNIST training set
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = t.HTML()
	}
}

// FuzzTensorHTML checks that any shape and values give well-formed HTML
// without panicking.
func FuzzTensorHTML(f *testing.F) {
	f.Add(uint8(2), uint8(3), uint8(4), float32(1.5))
	f.Add(uint8(0), uint8(30), uint8(1), float32(math.NaN()))
	f.Add(uint8(40), uint8(1), uint8(20), float32(math.Inf(1)))
	f.Fuzz(func(t *testing.T, a, b, c uint8, v float32) {
		for _, shape := range [][]int{{int(a)}, {int(a), int(b)}, {int(a), int(b), int(c)}, {int(a % 5), int(b % 5), int(c % 5), 2}} {
			x := NewTensor(shape...)
			for i := range x.Data() {
				x.Data()[i] = v * float32(i)
			}
			if err := wellFormed(x.HTML()); err != nil {
				t.Fatalf("shape %v: %v", shape, err)
			}
		}
	})
}

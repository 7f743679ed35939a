package eval

import (
	"strings"
	"testing"

	"github.com/gornn/gornn/kernel/symbols"
)

// TestTrailingValuesOfAModel: a cell that ends with a part of a model
// shows one readable line, as a notebook user expects, and no addresses.
func TestTrailingValuesOfAModel(t *testing.T) {
	s := newSession(t, Options{Packages: symbols.Symbols})
	run(t, s,
		`import (
	"strings"
	"sync"

	"github.com/gornn/gornn/rnn"
)`,
		`g := rnn.NewGraph()
x := g.Placeholder(rnn.Float32, -1, 3)
w := g.GetVariable("w", rnn.GlorotUniform(3, 2))
cost := rnn.ReduceMean(rnn.MatMul(x, w))
opt := rnn.AdamOptimizer(0.01)
train := opt.Minimize(cost)
sess := g.NewSession()
type holder struct {
	name  string
	next  *holder
	count *int
}`,
	)
	tests := []struct{ cell, want string }{
		{"rnn.GlorotUniform(3, 2)", "GlorotUniform(shape=[3,2])"},
		{"g", "Graph("},
		{"g", "1 variable: w)"},
		{"sess", "Session(Graph("},
		{"opt", "AdamOptimizer(learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-08)"},
		{"train", `Node("Adam", op=Adam, shape=[], dtype=float32)`},
		{"x", `Node("Placeholder", op=Placeholder, shape=[?,3], dtype=float32)`},
		{"rnn.BasicLSTMCell(8, 1)", "BasicLSTMCell(units=8, forget_bias=1)"},
		{"var b strings.Builder\nb.WriteString(\"x\")\nb", "strings.Builder{…}"},
		{"&sync.WaitGroup{}", "&sync.WaitGroup{…}"},
		{"n := 3\nholder{name: \"a\", next: &holder{name: \"b\"}, count: &n}", "{name: a, next: &{name: b, next: nil, count: nil}, count: &3}"},
	}
	// NAME? shows the same summary under the declaration.
	if doc, ok := s.Inspect("sess", 1); !ok || !strings.Contains(doc, "var sess *rnn.Session\n\nSession(Graph(") {
		t.Errorf("Inspect(sess) = %q, %v; want the declaration and the summary", doc, ok)
	}
	for _, tt := range tests {
		r := run(t, s, tt.cell)
		got := text(r)
		if !strings.Contains(got, tt.want) || strings.Contains(got, "0x") {
			t.Errorf("%s\nshows %q, want %q and no address", tt.cell, got, tt.want)
		}
	}
}

package eval

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// The interpreter's standard library predates iterators: it has no iter
// package. It is declared here in interpreted Go, as the interpreter
// declares its own generic packages. The type checker knows it from the
// Go installation's sources.

// iterSource is the iter package. Pull and Pull2 run the iterator on a
// goroutine of their own (pullAny), where Go uses a coroutine of the
// runtime.
const iterSource = `package iter

import __gornn "gornnkernel/rt"

type Seq[V any] func(yield func(V) bool)

type Seq2[K, V any] func(yield func(K, V) bool)

func Pull[V any](seq func(yield func(V) bool)) (func() (V, bool), func()) {
	next, stop := __gornn.Pull(func(yield func(any) bool) {
		seq(func(v V) bool {
			ok := yield(v)
			return ok
		})
	})
	return func() (V, bool) {
		x, ok := next()
		if !ok {
			var zero V
			return zero, false
		}
		return x.(V), true
	}, stop
}

func Pull2[K, V any](seq func(yield func(K, V) bool)) (func() (K, V, bool), func()) {
	next, stop := __gornn.Pull(func(yield func(any) bool) {
		seq(func(k K, v V) bool {
			ok := yield([2]any{k, v})
			return ok
		})
	})
	return func() (K, V, bool) {
		x, ok := next()
		if !ok {
			var zk K
			var zv V
			return zk, zv, false
		}
		kv := x.([2]any)
		return kv[0].(K), kv[1].(V), true
	}, stop
}
`

// beforeImport declares iter before the first import of it or of a
// module's package (whose source may import it): compiling it costs a
// new session time that sessions that never import it are spared. The
// iterator functions of slices and maps are declared with the session
// (see stdGenericSources).
func (s *Session) beforeImport(path string) error {
	if s.iterDeclared {
		return nil
	}
	switch path {
	case "iter":
	default:
		if _, std := s.exports[path+"/"+s.packageName(path)]; std {
			return nil
		}
	}
	s.iterDeclared = true
	return s.declareIterPackages()
}

// declareIterPackages declares iter in the session's interpreter.
func (s *Session) declareIterPackages() error {
	if _, err := s.in.Compile(iterSource); err != nil {
		return fmt.Errorf("eval: declaring package iter: %w", err)
	}
	return nil
}

// pullAny is the compiled side of iter.Pull: it runs seq on a goroutine
// that yields one value each time next asks. A panic of seq is raised
// again by the next that was waiting, as Go does. Generic closures of the
// interpreter do not keep their variables' updates, so the state lives
// here.
func pullAny(seq func(yield func(any) bool)) (next func() (any, bool), stop func()) {
	more := make(chan bool)
	type item struct {
		v     any
		ok    bool
		panic any
	}
	vals := make(chan item)
	var mu sync.Mutex
	started, finished := false, false
	run := func() {
		defer func() {
			if r := recover(); r != nil {
				vals <- item{panic: r}
				return
			}
			close(vals)
		}()
		if !<-more {
			return
		}
		seq(func(v any) bool {
			vals <- item{v: v, ok: true}
			return <-more
		})
	}
	next = func() (any, bool) {
		mu.Lock()
		defer mu.Unlock()
		if finished {
			return nil, false
		}
		if !started {
			started = true
			go run()
		}
		more <- true
		it, open := <-vals
		switch {
		case it.panic != nil:
			finished = true
			panic(it.panic)
		case !open:
			finished = true
			return nil, false
		}
		return it.v, true
	}
	stop = func() {
		mu.Lock()
		defer mu.Unlock()
		if finished {
			return
		}
		finished = true
		if started {
			// A closed channel answers every later yield with false,
			// also of an iterator that goes on after one.
			close(more)
			for range vals {
			}
		}
	}
	return next, stop
}

// iterExports returns the compiled side of iter.Pull, in the runtime
// helpers' package.
func iterExports() interp.Exports {
	return interp.Exports{rtPath + "/rt": {"Pull": reflect.ValueOf(pullAny)}}
}

package eval

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// The interpreter's standard library predates iterators: it has no iter
// package, and its slices and maps (interpreted from Go 1.22's sources)
// lack the functions that take or return iterators. They are declared
// here in interpreted Go, as the interpreter declares its own generic
// packages, when a session starts. The type checker knows them from the
// Go installation's sources, with their real signatures.
//
// The interpreter's generics cannot infer a type argument through a
// generic named type (iter.Seq[V] as a parameter), nor from a type
// parameter's core type (S ~[]E): the functions here take and return
// plain function and slice types, which values of iter.Seq[V] and of
// slice types are assignable to.

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

// slicesIterSource adds the iterator functions of Go 1.23 to slices. The
// interpreter's slices imports cmp already, and a package cannot import
// one twice: Sorted spells cmp.Ordered out.
const slicesIterSource = `package slices

import "sort"

func All[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

func Backward[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

func Values[E any](s []E) func(yield func(E) bool) {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

func AppendSeq[E any](s []E, seq func(yield func(E) bool)) []E {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

func Collect[E any](seq func(yield func(E) bool)) []E {
	var s []E
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

func Sorted[E ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string](seq func(yield func(E) bool)) []E {
	s := Collect(seq)
	// NaNs first, as cmp.Less orders them.
	sort.SliceStable(s, func(i, j int) bool { return (s[i] != s[i] && s[j] == s[j]) || s[i] < s[j] })
	return s
}

func SortedFunc[E any](seq func(yield func(E) bool), cmpFn func(E, E) int) []E {
	s := Collect(seq)
	sort.SliceStable(s, func(i, j int) bool { return cmpFn(s[i], s[j]) < 0 })
	return s
}
`

// mapsIterSource adds the iterator functions of Go 1.23 to maps.
const mapsIterSource = `package maps

func All[K comparable, V any](m map[K]V) func(yield func(K, V) bool) {
	return func(yield func(K, V) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}

func Keys[K comparable, V any](m map[K]V) func(yield func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func Values[K comparable, V any](m map[K]V) func(yield func(V) bool) {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

func Insert[K comparable, V any](m map[K]V, seq func(yield func(K, V) bool)) {
	seq(func(k K, v V) bool {
		m[k] = v
		return true
	})
}

func Collect[K comparable, V any](seq func(yield func(K, V) bool)) map[K]V {
	m := map[K]V{}
	seq(func(k K, v V) bool {
		m[k] = v
		return true
	})
	return m
}
`

// beforeImport declares iter, and the iterator functions of slices and
// maps, before the first import of one of them or of a module's package
// (whose source may import them): compiling them takes about a third of
// a new session's time, which sessions that never import them are
// spared.
func (s *Session) beforeImport(path string) error {
	if s.iterDeclared {
		return nil
	}
	switch path {
	case "iter", "slices", "maps":
	default:
		if _, std := s.exports[path+"/"+s.packageName(path)]; std {
			return nil
		}
	}
	s.iterDeclared = true
	return s.declareIterPackages()
}

// declareIterPackages declares iter, and the iterator functions of slices
// and maps, in the session's interpreter.
func (s *Session) declareIterPackages() error {
	for _, src := range []string{iterSource, slicesIterSource, mapsIterSource} {
		if _, err := s.in.Compile(src); err != nil {
			return fmt.Errorf("eval: declaring the iterator packages: %w", err)
		}
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

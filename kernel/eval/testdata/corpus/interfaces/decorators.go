package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
)

type Store interface {
	Get(key string) (string, error)
	Set(key, val string)
}

type MapStore struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *MapStore) Get(k string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	if !ok {
		return "", &NotFound{k}
	}
	return v, nil
}

func (s *MapStore) Set(k, v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	s.m[k] = v
}

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

type CountingStore struct {
	Store
	gets, sets atomic.Int64
}

func (c *CountingStore) Get(k string) (string, error) {
	c.gets.Add(1)
	return c.Store.Get(k)
}

type UpperStore struct{ Store }

func (u UpperStore) Set(k, v string) { u.Store.Set(k, strings.ToUpper(v)) }

type Point struct{ X, Y int }

func (p *Point) String() string { return fmt.Sprintf("P(%d,%d)", p.X, p.Y) }

func main() {
	base := &MapStore{}
	cs := &CountingStore{Store: UpperStore{base}}
	var s Store = cs
	s.Set("a", "hello")
	v, err := s.Get("a")
	fmt.Println(v, err)
	_, err = s.Get("zz")
	var nf *NotFound
	fmt.Println(err, errors.As(err, &nf), nf.Key, cs.gets.Load())
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Set(fmt.Sprint("k", i%5), "v")
			s.Get("a")
		}()
	}
	wg.Wait()
	fmt.Println(len(base.m), cs.gets.Load())
	var nilStore Store
	fmt.Println(nilStore == nil, s != nil)
	var ms *MapStore
	var st Store = ms
	fmt.Println(ms == nil, st == nil)
	p := Point{1, 2}
	pp := &p
	fmt.Println(p, pp, []*Point{pp})
	fmt.Printf("%v %v %+v\n", p, pp, p)
	type wrapper struct {
		P    *Point
		Name string
	}
	w := wrapper{pp, "w"}
	fmt.Printf("%v %+v\n", w.P, w.Name)
	var counter int64
	var wg2 sync.WaitGroup
	for range 50 {
		wg2.Add(1)
		go func() { defer wg2.Done(); atomic.AddInt64(&counter, 2) }()
	}
	wg2.Wait()
	fmt.Println(atomic.LoadInt64(&counter))
}

package main

import (
	"fmt"
	"sort"
	"sync"
)

type Cache struct {
	mu   sync.RWMutex
	data map[string]string
	hits int
	miss int
	stat sync.Mutex
}

func (c *Cache) Get(k string) (string, bool) {
	c.mu.RLock()
	v, ok := c.data[k]
	c.mu.RUnlock()
	c.stat.Lock()
	if ok {
		c.hits++
	} else {
		c.miss++
	}
	c.stat.Unlock()
	return v, ok
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data[k] = v
}

func (c *Cache) Keys() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	keys := make([]string, 0, len(c.data))
	for k := range c.data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func main() {
	c := &Cache{data: map[string]string{}}
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Set(fmt.Sprintf("k%d", i), fmt.Sprint(i*i))
		}(i)
	}
	wg.Wait()
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.Get(fmt.Sprintf("k%d", i))
		}(i)
	}
	wg.Wait()
	fmt.Println(c.Keys())
	fmt.Println("hits", c.hits, "misses", c.miss)
	v, _ := c.Get("k3")
	fmt.Println("k3 =", v)
}

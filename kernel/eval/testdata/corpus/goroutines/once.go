package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Config struct {
	Name    string
	Retries int
}

var (
	loadOnce sync.Once
	config   *Config
	loads    atomic.Int32
)

func getConfig() *Config {
	loadOnce.Do(func() {
		loads.Add(1)
		config = &Config{Name: "prod", Retries: 3}
	})
	return config
}

func main() {
	var wg sync.WaitGroup
	names := make([]string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			names[i] = getConfig().Name
		}(i)
	}
	wg.Wait()
	fmt.Println(names)
	fmt.Println("loaded", loads.Load(), "time(s)")

	var hits atomic.Int64
	var wg2 sync.WaitGroup
	for g := 0; g < 10; g++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for i := 0; i < 100; i++ {
				hits.Add(1)
			}
		}()
	}
	wg2.Wait()
	fmt.Println("hits:", hits.Load())
}

package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

type Job struct {
	ID   int
	Text string
}

type Out struct {
	JobID int
	Words int
	By    int
}

func workerPool(jobs []Job, n int) []Out {
	in := make(chan Job)
	out := make(chan Out, len(jobs))
	done := make(chan struct{})
	for w := 1; w <= n; w++ {
		go func(id int) {
			for j := range in {
				out <- Out{j.ID, len(strings.Fields(j.Text)), id}
			}
			done <- struct{}{}
		}(w)
	}
	for _, j := range jobs {
		in <- j
	}
	close(in)
	for range n {
		<-done
	}
	close(out)
	var res []Out
	for o := range out {
		res = append(res, o)
	}
	sort.Slice(res, func(i, j int) bool { return res[i].JobID < res[j].JobID })
	return res
}

func main() {
	jobs := []Job{{1, "a b c"}, {2, "hello world"}, {3, ""}, {4, "one"}}
	for _, o := range workerPool(jobs, 3) {
		fmt.Println(o.JobID, o.Words, o.By >= 1 && o.By <= 3)
	}
	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()
	ticks := 0
	timeout := time.After(5 * time.Second)
loop:
	for {
		select {
		case <-ticker.C:
			ticks++
			if ticks == 3 {
				break loop
			}
		case <-timeout:
			fmt.Println("timeout")
			break loop
		}
	}
	fmt.Println("ticks:", ticks)
	ch := make(chan int, 1)
	select {
	case v := <-ch:
		fmt.Println("got", v)
	default:
		fmt.Println("nothing ready")
	}
	ch <- 5
	select {
	case v, ok := <-ch:
		fmt.Println("got", v, ok)
	default:
		fmt.Println("nothing ready")
	}
	results := make(chan string)
	go func() {
		defer close(results)
		for _, s := range []string{"x", "y"} {
			results <- s
		}
	}()
	var got []string
	for s := range results {
		got = append(got, s)
	}
	fmt.Println(got)
	d := 1500 * time.Millisecond
	fmt.Println(d, d.Seconds(), time.Duration(90)*time.Second, d.Round(time.Second))
	t := time.Date(2024, time.February, 28, 23, 0, 0, 0, time.UTC)
	fmt.Println(t.Add(2*time.Hour).Format("2006-01-02 15:04"), t.YearDay(), t.Month())
}

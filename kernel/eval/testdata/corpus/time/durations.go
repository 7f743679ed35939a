package main

import (
	"fmt"
	"time"
)

func main() {
	d := 90*time.Minute + 30*time.Second
	fmt.Println(d, d.Hours(), d.Minutes(), d.Round(time.Hour), d.Truncate(time.Hour))
	fmt.Println(time.Duration(1500)*time.Millisecond, 2*time.Second+300*time.Millisecond)

	pd, err := time.ParseDuration("1h15m30.5s")
	fmt.Println(pd, pd.Seconds(), err)
	_, err = time.ParseDuration("ten minutes")
	fmt.Println(err)

	start := time.Date(2024, time.February, 28, 22, 30, 0, 0, time.UTC)
	end := start.Add(3 * time.Hour)
	fmt.Println(start, "->", end)
	fmt.Println(end.Sub(start), end.After(start), start.Equal(start.UTC()))
	fmt.Println(end.Day(), end.Month(), end.Weekday(), end.YearDay())

	next := start.AddDate(0, 1, 1)
	fmt.Println(next.Format("2006-01-02"), next.Month() == time.March)

	steps := []time.Duration{time.Nanosecond, time.Microsecond * 1500, 61 * time.Second, 25 * time.Hour}
	for _, s := range steps {
		fmt.Printf("%-12v %d\n", s, s)
	}
}

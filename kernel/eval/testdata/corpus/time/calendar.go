package main

import (
	"fmt"
	"strings"
	"time"
)

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func printMonth(year int, m time.Month) {
	first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	fmt.Printf("%s %d\n", m, year)
	fmt.Println("Mo Tu We Th Fr Sa Su")
	offset := (int(first.Weekday()) + 6) % 7
	fmt.Print(strings.Repeat("   ", offset))
	for d := 1; d <= daysIn(m, year); d++ {
		fmt.Printf("%2d ", d)
		if (offset+d)%7 == 0 {
			fmt.Println()
		}
	}
	fmt.Println()
}

func main() {
	printMonth(2024, time.February)
	for _, y := range []int{1900, 2000, 2023, 2024} {
		fmt.Println(y, "February has", daysIn(time.February, y), "days")
	}

	birthday := time.Date(1990, time.May, 17, 0, 0, 0, 0, time.UTC)
	today := time.Date(2025, time.March, 1, 0, 0, 0, 0, time.UTC)
	age := today.Year() - birthday.Year()
	if today.YearDay() < birthday.YearDay() {
		age--
	}
	fmt.Println("age:", age, "days alive:", int(today.Sub(birthday).Hours()/24))

	deadline := time.Date(2025, time.March, 14, 17, 0, 0, 0, time.UTC)
	left := deadline.Sub(today)
	fmt.Printf("%.0f days and %d hours left\n", left.Hours()/24, int(left.Hours())%24)
	fmt.Println(deadline.Before(today), deadline.Compare(today), deadline.Truncate(24*time.Hour).Format(time.DateOnly))
}

package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
)

type row struct {
	name   string
	qty    int
	price  float64
	active bool
}

func main() {
	rows := []row{
		{"widget", 3, 4.5, true},
		{"gadget with long name", 12, 19.99, false},
		{"nut", 1000, 0.02, true},
	}

	fmt.Printf("%-22s %6s %8s\n", "NAME", "QTY", "PRICE")
	fmt.Println(strings.Repeat("-", 38))
	total := 0.0
	for _, r := range rows {
		fmt.Printf("%-22s %6d %8.2f\n", r.name, r.qty, r.price)
		total += float64(r.qty) * r.price
	}
	fmt.Printf("%-22s %15.2f\n", "TOTAL", total)
	fmt.Println()

	tw := tabwriter.NewWriter(os.Stdout, 0, 8, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "name\tqty\tactive\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%v\t\n", r.name, r.qty, r.active)
	}
	tw.Flush()

	var sb strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&sb, "[%d:%s]", i, strings.Repeat("*", i+1))
	}
	fmt.Println(sb.String(), sb.Len())
}

package main

import (
	"fmt"
	"strings"
)

type Money struct {
	Cents    int64
	Currency string
}

// Format implements fmt.Formatter: %v shows the amount, %+v adds the
// currency, %s is the short form.
func (m Money) Format(f fmt.State, verb rune) {
	amount := fmt.Sprintf("%d.%02d", m.Cents/100, m.Cents%100)
	switch verb {
	case 'v':
		if f.Flag('+') {
			fmt.Fprintf(f, "%s %s", amount, m.Currency)
			return
		}
		fmt.Fprint(f, amount)
	case 's':
		fmt.Fprint(f, m.Currency+amount)
	default:
		fmt.Fprintf(f, "%%!%c(Money)", verb)
	}
}

type Secret string

func (Secret) GoString() string { return `Secret("***")` }
func (s Secret) String() string { return strings.Repeat("*", len(s)) }

type Matrix [][]float64

func (m Matrix) String() string {
	var b strings.Builder
	for _, row := range m {
		for j, v := range row {
			if j > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%6.2f", v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func main() {
	price := Money{123456, "EUR"}
	fmt.Printf("%v | %+v | %s | %d\n", price, price, price, price)
	pw := Secret("hunter2")
	fmt.Printf("%v %s %#v\n", pw, pw, pw)
	fmt.Print(Matrix{{1, 2.5}, {-3, 100}})
	fmt.Println(fmt.Sprintf("%v", []Money{{100, "USD"}, {5, "USD"}}))
}

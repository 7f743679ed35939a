package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

type SKU string

type Product struct {
	SKU   SKU
	Name  string
	Price float64
	Stock int
}

type Inventory struct {
	products map[SKU]*Product
	log      []string
}

var (
	ErrUnknown  = errors.New("unknown product")
	ErrNoStock  = errors.New("out of stock")
	ErrBadCount = errors.New("bad count")
)

type StockError struct {
	SKU        SKU
	Have, Want int
}

func (e *StockError) Error() string {
	return fmt.Sprintf("%s: have %d, want %d", e.SKU, e.Have, e.Want)
}

func (e *StockError) Is(target error) bool { return target == ErrNoStock }

func NewInventory(ps ...Product) *Inventory {
	inv := &Inventory{products: make(map[SKU]*Product)}
	for i := range ps {
		p := ps[i]
		inv.products[p.SKU] = &p
	}
	return inv
}

func (inv *Inventory) Take(sku SKU, n int) (float64, error) {
	if n <= 0 {
		return 0, fmt.Errorf("take %d of %s: %w", n, sku, ErrBadCount)
	}
	p, ok := inv.products[sku]
	if !ok {
		return 0, fmt.Errorf("take %s: %w", sku, ErrUnknown)
	}
	if p.Stock < n {
		return 0, &StockError{sku, p.Stock, n}
	}
	p.Stock -= n
	inv.log = append(inv.log, fmt.Sprintf("took %d %s", n, p.Name))
	return float64(n) * p.Price, nil
}

func (inv *Inventory) Report() string {
	skus := make([]SKU, 0, len(inv.products))
	for s := range inv.products {
		skus = append(skus, s)
	}
	sort.Slice(skus, func(i, j int) bool { return skus[i] < skus[j] })
	var b strings.Builder
	for _, s := range skus {
		p := inv.products[s]
		fmt.Fprintf(&b, "%-6s %-10s %3d @ %6.2f\n", p.SKU, p.Name, p.Stock, p.Price)
	}
	return b.String()
}

func main() {
	inv := NewInventory(
		Product{"A1", "widget", 2.5, 10},
		Product{"B2", "gadget", 12, 2},
		Product{"C3", "doohickey", 0.75, 0},
	)
	orders := []struct {
		sku SKU
		n   int
	}{{"A1", 3}, {"B2", 5}, {"Z9", 1}, {"C3", 1}, {"A1", 0}, {"B2", 2}}
	var revenue float64
	for _, o := range orders {
		amt, err := inv.Take(o.sku, o.n)
		var se *StockError
		switch {
		case err == nil:
			revenue += amt
			fmt.Printf("ok %s x%d = %.2f\n", o.sku, o.n, amt)
		case errors.As(err, &se):
			fmt.Println("short:", se, errors.Is(err, ErrNoStock), se.Want-se.Have)
		case errors.Is(err, ErrUnknown), errors.Is(err, ErrBadCount):
			fmt.Println("rejected:", err)
		default:
			fmt.Println("unexpected:", err)
		}
	}
	fmt.Printf("revenue %.2f\n", revenue)
	fmt.Print(inv.Report())
	fmt.Println(strings.Join(inv.log, "; "))
	fmt.Println(len(inv.products), inv.products["A1"].Stock)
}

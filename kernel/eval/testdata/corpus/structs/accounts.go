package main

import (
	"fmt"
	"strings"
)

type Logger struct {
	prefix string
	lines  []string
}

func (l *Logger) Logf(format string, args ...any) {
	l.lines = append(l.lines, l.prefix+fmt.Sprintf(format, args...))
}

type Account struct {
	*Logger
	Owner   string
	balance int
}

func NewAccount(owner string) *Account {
	return &Account{Logger: &Logger{prefix: "[" + owner + "] "}, Owner: owner}
}

func (a *Account) Deposit(n int) {
	a.balance += n
	a.Logf("deposit %d -> %d", n, a.balance)
}

func (a *Account) Withdraw(n int) error {
	if n > a.balance {
		a.Logf("refused %d", n)
		return fmt.Errorf("insufficient funds: have %d, need %d", a.balance, n)
	}
	a.balance -= n
	a.Logf("withdraw %d -> %d", n, a.balance)
	return nil
}

func (a Account) String() string { return fmt.Sprintf("%s: %d", a.Owner, a.balance) }

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }
func (p *Point) Scale(k int)      { p.X *= k; p.Y *= k }
func (p Point) String() string    { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

func main() {
	acc := NewAccount("ann")
	acc.Deposit(100)
	if err := acc.Withdraw(150); err != nil {
		fmt.Println("error:", err)
	}
	_ = acc.Withdraw(30)
	fmt.Println(acc)
	fmt.Println(strings.Join(acc.lines, "\n"))
	p := Point{1, 2}
	p.Scale(3)
	q := p.Add(Point{1, 1})
	fmt.Println(p, q, []Point{p, q})
	add := p.Add
	scale := (*Point).Scale
	scale(&q, 2)
	fmt.Println(add(Point{10, 10}), q)
	pts := map[string]*Point{"a": {1, 1}}
	pts["a"].Scale(5)
	fmt.Println(*pts["a"], pts["a"].X)
	type pair struct {
		Point
		Label string
	}
	pr := pair{Point{7, 8}, "p"}
	fmt.Println(pr.X, pr.Label, pr.Add(Point{1, 1}))
	fmt.Printf("%v %+v\n", pr, pr)
}

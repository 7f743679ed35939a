package main

import (
	"errors"
	"fmt"
)

type Account struct {
	Owner   string
	balance int // cents
	history []string
}

func NewAccount(owner string, opening int) *Account {
	a := &Account{Owner: owner}
	a.Deposit(opening)
	return a
}

func (a *Account) Deposit(cents int) {
	a.balance += cents
	a.history = append(a.history, fmt.Sprintf("+%d", cents))
}

var ErrInsufficient = errors.New("insufficient funds")

func (a *Account) Withdraw(cents int) error {
	if cents > a.balance {
		return fmt.Errorf("withdraw %d from %s: %w", cents, a.Owner, ErrInsufficient)
	}
	a.balance -= cents
	a.history = append(a.history, fmt.Sprintf("-%d", cents))
	return nil
}

func (a Account) Balance() string {
	return fmt.Sprintf("$%d.%02d", a.balance/100, a.balance%100)
}

func Transfer(from, to *Account, cents int) error {
	if err := from.Withdraw(cents); err != nil {
		return err
	}
	to.Deposit(cents)
	return nil
}

func main() {
	alice := NewAccount("alice", 10000)
	bob := NewAccount("bob", 2550)

	if err := Transfer(alice, bob, 1999); err != nil {
		fmt.Println("error:", err)
	}
	if err := Transfer(bob, alice, 100000); err != nil {
		fmt.Println("error:", err, errors.Is(err, ErrInsufficient))
	}
	for _, a := range []*Account{alice, bob} {
		fmt.Println(a.Owner, a.Balance(), a.history)
	}
}

package main

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

type AccountID int

type Account struct {
	ID      AccountID
	Owner   string
	Balance int64
}

type Bank struct {
	mu       sync.Mutex
	accounts map[AccountID]*Account
	nextID   AccountID
	history  []Transfer
}

type Transfer struct {
	From, To AccountID
	Amount   int64
}

func (t Transfer) String() string { return fmt.Sprintf("%d->%d:%d", t.From, t.To, t.Amount) }

var (
	ErrNoAccount = errors.New("no such account")
	ErrFunds     = errors.New("insufficient funds")
)

func NewBank() *Bank { return &Bank{accounts: map[AccountID]*Account{}, nextID: 100} }

func (b *Bank) Open(owner string, deposit int64) AccountID {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.nextID++
	b.accounts[b.nextID] = &Account{b.nextID, owner, deposit}
	return b.nextID
}

func (b *Bank) Transfer(from, to AccountID, amt int64) (err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	defer func() {
		if err != nil {
			err = fmt.Errorf("transfer %v: %w", Transfer{from, to, amt}, err)
		}
	}()
	src, ok := b.accounts[from]
	if !ok {
		return ErrNoAccount
	}
	dst, ok := b.accounts[to]
	if !ok {
		return ErrNoAccount
	}
	if src.Balance < amt {
		return ErrFunds
	}
	src.Balance -= amt
	dst.Balance += amt
	b.history = append(b.history, Transfer{from, to, amt})
	return nil
}

func main() {
	b := NewBank()
	a := b.Open("ann", 1000)
	c := b.Open("cy", 500)
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			from, to := a, c
			if i%2 == 1 {
				from, to = c, a
			}
			if err := b.Transfer(from, to, 30); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	failed := 0
	for err := range errs {
		if errors.Is(err, ErrFunds) {
			failed++
		}
	}
	total := int64(0)
	for _, acc := range b.accounts {
		total += acc.Balance
	}
	fmt.Println("total", total, "failed+ok", failed+len(b.history))
	err := b.Transfer(a, 999, 1)
	fmt.Println(err, errors.Is(err, ErrNoAccount))
	err = b.Transfer(c, a, 5000)
	fmt.Println(err, errors.Is(err, ErrFunds))
	ids := make([]AccountID, 0)
	for id := range b.accounts {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		acc := b.accounts[id]
		fmt.Printf("%d %-4s %4d\n", acc.ID, acc.Owner, acc.Balance)
	}
	fmt.Println(Transfer{1, 2, 3}, []Transfer{{4, 5, 6}})
}

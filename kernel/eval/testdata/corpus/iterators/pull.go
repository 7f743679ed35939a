package main

import (
	"fmt"
	"iter"
)

type Tree struct {
	Left, Right *Tree
	Val         int
}

func (t *Tree) All() iter.Seq[int] {
	return func(yield func(int) bool) {
		t.push(yield)
	}
}

func (t *Tree) push(yield func(int) bool) bool {
	if t == nil {
		return true
	}
	return t.Left.push(yield) && yield(t.Val) && t.Right.push(yield)
}

func insert(t *Tree, v int) *Tree {
	if t == nil {
		return &Tree{Val: v}
	}
	if v < t.Val {
		t.Left = insert(t.Left, v)
	} else {
		t.Right = insert(t.Right, v)
	}
	return t
}

// Same reports whether two sequences hold the same values, stepping
// through both with iter.Pull.
func Same(a, b iter.Seq[int]) bool {
	nextA, stopA := iter.Pull(a)
	defer stopA()
	nextB, stopB := iter.Pull(b)
	defer stopB()
	for {
		va, okA := nextA()
		vb, okB := nextB()
		if okA != okB || va != vb {
			return false
		}
		if !okA {
			return true
		}
	}
}

func main() {
	var t1, t2 *Tree
	for _, v := range []int{5, 3, 8, 1, 4} {
		t1 = insert(t1, v)
	}
	for _, v := range []int{1, 3, 4, 5, 8} {
		t2 = insert(t2, v)
	}
	for v := range t1.All() {
		fmt.Print(v, " ")
	}
	fmt.Println()
	fmt.Println("same values:", Same(t1.All(), t2.All()))
	t2 = insert(t2, 9)
	fmt.Println("after adding 9:", Same(t1.All(), t2.All()))
}

package main

import (
	"fmt"
	"strings"
)

type Node struct {
	Value int
	Next  *Node
}

type List struct {
	head *Node
	size int
}

func (l *List) PushFront(v int) {
	l.head = &Node{Value: v, Next: l.head}
	l.size++
}

func (l *List) PushBack(v int) {
	n := &Node{Value: v}
	l.size++
	if l.head == nil {
		l.head = n
		return
	}
	cur := l.head
	for cur.Next != nil {
		cur = cur.Next
	}
	cur.Next = n
}

func (l *List) Reverse() {
	var prev *Node
	for cur := l.head; cur != nil; {
		next := cur.Next
		cur.Next = prev
		prev, cur = cur, next
	}
	l.head = prev
}

func (l *List) String() string {
	var parts []string
	for n := l.head; n != nil; n = n.Next {
		parts = append(parts, fmt.Sprint(n.Value))
	}
	return "[" + strings.Join(parts, " -> ") + "]"
}

func main() {
	var l List
	for i := 1; i <= 5; i++ {
		if i%2 == 0 {
			l.PushFront(i * 10)
		} else {
			l.PushBack(i)
		}
	}
	fmt.Println(l.String(), "size", l.size)
	l.Reverse()
	fmt.Println(&l)
	var empty List
	empty.Reverse()
	fmt.Println(empty.String())
}

package eval

import (
	"strings"
	"testing"
)

// TestSelectBranches runs break, continue and goto in the clauses of a
// select as Go does: the interpreter alone sends a clause's last branch
// statement to the end of the select, and an unlabelled break below an
// if in a clause out of the loop around the select. Each runs at a
// cell's top level and in a function; iterCell comes first.
func TestSelectBranches(t *testing.T) {
	tests := []struct {
		name string
		cell string
		want string
	}{
		{"continue ends a clause", `
var got []string
ch := make(chan int, 2)
ch <- 1
ch <- 2
for n := 0; n < 4; n++ {
	select {
	case v := <-ch:
		got = append(got, fmt.Sprint("got", v))
		continue
	default:
	}
	got = append(got, fmt.Sprint("after", n))
}
strings.Join(got, " ")`, "got1 got2 after2 after3"},
		{"continue ends the default clause", `
var got []string
for n := 0; n < 3; n++ {
	select {
	default:
		got = append(got, "d")
		continue
	}
	got = append(got, "no")
}
strings.Join(got, " ")`, "d d d"},
		{"labelled continue ends a clause", `
var got []string
ch := make(chan int, 3)
ch <- 1
outer:
for i := 0; i < 2; i++ {
	for j := 0; j < 2; j++ {
		select {
		case <-ch:
			continue outer
		default:
		}
		got = append(got, fmt.Sprint(i, j))
	}
}
strings.Join(got, " ")`, "1 0 1 1"},
		{"labelled break ends a clause", `
var got []string
ch := make(chan int, 1)
loop:
for n := 0; n < 5; n++ {
	ch <- n
	select {
	case v := <-ch:
		if v == 1 {
			got = append(got, "one")
		}
		if v == 3 {
			break loop
		}
		got = append(got, fmt.Sprint(v))
		break loop
	}
	got = append(got, "unreached")
}
strings.Join(got, " ")`, "0"},
		{"break below an if leaves only the select", `
var got []string
ch := make(chan int, 2)
ch <- 1
ch <- 2
for n := 0; n < 3; n++ {
	select {
	case v := <-ch:
		if v == 1 {
			break
		}
		got = append(got, fmt.Sprint("v", v))
	default:
	}
	got = append(got, fmt.Sprint("after", n))
}
strings.Join(got, " ")`, "after0 v2 after1 after2"},
		{"break of a labelled select", `
var got []string
for n := 0; n < 2; n++ {
sel:
	select {
	default:
		if n == 0 {
			break sel
		}
		got = append(got, "d")
	}
	got = append(got, fmt.Sprint(n))
}
strings.Join(got, " ")`, "0 d 1"},
		{"break in a switch in a clause leaves the switch", `
var got []string
for n := 0; n < 2; n++ {
	select {
	default:
		switch n {
		case 0:
			break
		}
		got = append(got, fmt.Sprint("s", n))
	}
}
strings.Join(got, " ")`, "s0 s1"},
		{"nested selects", `
var got []string
a := make(chan int, 1)
b := make(chan int, 1)
a <- 1
b <- 2
for n := 0; n < 3; n++ {
	select {
	case v := <-a:
		select {
		case w := <-b:
			got = append(got, fmt.Sprint(v, w))
			continue
		default:
		}
		got = append(got, "inner")
	default:
		if n == 1 {
			break
		}
		got = append(got, "outer default")
		continue
	}
	got = append(got, fmt.Sprint("end", n))
}
strings.Join(got, " ")`, "1 2 end1 outer default"},
		{"a loop left only by break after the select", `
var got []string
high := make(chan string, 3)
low := make(chan string, 3)
high <- "h1"
low <- "l1"
high <- "h2"
for {
	select {
	case j := <-high:
		got = append(got, j)
		continue
	default:
	}
	select {
	case j := <-low:
		got = append(got, j)
		continue
	default:
	}
	break
}
strings.Join(got, " ")`, "h1 h2 l1"},
		{"continue in a select in a range-over-func loop", `
var got []string
ch := make(chan int, 1)
ch <- 1
for x := range count(3) {
	select {
	case <-ch:
		continue
	default:
	}
	got = append(got, fmt.Sprint(x))
}
strings.Join(got, " ")`, "1 2"},
		{"goto within a clause", `
got := ""
for n := 0; n < 2; n++ {
	select {
	default:
		{
			if n == 0 {
				goto skip
			}
			got += "a"
		skip:
			got += "b"
		}
	}
}
got`, "bab"},
		{"continue in a switch inside a loop", `
var got []string
for n := 0; n < 3; n++ {
	switch n {
	case 1:
		continue
	}
	got = append(got, fmt.Sprint(n))
}
strings.Join(got, " ")`, "0 2"},
		{"goto ends a clause", `
got := "no"
for n := 0; n < 3; n++ {
	select {
	default:
		goto done
	}
}
done:
got = "done"
got`, "done"},
	}
	for _, tt := range tests {
		for _, way := range []string{"cell", "function"} {
			t.Run(tt.name+"/"+way, func(t *testing.T) {
				s := newSession(t, Options{})
				cells := []string{iterCell, tt.cell}
				if way == "function" {
					body := strings.TrimSpace(tt.cell)
					i := strings.LastIndex(body, "\n")
					cells[1] = "func f() string {\n" + body[:i] + "\nreturn " + body[i+1:] + "\n}"
					cells = append(cells, "f()")
				}
				r := run(t, s, cells...)
				if r.Err != nil {
					t.Fatalf("error: %v", r.Err)
				}
				if got := strings.Trim(text(r), "\""); got != tt.want {
					t.Fatalf("got %q, want %q", got, tt.want)
				}
			})
		}
	}
}

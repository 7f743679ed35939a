package main

import (
	"fmt"
	"sort"
	"strings"
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var names = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

func (d Weekday) String() string {
	if d < 0 || int(d) >= len(names) {
		return fmt.Sprintf("Weekday(%d)", int(d))
	}
	return names[d]
}

func (d Weekday) Weekend() bool { return d == Saturday || d == Sunday }

type Task struct {
	Name string
	Day  Weekday
	Prio int
}

type byDayThenPrio []Task

func (t byDayThenPrio) Len() int      { return len(t) }
func (t byDayThenPrio) Swap(i, j int) { t[i], t[j] = t[j], t[i] }
func (t byDayThenPrio) Less(i, j int) bool {
	if t[i].Day != t[j].Day {
		return t[i].Day < t[j].Day
	}
	return t[i].Prio > t[j].Prio
}

type Flags uint8

const (
	Read Flags = 1 << iota
	Write
	Exec
)

func (f Flags) String() string {
	var parts []string
	for i, n := range []string{"r", "w", "x"} {
		if f&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "")
}

func main() {
	fmt.Println(Monday, Saturday, Weekday(9))
	fmt.Printf("%v %d %s %q %5v|\n", Tuesday, Tuesday, Friday, Sunday, Monday)
	for d := Sunday; d <= Saturday; d++ {
		if d.Weekend() {
			fmt.Print(d, " ")
		}
	}
	fmt.Println()
	tasks := []Task{{"laundry", Saturday, 1}, {"report", Monday, 3}, {"email", Monday, 5}, {"gym", Wednesday, 2}}
	sort.Sort(byDayThenPrio(tasks))
	for _, t := range tasks {
		fmt.Printf("%-8s %v %d\n", t.Name, t.Day, t.Prio)
	}
	fmt.Println(tasks[0])
	fmt.Printf("%+v\n", tasks[1])
	perm := Read | Write
	fmt.Println(perm, perm|Exec, Flags(0), perm&^Write)
	days := map[Weekday][]string{}
	for _, t := range tasks {
		days[t.Day] = append(days[t.Day], t.Name)
	}
	fmt.Println(days)
	type key struct {
		Day  Weekday
		Hour int
	}
	slots := map[key]string{{Monday, 9}: "standup", {Friday, 16}: "demo"}
	fmt.Println(slots[key{Monday, 9}], len(slots), key{Friday, 16} == key{Friday, 16})
}

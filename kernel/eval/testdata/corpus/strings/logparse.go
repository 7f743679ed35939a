package main

import (
	"bufio"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

type Entry struct {
	At    time.Time
	Level string
	Msg   string
	Dur   time.Duration
}

var lineRE = regexp.MustCompile(`^(\S+) \[(\w+)\] (.*?)(?: took (\S+))?$`)

func parse(line string) (Entry, error) {
	m := lineRE.FindStringSubmatch(line)
	if m == nil {
		return Entry{}, fmt.Errorf("bad line %q", line)
	}
	at, err := time.Parse(time.RFC3339, m[1])
	if err != nil {
		return Entry{}, fmt.Errorf("bad time: %w", err)
	}
	e := Entry{At: at, Level: m[2], Msg: m[3]}
	if m[4] != "" {
		if e.Dur, err = time.ParseDuration(m[4]); err != nil {
			return Entry{}, err
		}
	}
	return e, nil
}

func main() {
	logs := `2024-03-01T10:00:00Z [INFO] server started
2024-03-01T10:00:05Z [WARN] slow request took 1.5s
garbage here
2024-03-01T10:01:00Z [ERROR] db down took 250ms
2024-03-01T10:02:30Z [INFO] recovered`
	sc := bufio.NewScanner(strings.NewReader(logs))
	var entries []Entry
	levels := map[string]int{}
	var total time.Duration
	for n := 1; sc.Scan(); n++ {
		e, err := parse(sc.Text())
		if err != nil {
			fmt.Printf("line %d: %v\n", n, err)
			continue
		}
		entries = append(entries, e)
		levels[e.Level]++
		total += e.Dur
	}
	for _, e := range entries {
		fmt.Printf("%s %-5s %-16q %v\n", e.At.Format("15:04:05"), e.Level, e.Msg, e.Dur)
	}
	span := entries[len(entries)-1].At.Sub(entries[0].At)
	fmt.Println(levels, total, span, span.Minutes())
	fmt.Println(entries[1].At.Add(90*time.Minute).Format(time.Kitchen), entries[0].At.Weekday())
	n, err := strconv.Atoi("12a")
	fmt.Println(n, err)
	f, _ := strconv.ParseFloat("3.25", 64)
	fmt.Println(strconv.Quote("héllo\n"), strconv.FormatInt(255, 2), f*2, strconv.Itoa(-7)+"!")
	s := "héllo, 世界"
	fmt.Println(len(s), utf8.RuneCountInString(s), strings.ToTitle(s[:6]), []rune(s)[7:])
	r := strings.NewReplacer("a", "4", "e", "3")
	fmt.Println(r.Replace("release date"), strings.EqualFold("Go", "GO"), strings.Count("cheese", "e"))
	var sb strings.Builder
	for i := 3; i > 0; i-- {
		fmt.Fprintf(&sb, "%d...", i)
	}
	sb.WriteString("liftoff")
	fmt.Println(sb.String(), sb.Len())
	fields := strings.FieldsFunc("a,b;;c d", func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
	fmt.Printf("%q %v\n", fields, strings.SplitN("k=v=w", "=", 2))
}

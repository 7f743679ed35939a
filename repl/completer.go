package repl

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// completer answers readline's Tab with the core's completions of the
// whole cell typed so far, and with command names after a colon.
type completer struct {
	complete func(code string, cursor int) (matches []string, start, end int)
	before   func() string // the cell's earlier lines, each ending in "\n"
}

// Do returns the endings of the completions for the text before pos in
// line and the length in runes of the part they extend.
func (c *completer) Do(line []rune, pos int) (endings [][]rune, length int) {
	typed := string(line[:pos])
	before := c.before()
	if strings.TrimLeft(typed, " \t") == "" {
		// Tab at the start of a line indents.
		return [][]rune{{'\t'}}, 0
	}
	code, cursor := before+typed, len(before)+len(typed)
	if command := strings.TrimLeft(typed, " \t"); before == "" && strings.HasPrefix(command, ":") {
		name, ok := strings.CutPrefix(command, ":doc ")
		if !ok {
			return completeCommand(command)
		}
		// :doc takes a Go name: complete it on its own.
		code, cursor = name, len(name)
	}
	matches, start, _ := c.complete(code+string(line[pos:]), cursor)
	if start < 0 || start > cursor {
		return nil, 0
	}
	word := code[start:cursor]
	for _, m := range matches {
		if rest, ok := strings.CutPrefix(m, word); ok {
			endings = append(endings, []rune(rest))
		}
	}
	return endings, utf8.RuneCountInString(word)
}

// completeCommand completes a REPL command such as ":re" to ":reset".
func completeCommand(typed string) (endings [][]rune, length int) {
	if strings.ContainsAny(typed, " \t") {
		return nil, 0
	}
	var names []string
	for _, c := range commands {
		if strings.HasPrefix(c.name, typed) {
			names = append(names, c.name)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		endings = append(endings, []rune(n[len(typed):]+" "))
	}
	return endings, utf8.RuneCountInString(typed)
}

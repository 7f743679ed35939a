package repl

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestLinesInput(t *testing.T) {
	var prompts bytes.Buffer
	l := NewLines(strings.NewReader("one\r\ntwo\n\nlast"), &prompts)
	for _, want := range []string{"one", "two", "", "last"} {
		got, err := l.Input("? ", false)
		if err != nil || got != want {
			t.Fatalf("Input() = %q, %v; want %q", got, err, want)
		}
	}
	if got, err := l.Input("? ", false); !errors.Is(err, io.EOF) {
		t.Errorf("Input() at the end = %q, %v; want io.EOF", got, err)
	}
	if prompts.String() != strings.Repeat("? ", 5) {
		t.Errorf("prompts shown: %q", prompts.String())
	}
}

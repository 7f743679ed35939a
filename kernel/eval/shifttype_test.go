package eval

import "testing"

// A constant shifted by a variable takes its type from the context, as
// in Go.
func TestShiftTypeFromContext(t *testing.T) {
	flags := "type Flags uint8\nconst (\n\tRead Flags = 1 << iota\n\tWrite\n)"
	runPanicCases(t, []panicCase{
		{"and with a named uint8", []string{flags, "func has(f Flags, i int) bool { return f&(1<<i) != 0 }", "fmt.Sprint(has(Read|Write, 1), has(Read, 1))"}, "true false"},
		{"assigned to a uint64", []string{"func bit(i int) uint64 { var x uint64 = 1 << i; return x }", "bit(63)"}, "9223372036854775808"},
		{"constant shift", []string{flags, "Flags(3) & (1 << 1)"}, "2"},
		{"int context left alone", []string{"func p(i int) int { return 1 << i }", "p(10)"}, "1024"},
	})
}

// A variable defined from a rune constant is a rune, at a cell's top
// level too.
func TestRuneDefines(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"define", []string{"r := 'a'\nfmt.Sprintf(\"%T %c\", r, r-32)"}, "int32 A"},
		{"var", []string{"var r = 'b' + 1\nfmt.Sprintf(\"%T %c\", r, r)"}, "int32 c"},
		{"loop", []string{"var sb strings.Builder\nfor r := 'a'; r < 'a'+3; r++ { sb.WriteRune(r - 32) }\nsb.String()"}, "ABC"},
		{"block", []string{"s := \"\"\n{ q := 'x'; s = fmt.Sprintf(\"%T\", q) }\ns"}, "int32"},
		{"an int constant stays an int", []string{"n := 3 + 4\nfmt.Sprintf(\"%T\", n)"}, "int"},
	})
}

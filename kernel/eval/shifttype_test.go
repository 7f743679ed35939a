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

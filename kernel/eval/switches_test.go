package eval

import "testing"

// A switch with an init statement and a tag that is not a name takes
// the case Go takes, on every call.
func TestSwitchInitWithExpressionTag(t *testing.T) {
	one := "func one() int { return 1 }"
	runPanicCases(t, []panicCase{
		{"tag uses the init's variable", []string{one, "func a() string { switch x := one(); x + 1 { case 1: return \"one\"; case 2: return \"two\" }; return \"none\" }", "a()"}, "two"},
		{"a call as the tag", []string{"func g(s string) string { switch s := s + \"!\"; len(s) { case 3: return \"three\" }; return \"none\" }", "g(\"ab\") + \" \" + g(\"abc\")"}, "three none"},
		{"later calls see their own init", []string{"func k(n int) int { switch m := n * 2; m + 0 { case 2: return 1; case 4: return 2 }; return 0 }", "fmt.Sprint(k(1), k(2), k(1))"}, "1 2 1"},
		{"labeled", []string{one, "func h() string { L: switch x := one(); x * 3 { case 3: for { break L }; return \"loop\" }; return \"broke\" }", "h()"}, "broke"},
		{"at a cell's top level", []string{one, "var r string\nswitch x := one(); x + 0 { case 1: r = \"one\" }\nr"}, "one"},
		{"a name as the tag is left alone", []string{one, "func d() string { switch x := one(); x { case 1: return \"one\" }; return \"none\" }", "d()"}, "one"},
	})
}

// A case of a switch without a tag that lists several conditions holds
// when one of them does, tried in order.
func TestTaglessSwitchCases(t *testing.T) {
	runPanicCases(t, []panicCase{
		{"the second condition", []string{"func f(x int) string { switch { case x == 1, x == 2: return \"one or two\"; default: return \"other\" } }", "f(1) + \" \" + f(2) + \" \" + f(3)"}, "one or two one or two other"},
		{"stops at the first that holds", []string{"func g() string { s := \"\"; try := func(b bool, n string) bool { s += n; return b }; switch { case try(false, \"a\"), try(true, \"b\"), try(true, \"c\"): s += \"!\" }; return s }", "g()"}, "ab!"},
		{"at a cell's top level", []string{"x := 3\nr := \"\"\nswitch {\ncase x < 0, x > 2:\n\tr = \"out\"\n}\nr"}, "out"},
	})
}

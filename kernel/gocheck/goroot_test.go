package gocheck

import (
	"strings"
	"testing"
	"time"
)

func TestGenericStd(t *testing.T) {
	if StdGenerics() == nil {
		t.Skip("no Go sources in this installation")
	}
	t0 := time.Now()
	for _, p := range GenericStd {
		if _, err := StdGenerics().Import(p); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%v built from sources in %v", GenericStd, time.Since(t0))
	for _, tt := range []step{
		{"import \"slices\"\nxs := []int{3, 1}\nslices.Sort(xs)\nslices.Max(xs)", ""},
		{"import \"slices\"\nslices.Sort(3)", "2:1: in call to slices.Sort, cannot infer E (declared at "},
		{"import \"maps\"\nm := map[string]int{\"a\": 1}\nfor k := range maps.Keys(m) {\n\t_ = k + \"x\"\n}", ""},
		{"import \"strings\"\nstrings.ToUpperr(\"a\")", "2:9: undefined: strings.ToUpperr"},
		{"import \"sync\"\nf := sync.OnceValue(func() int { return 1 })", "?"},
		{"import \"github.com/gornn/gornn/rnn\"\nsess := rnn.NewSesion()", "2:13: undefined: rnn.NewSesion"},
		{"import \"cmp\"\nvar n string = cmp.Compare(1, 2)", "2:16: cannot use cmp.Compare(1, 2) (value of type int) as string value in variable declaration"},
	} {
		c := ForTables(kernelTables())
		got := verdict(c.Check(tt.cell, testParts(tt.cell)))
		if got != tt.want && (!strings.HasSuffix(tt.want, "at ") || !strings.HasPrefix(got, tt.want)) {
			t.Errorf("%q: got %q, want %q", tt.cell, got, tt.want)
		}
	}
}

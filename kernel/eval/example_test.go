package eval_test

import (
	"context"
	"fmt"

	"github.com/gornn/gornn/kernel/eval"
)

// A session runs cells of Go as people type them: imports, declarations
// and statements mixed, the trailing expression being the cell's value.
func ExampleSession_Execute() {
	s, err := eval.New(eval.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	s.Execute(ctx, "import \"strings\"\nwords := strings.Fields(\"a b c\")")
	r := s.Execute(ctx, "func count() int { return len(words) }\ncount() * 10")
	fmt.Println(r.Value.Data["text/plain"])

	r = s.Execute(ctx, "x := 1\nx = \"one\"")
	fmt.Println(r.Err.Name, r.Err.Line, r.Err.Column)
	// Output:
	// 30
	// CompileError 2 5
}

func ExampleSession_Complete() {
	s, _ := eval.New(eval.Options{})
	s.Execute(context.Background(), "import \"strings\"")
	matches, start, end := s.Complete("strings.ToU", 11)
	fmt.Println(matches, start, end)
	// Output: [ToUpper ToUpperSpecial] 8 11
}

func ExampleSession_IsComplete() {
	s, _ := eval.New(eval.Options{})
	status, indent := s.IsComplete("func f() {")
	fmt.Printf("%s %q\n", status, indent)
	status, indent = s.IsComplete("f()")
	fmt.Printf("%s %q\n", status, indent)
	// Output:
	// incomplete "\t"
	// complete ""
}

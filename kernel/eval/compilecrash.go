package eval

import "strings"

// crashCFG starts the message of a crash of the interpreter's compiler
// that it caught while compiling a node: "L:C: CFG post-order panic: why",
// where L:C is the node in the source it compiled, and why may hold
// another such message, of the node inside a function it instantiated.
const crashCFG = "CFG post-order panic"

// compilerCrashError reports a crash of the interpreter's compiler on a
// cell (an interp.Panic without interpreted frames, msg being its value)
// in plain words, at the cell's position where the interpreter says it
// happened when it says so; toCell maps the interpreter's line and column
// to the cell's. A cell that instantiates generic functions or types is
// told which of their forms crash it.
func compilerCrashError(msg, code string, generic bool, toCell func(line, col int) (int, int)) *Error {
	l, c, text, ok := splitPosition(msg)
	if !ok || !strings.HasPrefix(text, crashCFG) {
		return newError("CompileError", "the interpreter cannot compile this cell: "+msg+hint(msg, code), code, 0, 0)
	}
	line, col := toCell(l, c)
	why := strings.TrimPrefix(strings.TrimPrefix(text, crashCFG), ": ")
	plain := "the interpreter's compiler crashed on this expression (" + why + ")"
	if generic {
		plain += genericCrashAdvice
	}
	return newError("CompileError", plain, code, line, col)
}

// genericCrashAdvice names the forms of generic code that are known to
// crash the interpreter's compiler and that the session cannot rewrite.
const genericCrashAdvice = "; it crashes on an explicit instantiation with a type parameter inside a generic function, such as Zero[T]() or Id[T](x), when the type argument is a named type, a slice or inferred: let the function infer it from an argument of type T instead"

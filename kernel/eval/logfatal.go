package eval

import (
	"fmt"
	"go/ast"
	"go/types"
	"log"
	"maps"
	"reflect"
)

// The Fatal methods of a *log.Logger end the process with os.Exit(1),
// and so would end the kernel. The session runs cells with the real
// *log.Logger (so that SetPrefix, log.Default and parameters of that type
// work) and rewrites each use of those methods in a cell into a function
// that writes the message and then panics as the interpreter's os.Exit
// does:
//
//	l.Fatalf("bad %d", n)  ->  __gornn.LoggerFatalf(l)("bad %d", n)
//
// A method value (f := l.Fatal) is rewritten the same way. Compiled code
// that calls them still ends the process.
var loggerFatals = map[string]string{
	"Fatal":   rtAlias + ".LoggerFatal",
	"Fatalf":  rtAlias + ".LoggerFatalf",
	"Fatalln": rtAlias + ".LoggerFatalln",
}

// loggerTable returns the table of package log tab with the real
// log.New and log.Logger. yaegi's log.New returns a logger type of its
// own whose Fatal methods panic, but that type lacks SetPrefix and the
// methods added since, and no *log.Logger (log.Default's, a parameter's)
// is one.
func loggerTable(tab map[string]reflect.Value) map[string]reflect.Value {
	out := maps.Clone(tab)
	out["New"] = reflect.ValueOf(log.New)
	out["Logger"] = reflect.ValueOf((*log.Logger)(nil))
	return out
}

// loggerFatalEdits returns the rewrites of the Fatal methods of
// *log.Logger values in pieces, known from the cell's types.
func loggerFatalEdits(pieces []*piece, tk typeKnowledge) []edit {
	if tk == nil {
		return nil
	}
	var out []edit
	inspectPieces(pieces, func(p *piece, n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		fn, ok := loggerFatals[sel.Sel.Name]
		if !ok {
			return true
		}
		t, ok := tk.typeOf(p.off(sel.X.Pos()), p.off(sel.X.End()))
		if !ok || !isLogLogger(t) {
			return true
		}
		out = append(out,
			edit{Off: p.off(sel.X.Pos()), End: p.off(sel.X.Pos()), Text: fn + "("},
			edit{Off: p.off(sel.X.End()), End: p.off(sel.Sel.End()), Text: ")"})
		return true
	})
	return out
}

// isLogLogger reports whether t is *log.Logger.
func isLogLogger(t types.Type) bool {
	ptr, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := ptr.Elem().(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "log" && named.Obj().Name() == "Logger"
}

// exitPanic is what the interpreter's os.Exit panics with.
func exitPanic(code int) string { return fmt.Sprintf("os.Exit(%d)", code) }

// loggerFatal, loggerFatalf and loggerFatalln are l's Fatal methods
// with the exit turned into a panic. The message goes out through
// l.Output, as the methods' own does.
func loggerFatal(l *log.Logger) func(...any) {
	return func(v ...any) {
		l.Output(2, fmt.Sprint(v...))
		panic(exitPanic(1))
	}
}

func loggerFatalf(l *log.Logger) func(string, ...any) {
	return func(format string, v ...any) {
		l.Output(2, fmt.Sprintf(format, v...))
		panic(exitPanic(1))
	}
}

func loggerFatalln(l *log.Logger) func(...any) {
	return func(v ...any) {
		l.Output(2, fmt.Sprintln(v...))
		panic(exitPanic(1))
	}
}

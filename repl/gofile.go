package repl

import (
	"go/ast"
	"go/parser"
	"go/token"

	"github.com/gornn/gornn/kernel/eval"
)

// mainName is what a Go file's func main is renamed to when the file
// runs as a cell: cells cannot declare main, which the interpreter would
// run again after every later cell.
const mainName = "fileMain"

// program is a Go file made into a cell.
type program struct {
	code    string // the cell, with the lines of the file
	hasMain bool   // the file declares func main(), renamed mainName
}

// asCell turns a Go file into a cell: a leading package clause, which
// cells do not have, is blanked out with spaces so that positions in
// errors stay those of the file, and func main is renamed mainName for
// the caller to call. Code that is not a whole file (no package clause)
// is returned as it is.
func asCell(code string) program {
	start, end, ok := eval.PackageClause(code)
	if !ok {
		return program{code: code}
	}
	b := []byte(code)
	for i := start; i < end; i++ {
		// The clause may span lines (a comment between the words):
		// keep them, and one space per byte keeps the columns.
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
	prog := program{code: string(b)}
	if at, ok := mainFunc(code); ok {
		prog.code = prog.code[:at] + mainName + prog.code[at+len("main"):]
		prog.hasMain = true
	}
	return prog
}

// mainFunc finds the name of a func main() declared in the file code.
func mainFunc(code string) (offset int, ok bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", code, parser.SkipObjectResolution)
	if err != nil {
		// The cell's own error will say what is wrong.
		return 0, false
	}
	for _, d := range f.Decls {
		fn, isFunc := d.(*ast.FuncDecl)
		if isFunc && fn.Recv == nil && fn.Name.Name == "main" &&
			fn.Type.Params.NumFields() == 0 && fn.Type.Results.NumFields() == 0 && fn.Body != nil {
			return fset.Position(fn.Name.Pos()).Offset, true
		}
	}
	return 0, false
}

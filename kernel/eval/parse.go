package eval

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
)

// piece is one chunk of a cell parsed on its own.
type piece struct {
	chunk
	file   *token.File
	prefix int      // bytes of wrapping before the chunk's text
	decl   ast.Decl // for imports and declarations
	stmt   ast.Stmt // for statements
}

// inspectPieces calls f for every node of the pieces' syntax trees (a
// statement's or a declaration's), in the order of ast.Inspect, with the
// piece it is in; f's false skips the node's children.
func inspectPieces(pieces []*piece, f func(p *piece, n ast.Node) bool) {
	for _, p := range pieces {
		var root ast.Node = p.decl
		if p.stmt != nil {
			root = p.stmt
		}
		if root == nil {
			continue
		}
		ast.Inspect(root, func(n ast.Node) bool { return f(p, n) })
	}
}

// off converts a position in the piece's syntax tree to a byte offset of
// the cell.
func (p *piece) off(pos token.Pos) int {
	return p.file.Offset(pos) - p.prefix + p.Start
}

// parseError is a syntax error at a byte offset of the cell.
type parseError struct {
	Offset int
	Msg    string
}

func (e *parseError) Error() string { return e.Msg }

const (
	declPrefix = "package p;"
	stmtPrefix = "package p;func _(){"
)

// parseCell splits src and parses every chunk. The first syntax error is
// returned as a *parseError.
func parseCell(fset *token.FileSet, src string) ([]*piece, error) {
	chunks, err := splitCell(src)
	if err != nil {
		var se *splitError
		errors.As(err, &se)
		return nil, &parseError{Offset: se.Offset, Msg: se.Msg}
	}
	pieces := make([]*piece, 0, len(chunks))
	for _, c := range chunks {
		p, err := parseChunk(fset, src, c)
		if err != nil {
			return nil, err
		}
		pieces = append(pieces, p)
	}
	return pieces, nil
}

func parseChunk(fset *token.FileSet, src string, c chunk) (*piece, error) {
	text := src[c.Start:c.End]
	prefix, suffix := declPrefix, ""
	if c.Kind == chunkStmt {
		prefix, suffix = stmtPrefix, "\n}"
	}
	f, err := parser.ParseFile(fset, "cell", prefix+text+suffix, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			off := list[0].Pos.Offset - len(prefix) + c.Start
			if off > c.End {
				off = c.End
			}
			return nil, &parseError{Offset: off, Msg: list[0].Msg}
		}
		return nil, &parseError{Offset: c.Start, Msg: err.Error()}
	}
	p := &piece{chunk: c, file: fset.File(f.Package), prefix: len(prefix)}
	switch c.Kind {
	case chunkStmt:
		body := f.Decls[0].(*ast.FuncDecl).Body.List
		if len(body) != 1 {
			return nil, &parseError{Offset: c.Start, Msg: "expected one statement"}
		}
		p.stmt = body[0]
	default:
		if len(f.Decls) != 1 {
			return nil, &parseError{Offset: c.Start, Msg: "expected one declaration"}
		}
		p.decl = f.Decls[0]
	}
	return p, nil
}

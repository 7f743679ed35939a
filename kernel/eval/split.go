package eval

import (
	"fmt"
	"go/scanner"
	"go/token"
	"unicode/utf8"
)

// chunkKind says how a top-level piece of a cell is evaluated.
type chunkKind int

const (
	// chunkImport is an import declaration; imports are hoisted.
	chunkImport chunkKind = iota
	// chunkDecl is a func, method, type, var or const declaration.
	chunkDecl
	// chunkStmt is a statement, run in order with the others.
	chunkStmt
)

func (k chunkKind) String() string {
	switch k {
	case chunkImport:
		return "import"
	case chunkDecl:
		return "decl"
	}
	return "stmt"
}

// chunk is one top-level declaration or statement of a cell, as the byte
// range [Start, End) of the cell's text.
type chunk struct {
	Kind       chunkKind
	Start, End int
	// Keyword is the first token (token.FUNC, token.VAR, token.IDENT, ...).
	Keyword token.Token
}

// splitError is a lexical error or unbalanced bracket found while
// splitting, at a byte offset of the cell.
type splitError struct {
	Offset int
	Msg    string
}

func (e *splitError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// splitCell cuts src into its top-level declarations and statements with
// Go's scanner, so that a cell can mix them in any order. A var or const
// declaration that follows a statement stays a statement, so that it may
// use variables the statements defined. Comments between chunks are
// dropped. The result is nil for a cell of only blanks and comments.
func splitCell(src string) ([]chunk, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var firstErr *splitError
	var s scanner.Scanner
	s.Init(file, []byte(src), func(pos token.Position, msg string) {
		if firstErr == nil {
			firstErr = &splitError{Offset: pos.Offset, Msg: msg}
		}
	}, 0)

	var (
		chunks   []chunk
		depth    int
		cur      *chunk
		toks     []token.Token // first tokens of the current chunk, to classify func
		sawStmt  bool
		brackets []token.Token
		// inHeader is set between for/if/switch and the brace opening
		// their body, where semicolons separate clauses, not statements.
		inHeader bool
	)
	finish := func() {
		if cur == nil {
			return
		}
		cur.Kind = classify(cur.Keyword, toks, sawStmt)
		if cur.Kind == chunkStmt {
			sawStmt = true
		}
		chunks = append(chunks, *cur)
		cur, toks = nil, nil
	}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		if tok == token.SEMICOLON && depth == 0 && !(inHeader && lit == ";") {
			finish()
			inHeader = false
			continue
		}
		if depth == 0 {
			switch tok {
			case token.FOR, token.IF, token.SWITCH:
				inHeader = true
			case token.LBRACE:
				inHeader = false
			}
		}
		if cur == nil {
			cur = &chunk{Start: off, Keyword: tok}
		}
		if len(toks) < 64 {
			toks = append(toks, tok)
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
			brackets = append(brackets, tok)
		case token.RPAREN, token.RBRACK, token.RBRACE:
			if depth == 0 || brackets[len(brackets)-1] != opening(tok) {
				if firstErr == nil {
					firstErr = &splitError{Offset: off, Msg: "unexpected " + tok.String()}
				}
			} else {
				depth--
				brackets = brackets[:len(brackets)-1]
			}
		}
		if tok == token.ILLEGAL {
			// Its literal is a replacement rune, not the source bytes.
			_, size := utf8.DecodeRuneInString(src[off:])
			cur.End = off + max(size, 1)
		} else {
			cur.End = min(off+tokenLen(tok, lit), len(src))
		}
	}
	finish()
	if firstErr != nil {
		return chunks, firstErr
	}
	if depth > 0 {
		return chunks, &splitError{Offset: len(src), Msg: "unclosed " + brackets[len(brackets)-1].String()}
	}
	return chunks, nil
}

// opening returns the bracket that closing closes.
func opening(closing token.Token) token.Token {
	switch closing {
	case token.RPAREN:
		return token.LPAREN
	case token.RBRACK:
		return token.LBRACK
	}
	return token.LBRACE
}

// tokenLen is the length in bytes of a token as it appears in the source.
func tokenLen(tok token.Token, lit string) int {
	if lit != "" {
		return len(lit)
	}
	return len(tok.String())
}

// classify decides the kind of a chunk from its first tokens. A func
// keyword starts a declaration when a name follows it, or a receiver and
// then a name and a parameter list; otherwise it is a function literal in
// a statement.
func classify(first token.Token, toks []token.Token, afterStmt bool) chunkKind {
	switch first {
	case token.IMPORT:
		return chunkImport
	case token.TYPE:
		return chunkDecl
	case token.VAR, token.CONST:
		if afterStmt {
			return chunkStmt
		}
		return chunkDecl
	case token.FUNC:
		if len(toks) > 1 && toks[1] == token.IDENT {
			return chunkDecl
		}
		if len(toks) > 1 && toks[1] == token.LPAREN {
			depth := 0
			for i := 1; i < len(toks); i++ {
				switch toks[i] {
				case token.LPAREN, token.LBRACK, token.LBRACE:
					depth++
				case token.RPAREN, token.RBRACK, token.RBRACE:
					depth--
				}
				if depth == 0 {
					if i+2 < len(toks) && toks[i+1] == token.IDENT && toks[i+2] == token.LPAREN {
						return chunkDecl
					}
					return chunkStmt
				}
			}
		}
	}
	return chunkStmt
}

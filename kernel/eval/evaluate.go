package eval

import (
	"context"
	"go/parser"

	"github.com/gornn/gornn/display"
)

// Evaluate computes the value of one expression for a front end
// (Jupyter's user_expressions). Only expressions are accepted, so it
// cannot declare anything; a call in expr does run.
func (s *Session) Evaluate(ctx context.Context, expr string) (*display.Data, *Error) {
	if _, err := parser.ParseExpr(expr); err != nil {
		return nil, &Error{Name: "ParseError", Message: "not an expression: " + err.Error(),
			Traceback: []string{"ParseError: not an expression: " + err.Error()}}
	}
	r := s.Execute(ctx, expr)
	return r.Value, r.Err
}

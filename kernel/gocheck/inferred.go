package gocheck

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"hash/fnv"
	"strings"
)

// Inferred is a generic function that a cell uses without type
// arguments, with the ones go/types inferred. The interpreter infers a
// type argument only from an argument's type directly (not from a
// function argument's result, nor through a named type or a core type
// such as S ~[]E), so the kernel writes them out for it.
type Inferred struct {
	// Offset is the byte offset in the cell just after the function's
	// name, where "[" + TypeArgs + "]" goes.
	Offset int
	// TypeArgs are the type arguments as Go source, comma-separated.
	TypeArgs string
	// Packages maps the import path of each package TypeArgs names to the
	// name it uses for it: the cell's session must have imported it under
	// that name.
	Packages map[string]string
	// Aliases are the type aliases TypeArgs use for instances of generic
	// types (name to definition, both Go source): the interpreter's
	// compiler crashes on an instantiation with Pair[string, int] as a
	// type argument, and takes an alias declared at package level.
	Aliases map[string]string
	// Rest is set for a partial instantiation (slices.Concat[[]int]),
	// which crashes the interpreter's compiler: TypeArgs are then the
	// missing ones, and ", " + TypeArgs goes at Offset, the closing
	// bracket of the given ones.
	Rest bool
}

// collectInferred adds the implicit instantiations of generic functions
// that info recorded for a run's file, whose text starts with prefix
// before the cell's own bytes.
func (cs *cellCheck) collectInferred(f *ast.File, info *types.Info, prefix string) {
	// explicit holds, for the names given type arguments, how many and
	// where the list closes.
	type given struct {
		n      int
		rbrack token.Pos
	}
	explicit := map[*ast.Ident]given{}
	ast.Inspect(f, func(n ast.Node) bool {
		var x ast.Expr
		var g given
		switch n := n.(type) {
		case *ast.IndexExpr:
			x, g = n.X, given{1, n.Rbrack}
		case *ast.IndexListExpr:
			x, g = n.X, given{len(n.Indices), n.Rbrack}
		default:
			return true
		}
		switch x := x.(type) {
		case *ast.Ident:
			explicit[x] = g
		case *ast.SelectorExpr:
			explicit[x.Sel] = g
		}
		return true
	})
	for id, inst := range info.Instances {
		g, isExplicit := explicit[id]
		if inst.TypeArgs.Len() == 0 || (isExplicit && g.n >= inst.TypeArgs.Len()) {
			continue
		}
		if _, ok := inst.Type.(*types.Signature); !ok {
			continue
		}
		pkgs := map[string]string{}
		qual := func(p *types.Package) string {
			if p == cs.pkg {
				return ""
			}
			pkgs[p.Path()] = p.Name()
			return p.Name()
		}
		aliases := map[string]string{}
		args := make([]string, inst.TypeArgs.Len()-g.n)
		ok := true
		for i := range args {
			t := inst.TypeArgs.At(g.n + i)
			if !cs.nameable(t, map[types.Type]bool{}) {
				ok = false
				break
			}
			args[i] = writeTypeArg(t, qual, aliases)
		}
		if !ok {
			continue
		}
		at := id.End()
		if isExplicit {
			at = g.rbrack
		}
		off := cs.fset.Position(at).Offset - len(prefix)
		if off < 0 || off > len(cs.src) {
			continue
		}
		cs.inferred = append(cs.inferred, Inferred{Offset: off, TypeArgs: strings.Join(args, ", "), Packages: pkgs, Aliases: aliases, Rest: isExplicit})
	}
}

// writeTypeArg writes the type argument t, with an alias (added to
// aliases) for each instance of a generic type that it is or that its
// pointer, slice, array, map or channel types hold.
func writeTypeArg(t types.Type, qual types.Qualifier, aliases map[string]string) string {
	switch t := t.(type) {
	case *types.Named:
		if t.TypeArgs().Len() == 0 {
			break
		}
		def := types.TypeString(t, qual)
		h := fnv.New64a()
		h.Write([]byte(def))
		name := fmt.Sprintf("__gornnInst%x", h.Sum64())
		aliases[name] = def
		return name
	case *types.Pointer:
		return "*" + writeTypeArg(t.Elem(), qual, aliases)
	case *types.Slice:
		return "[]" + writeTypeArg(t.Elem(), qual, aliases)
	case *types.Array:
		return fmt.Sprintf("[%d]", t.Len()) + writeTypeArg(t.Elem(), qual, aliases)
	case *types.Map:
		return "map[" + writeTypeArg(t.Key(), qual, aliases) + "]" + writeTypeArg(t.Elem(), qual, aliases)
	}
	return types.TypeString(t, qual)
}

// nameable reports whether t can be written in a cell: it names no
// unexported type of another package.
func (cs *cellCheck) nameable(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg() != cs.pkg && !token.IsExported(obj.Name()) {
			return false
		}
		if obj.Pkg() == cs.pkg && obj.Parent() != nil && obj.Parent() != cs.pkg.Scope() {
			// A type declared in a function: its name means it only there.
			return false
		}
		for i := range t.TypeArgs().Len() {
			if !cs.nameable(t.TypeArgs().At(i), seen) {
				return false
			}
		}
		return true
	case *types.Alias:
		return cs.nameable(types.Unalias(t), seen)
	case *types.Pointer:
		return cs.nameable(t.Elem(), seen)
	case *types.Slice:
		return cs.nameable(t.Elem(), seen)
	case *types.Array:
		return cs.nameable(t.Elem(), seen)
	case *types.Chan:
		return cs.nameable(t.Elem(), seen)
	case *types.Map:
		return cs.nameable(t.Key(), seen) && cs.nameable(t.Elem(), seen)
	case *types.Signature:
		for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tup.Len() {
				if !cs.nameable(tup.At(i).Type(), seen) {
					return false
				}
			}
		}
		return true
	case *types.Struct:
		for i := range t.NumFields() {
			if !cs.nameable(t.Field(i).Type(), seen) {
				return false
			}
		}
		return true
	case *types.Basic:
		return t.Kind() != types.UntypedNil && t.Info()&types.IsUntyped == 0
	case *types.TypeParam:
		// Inside a generic function the interpreter instantiates the
		// call itself, with the function.
		return false
	}
	return true
}

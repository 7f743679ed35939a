package eval

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/gornn/gornn/display"
)

// Inspect returns plain-text documentation for the name at byte offset
// cursor in code: declaration and doc comment for a symbol of a preloaded
// package (rnn.MatMul, fmt.Println), the declaration of a function or type
// of an earlier cell, and type and value for a variable.
func (s *Session) Inspect(code string, cursor int) (doc string, found bool) {
	defer func() {
		if recover() != nil { // a value whose printing panics: nothing to show
			doc, found = "", false
		}
	}()
	if cursor < 0 || cursor > len(code) {
		return "", false
	}
	start, end := identBounds(code, cursor)
	if start == end && start > 0 {
		// Right after a call's "(": document the function being called.
		if code[start-1] == '(' {
			start, end = identBounds(code, start-1)
		}
	}
	if start == end {
		return "", false
	}
	chain := []string{code[start:end]}
	if start > 0 && code[start-1] == '.' {
		chain = append(selectorChain(code, start-1), chain...)
	}
	if len(chain) >= 2 {
		if path, ok := s.importPath(chain[0]); ok {
			return s.packageDoc(path, strings.Join(chain[1:], "."))
		}
	}
	if len(chain) == 1 {
		if d, ok := s.cellDoc(chain[0]); ok {
			return d, true
		}
		if _, isGlobal := s.globalValue(chain); !isGlobal && !isDeclaredIn(code, chain[0]) {
			if d, ok := s.doc("builtin", chain[0]); ok {
				return d, true
			}
		}
		if path, ok := s.importPath(chain[0]); ok {
			if d, ok := s.doc(path, ""); ok {
				return "package " + chain[0] + " // import \"" + path + "\"\n\n" + d, true
			}
			return "package " + chain[0] + " // import \"" + path + "\"", true
		}
	}
	if v, ok := s.globalValue(chain); ok {
		return describeValue(strings.Join(chain, "."), v), true
	}
	if len(chain) == 2 {
		if d, ok := s.cellMethodDoc(chain[0], chain[1]); ok {
			return d, true
		}
	}
	if len(chain) >= 2 {
		if v, ok := s.globalValue(chain[:len(chain)-1]); ok {
			return s.methodDoc(v, chain[len(chain)-1])
		}
	}
	return "", false
}

// cellMethodDoc returns the signature of a method a cell declared for the
// type of the global name.
func (s *Session) cellMethodDoc(name, method string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	typ, ok := s.varTypes[name]
	if !ok {
		return "", false
	}
	src, ok := s.methods[typ+"."+method]
	if !ok {
		return "", false
	}
	if i := strings.Index(src, "{"); i > 0 {
		src = strings.TrimSpace(src[:i])
	}
	return src, true
}

// methodDoc documents method name of the value v: from the doc table for
// a type of a preloaded package, from the cell's source for a type of a
// cell.
func (s *Session) methodDoc(v reflect.Value, name string) (string, bool) {
	t := v.Type()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.PkgPath() != "" {
		if d, ok := s.doc(t.PkgPath(), t.Name()+"."+name); ok {
			return d, true
		}
	}
	if m, ok := reflect.PointerTo(t).MethodByName(name); ok {
		return fmt.Sprintf("func (%s) %s%s", t, name, strings.TrimPrefix(m.Type.String(), "func")), true
	}
	return "", false
}

// packageDoc documents name of the preloaded package path, from the
// generated doc table or else from the symbol's type.
func (s *Session) packageDoc(path, name string) (string, bool) {
	if d, ok := s.doc(path, name); ok {
		return d, true
	}
	v, ok := s.exports[path+"/"+s.packageName(path)][name]
	if !ok {
		return "", false
	}
	if v.Kind() == reflect.Pointer && v.Type().Elem().Kind() != reflect.Struct && v.IsNil() {
		return fmt.Sprintf("type %s", v.Type().Elem()), true
	}
	return fmt.Sprintf("%s.%s %s", s.packageName(path), name, v.Type()), true
}

// cellDoc returns the declaration of a function or type an earlier cell
// defined.
func (s *Session) cellDoc(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.funcs[name]; ok {
		sig := f.src
		if i := strings.Index(sig, "{"); i > 0 {
			sig = strings.TrimSpace(sig[:i])
		}
		return sig, true
	}
	if t, ok := s.types[name]; ok {
		return "type " + t, true
	}
	return "", false
}

// describeValue gives the type and value of a variable, the value cut to
// a readable length.
func describeValue(name string, v reflect.Value) string {
	val := fmt.Sprintf("%v", v)
	if v.CanInterface() {
		val = display.PlainText(v.Interface())
	}
	if len(val) > 500 {
		val = val[:500] + "…"
	}
	return fmt.Sprintf("var %s %s\n\n%s", name, v.Type(), val)
}

// isDeclaredIn reports whether code declares name itself, shadowing a
// predeclared name such as len.
func isDeclaredIn(code, name string) bool {
	for _, decl := range []string{"func " + name + "(", name + " :=", "var " + name + " ", "type " + name + " "} {
		if strings.Contains(code, decl) {
			return true
		}
	}
	return false
}

// doc looks name of package path up in Options.Doc.
func (s *Session) doc(path, name string) (string, bool) {
	if s.opts.Doc == nil {
		return "", false
	}
	return s.opts.Doc(path, name)
}

package eval

import (
	"go/scanner"
	"go/token"
	"reflect"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keywords are Go's keywords, offered when completing a bare name.
var keywords = []string{"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map", "package",
	"range", "return", "select", "struct", "switch", "type", "var"}

// builtins are Go's predeclared names.
var builtins = []string{"append", "bool", "byte", "cap", "clear", "close", "complex", "complex128",
	"complex64", "copy", "delete", "error", "false", "float32", "float64", "imag", "int", "int16",
	"int32", "int64", "int8", "iota", "len", "make", "max", "min", "new", "nil", "panic", "print",
	"println", "real", "recover", "rune", "string", "true", "uint", "uint16", "uint32", "uint64",
	"uint8", "uintptr", "any"}

// Complete returns completions for the name before byte offset cursor in
// code, and the byte range [start, end) of the name that a completion
// replaces: members of packages (fmt.Pr|), fields and methods of values
// defined by earlier cells (v.Fi|), and otherwise names defined by
// earlier cells, imported packages, builtins and keywords.
func (s *Session) Complete(code string, cursor int) (matches []string, start, end int) {
	defer func() {
		if recover() != nil { // a value whose reflection misbehaves: no completions
			matches, start, end = nil, cursor, cursor
		}
	}()
	if cursor < 0 || cursor > len(code) {
		return nil, cursor, cursor
	}
	if m, st, en, ok := s.completeImportPath(code, cursor); ok {
		return m, st, en
	}
	start, end = identBounds(code, cursor)
	prefix := code[start:cursor]
	var candidates []string
	if start > 0 && code[start-1] == '.' {
		chain := selectorChain(code, start-1)
		candidates = s.members(chain)
	} else {
		candidates = append(s.topLevelNames(), cellNames(code, start)...)
	}
	seen := map[string]bool{}
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) && !strings.HasPrefix(c, "__gornn") && !seen[c] {
			seen[c] = true
			matches = append(matches, c)
		}
	}
	sort.Strings(matches)
	return matches, start, end
}

func isIdentRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// identBounds returns the byte range of the identifier around cursor.
func identBounds(code string, cursor int) (start, end int) {
	start = cursor
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(code[:start])
		if !isIdentRune(r) {
			break
		}
		start -= size
	}
	end = cursor
	for end < len(code) {
		r, size := utf8.DecodeRuneInString(code[end:])
		if !isIdentRune(r) {
			break
		}
		end += size
	}
	return start, end
}

// selectorChain returns the names of a selector expression ending just
// before the dot at offset dot: "a.b" for "a.b.|". It is empty when the
// operand is not a plain chain of names (a call, an index, ...).
func selectorChain(code string, dot int) []string {
	var chain []string
	for {
		s, _ := identBounds(code, dot)
		if s == dot {
			return nil
		}
		chain = append([]string{code[s:dot]}, chain...)
		if s == 0 || code[s-1] != '.' {
			return chain
		}
		dot = s - 1
	}
}

// members lists what can follow "chain.": the exported names of a
// package, or the fields and methods of a value of an earlier cell.
func (s *Session) members(chain []string) []string {
	if len(chain) == 0 {
		return nil
	}
	if len(chain) == 1 {
		if path, ok := s.importPath(chain[0]); ok {
			var names []string
			for name := range s.exports[path+"/"+s.packageName(path)] {
				names = append(names, name)
			}
			return names
		}
	}
	v, ok := s.globalValue(chain)
	if !ok {
		return nil
	}
	names := fieldsAndMethods(v)
	if len(chain) == 1 {
		names = append(names, s.cellMethods(chain[0])...)
	}
	return names
}

// globalValue follows chain from a global of an earlier cell through
// struct fields.
func (s *Session) globalValue(chain []string) (reflect.Value, bool) {
	s.mu.Lock()
	v, ok := s.globals[chain[0]]
	s.mu.Unlock()
	if !ok {
		return reflect.Value{}, false
	}
	for _, name := range chain[1:] {
		for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, false
		}
		f := v.FieldByName(name)
		if !f.IsValid() {
			f = v.FieldByName("X" + name) // unexported fields of interpreted types
		}
		if !f.IsValid() {
			return reflect.Value{}, false
		}
		v = f
	}
	return v, v.IsValid()
}

// fieldsAndMethods lists the exported methods and fields of v.
func fieldsAndMethods(v reflect.Value) []string {
	var names []string
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	t := v.Type()
	pt := t
	if t.Kind() != reflect.Pointer {
		pt = reflect.PointerTo(t)
	}
	for i := 0; i < pt.NumMethod(); i++ {
		names = append(names, pt.Method(i).Name)
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		for i := 0; i < st.NumField(); i++ {
			// Unexported fields belong to the package that declared
			// the type; a cell cannot use them. (The interpreter makes
			// a cell's own unexported fields exported ones, which
			// stay offered.)
			f := st.Field(i)
			switch {
			case !f.IsExported():
			case st.Name() == "":
				names = append(names, cellFieldName(f.Name))
			default:
				names = append(names, f.Name)
			}
		}
	}
	return names
}

// cellFieldName is the name a cell gave a field of its struct type: the
// interpreter's struct types are unnamed, and their unexported fields
// exported as "X" plus the name.
func cellFieldName(name string) string {
	rest, ok := strings.CutPrefix(name, "X")
	if !ok {
		return name
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if r == '_' || unicode.IsLower(r) {
		return rest
	}
	return name
}

// topLevelNames lists the names a bare identifier can complete to.
func (s *Session) topLevelNames() []string {
	names := append(append([]string(nil), keywords...), builtins...)
	s.mu.Lock()
	for name := range s.globals {
		names = append(names, name)
	}
	for name := range s.funcs {
		names = append(names, name)
	}
	for name := range s.types {
		names = append(names, name)
	}
	for name := range s.imports {
		names = append(names, name)
	}
	s.mu.Unlock()
	return names
}

// cellNames returns the identifiers of code, outside the one being
// completed at offset skip, so that names the cell itself declares are
// offered before it runs.
func cellNames(code string, skip int) []string {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(code))
	var sc scanner.Scanner
	sc.Init(file, []byte(code), func(token.Position, string) {}, 0)
	var names []string
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			return names
		}
		if tok == token.IDENT && file.Offset(pos) != skip {
			names = append(names, lit)
		}
	}
}

// completeImportPath completes the import path being typed between quotes
// in an import declaration: the paths of the standard library and the
// preloaded packages.
func (s *Session) completeImportPath(code string, cursor int) (matches []string, start, end int, ok bool) {
	lineStart := strings.LastIndexByte(code[:cursor], '\n') + 1
	line := code[lineStart:cursor]
	quote := strings.LastIndexByte(line, '"')
	if quote < 0 || strings.Count(line, "\"")%2 != 1 {
		return nil, 0, 0, false
	}
	head := strings.TrimSpace(line[:quote])
	inImport := strings.HasPrefix(head, "import")
	if !inImport {
		// A line of an import block: a name at most before the quote,
		// and an unclosed "import (" above.
		before := code[:lineStart]
		open := strings.LastIndex(before, "import (")
		inImport = open >= 0 && !strings.Contains(before[open:], ")") && !strings.ContainsAny(head, " \t(){}=")
	}
	if !inImport {
		return nil, 0, 0, false
	}
	start = lineStart + quote + 1
	end = cursor
	for end < len(code) && code[end] != '"' && code[end] != '\n' {
		end++
	}
	prefix := code[start:cursor]
	seen := map[string]bool{}
	for k := range s.exports {
		i := strings.LastIndexByte(k, '/')
		if i <= 0 {
			continue
		}
		path := k[:i]
		if strings.HasPrefix(path, prefix) && !seen[path] && path != rtPath && !strings.Contains(path, "internal") {
			seen[path] = true
			matches = append(matches, path)
		}
	}
	sort.Strings(matches)
	return matches, start, end, true
}

package symbols

import "strings"

//go:generate go run ./internal/gendoc -o docs_gen.go

// Doc returns the documentation of a preloaded package's symbol as plain
// text: its declaration, then its doc comment. name is "Name" for a
// function, type, variable or constant, "Type.Method" for a method, and
// "" for the package itself.
func Doc(path, name string) (string, bool) {
	pkg, ok := docs[path]
	if !ok {
		return "", false
	}
	d, ok := pkg[name]
	return d, ok
}

// DocNames returns the documented names of a package that start with
// prefix, for completion of methods.
func DocNames(path, prefix string) []string {
	var names []string
	for name := range docs[path] {
		if strings.HasPrefix(name, prefix) {
			names = append(names, name)
		}
	}
	return names
}

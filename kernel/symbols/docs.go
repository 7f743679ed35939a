package symbols

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

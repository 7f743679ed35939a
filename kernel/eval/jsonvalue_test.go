package eval

import "testing"

// TestJSONEncodesCellTypes encodes values of cells' types with
// encoding/json as Go does: without unexported fields, with tags and
// embedded structs, by MarshalJSON and MarshalText methods, and with a
// method's error named after its type.
func TestJSONEncodesCellTypes(t *testing.T) {
	const decls = `type Level int
func (l Level) MarshalText() ([]byte, error) { return []byte([]string{"low", "high"}[l]), nil }
type Status int
func (s Status) MarshalJSON() ([]byte, error) {
	if s > 1 {
		return nil, fmt.Errorf("unknown status %d", int(s))
	}
	return json.Marshal([]string{"off", "on"}[s])
}
type Base struct{ ID int ` + "`json:\"id\"`" + ` }
type User struct {
	Base
	Name     string ` + "`json:\"name\"`" + `
	password string
	Level    Level
	Status   *Status ` + "`json:\"status,omitempty\"`" + `
	Tags     []Level ` + "`json:\"tags,omitempty\"`" + `
}`
	tests := []struct {
		name, expr, want string
	}{
		{"unexported fields left out", `func() string { b, err := json.Marshal(User{Name: "ada", password: "x"}); return fmt.Sprint(string(b), err) }()`,
			`{"id":0,"name":"ada","Level":"low"}<nil>`},
		{"methods, pointers and slices", `func() string { s := Status(1); b, _ := json.Marshal(User{Base{7}, "bo", "", 1, &s, []Level{1, 0}}); return string(b) }()`,
			`{"id":7,"name":"bo","Level":"high","status":"on","tags":["high","low"]}`},
		{"a slice of them, indented", `func() string { b, _ := json.MarshalIndent([]Base{{1}}, "", " "); return string(b) }()`, "[\n {\n  \"id\": 1\n }\n]"},
		{"a method's error", `func() string { s := Status(9); _, err := json.Marshal(User{Status: &s}); return err.Error() }()`,
			"json: error calling MarshalJSON for type *main.Status: unknown status 9"},
		{"an Encoder", `func() string { var b strings.Builder; enc := json.NewEncoder(&b); enc.Encode(map[string]Level{"a": 1}); return b.String() }()`, "{\"a\":\"high\"}\n"},
		{"compiled values untouched", `func() string { b, _ := json.Marshal(map[string]int{"b": 2, "a": 1}); return string(b) }()`, `{"a":1,"b":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, Options{})
			r := run(t, s, `import ("encoding/json"; "fmt"; "strings")`, decls, tt.expr)
			if r.Err != nil {
				t.Fatalf("error: %v", r.Err)
			}
			if got := text(r); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

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

// TestJSONDecodesCellTypes decodes into values of cells' types with
// encoding/json as Go does: by tags and Go names, skipping unexported
// fields, merging into what is there, through UnmarshalJSON and
// UnmarshalText methods, naming the root type in type errors, and
// keeping what was decoded before an error.
func TestJSONDecodesCellTypes(t *testing.T) {
	const decls = `type Level int
func (l *Level) UnmarshalText(b []byte) error {
	switch string(b) {
	case "low":
		*l = 0
	case "high":
		*l = 1
	default:
		return fmt.Errorf("bad level %q", b)
	}
	return nil
}
type Item struct {
	SKU   string ` + "`json:\"sku\"`" + `
	Qty   int    ` + "`json:\"qty\"`" + `
	note  string
	Level Level  ` + "`json:\"level\"`" + `
	Next  *Item  ` + "`json:\"next\"`" + `
}`
	tests := []struct {
		name, expr, want string
	}{
		{"tags, methods and pointers", `func() string { var it Item; err := json.Unmarshal([]byte(` + "`" + `{"sku":"A","qty":2,"level":"high","next":{"sku":"B"}}` + "`" + `), &it); return fmt.Sprint(it.SKU, it.Qty, it.Level, it.Next.SKU, err) }()`, "A2 1B<nil>"},
		{"merges into what is there", `func() string { it := Item{SKU: "keep", Qty: 5, note: "n"}; json.Unmarshal([]byte(` + "`" + `{"qty":3}` + "`" + `), &it); return fmt.Sprint(it.SKU, it.Qty, it.note) }()`, "keep3n"},
		{"a slice of them", `func() string { var its []Item; json.Unmarshal([]byte(` + "`" + `[{"sku":"x"},{"sku":"y","level":"high"}]` + "`" + `), &its); return fmt.Sprint(len(its), its[1].SKU, its[1].Level) }()`, "2y1"},
		{"a type error names the root type", `func() string { var it Item; return json.Unmarshal([]byte(` + "`" + `{"qty":"two"}` + "`" + `), &it).Error() }()`, "json: cannot unmarshal string into Go struct field Item.qty of type int"},
		{"a method's error", `func() string { var it Item; return json.Unmarshal([]byte(` + "`" + `{"level":"mid"}` + "`" + `), &it).Error() }()`, `bad level "mid"`},
		{"a Decoder keeps what it decoded", `func() string { dec := json.NewDecoder(strings.NewReader(` + "`" + `{"sku":"Z","extra":1}` + "`" + `)); dec.DisallowUnknownFields(); var it Item; err := dec.Decode(&it); return fmt.Sprint(it.SKU, " ", err) }()`, `Z json: unknown field "extra"`},
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

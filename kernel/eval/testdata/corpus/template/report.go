package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"
)

type Item struct {
	Name  string   `json:"name"`
	Price float64  `json:"price"`
	Qty   int      `json:"qty,omitempty"`
	Tags  []string `json:"tags,omitempty"`
}

func (i Item) Total() float64 { return i.Price * float64(i.Qty) }

type Order struct {
	ID       int            `json:"id"`
	Customer string         `json:"customer"`
	Items    []Item         `json:"items"`
	Meta     map[string]any `json:"meta,omitempty"`
	note     string
}

func (o Order) Sum() float64 {
	s := 0.0
	for _, it := range o.Items {
		s += it.Total()
	}
	return s
}

const tpl = `Order #{{.ID}} for {{.Customer | upper}}
{{range $i, $it := .Items}}{{if $i}}
{{end}}- {{printf "%-8s" $it.Name}} {{$it.Qty}} x {{printf "%.2f" $it.Price}} = {{total $it | printf "%7.2f"}}{{end}}
Total: {{printf "%.2f" (sum .)}}{{with .Meta}} (meta: {{len .}} keys){{end}}
`

func main() {
	raw := `{"id": 7, "customer": "ada", "items": [
		{"name": "pen", "price": 1.5, "qty": 4, "tags": ["office"]},
		{"name": "book", "price": 12.25, "qty": 1}
	], "meta": {"gift": true, "priority": 2}}`
	var o Order
	if err := json.Unmarshal([]byte(raw), &o); err != nil {
		fmt.Println("error:", err)
		return
	}
	o.note = "internal"
	t := template.Must(template.New("order").Funcs(template.FuncMap{
		"upper": strings.ToUpper,
		"total": func(it Item) float64 { return it.Total() },
		"sum":   func(o Order) float64 { return o.Sum() },
	}).Parse(tpl))
	if err := t.Execute(os.Stdout, o); err != nil {
		fmt.Println("template error:", err)
	}
	out, _ := json.MarshalIndent(o.Items[0], "", "  ")
	fmt.Println(string(out))
	o.Items = append(o.Items, Item{Name: "bag", Price: 30})
	b, _ := json.Marshal(o)
	fmt.Println(string(b))
	var generic map[string]any
	_ = json.Unmarshal([]byte(raw), &generic)
	items := generic["items"].([]any)
	first := items[0].(map[string]any)
	fmt.Println(len(items), first["name"], first["price"].(float64)*2, generic["meta"].(map[string]any)["gift"])
	var bad Order
	err := json.Unmarshal([]byte(`{"id": "x"}`), &bad)
	fmt.Println(err)
}

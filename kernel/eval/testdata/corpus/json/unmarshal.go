package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

type Order struct {
	ID    int     `json:"id"`
	Items []Item  `json:"items"`
	Note  *string `json:"note"`
}

type Item struct {
	SKU   string  `json:"sku"`
	Qty   int     `json:"qty"`
	Price float64 `json:"price"`
}

const data = `[
  {"id": 1, "items": [{"sku": "A1", "qty": 2, "price": 3.5}], "note": "gift"},
  {"id": 2, "items": [{"sku": "B2", "qty": 1, "price": 10}, {"sku": "C3", "qty": 4, "price": 0.25}], "note": null}
]`

func main() {
	var orders []Order
	if err := json.Unmarshal([]byte(data), &orders); err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, o := range orders {
		total := 0.0
		for _, it := range o.Items {
			total += float64(it.Qty) * it.Price
		}
		note := "<none>"
		if o.Note != nil {
			note = *o.Note
		}
		fmt.Printf("order %d: %d items, total %.2f, note %s\n", o.ID, len(o.Items), total, note)
	}

	var generic map[string]any
	json.Unmarshal([]byte(`{"name":"x","n":3,"list":[1,"two",true],"obj":{"k":null}}`), &generic)
	keys := make([]string, 0, len(generic))
	for k := range generic {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s: %v (%T)\n", k, generic[k], generic[k])
	}

	var bad Order
	err := json.Unmarshal([]byte(`{"id": "seven"}`), &bad)
	fmt.Println(err)
	dec := json.NewDecoder(strings.NewReader(`{"sku":"Z","qty":1,"extra":1}`))
	dec.DisallowUnknownFields()
	var it Item
	fmt.Println(dec.Decode(&it), it.SKU)
}

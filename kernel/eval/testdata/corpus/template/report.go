package main

import (
	"os"
	"strings"
	"text/template"
)

type Task struct {
	Title string
	Done  bool
	Tags  []string
}

const report = `Tasks for {{.Owner}} ({{len .Tasks}} total)
{{range $i, $t := .Tasks}}{{add $i 1}}. [{{if $t.Done}}x{{else}} {{end}}] {{$t.Title | upper}}{{with $t.Tags}} tags: {{join . ", "}}{{end}}
{{else}}nothing to do
{{end}}{{- if gt .Pending 0}}{{.Pending}} pending{{else}}all done{{end}}
`

func main() {
	funcs := template.FuncMap{
		"upper": strings.ToUpper,
		"join":  strings.Join,
		"add":   func(a, b int) int { return a + b },
	}
	t := template.Must(template.New("report").Funcs(funcs).Parse(report))
	tasks := []Task{
		{"write docs", true, nil},
		{"fix bug", false, []string{"urgent", "backend"}},
		{"review", false, []string{"team"}},
	}
	pending := 0
	for _, tk := range tasks {
		if !tk.Done {
			pending++
		}
	}
	data := map[string]any{"Owner": "sam", "Tasks": tasks, "Pending": pending}
	if err := t.Execute(os.Stdout, data); err != nil {
		panic(err)
	}
	empty := map[string]any{"Owner": "nobody", "Tasks": []Task{}, "Pending": 0}
	if err := t.Execute(os.Stdout, empty); err != nil {
		panic(err)
	}
}

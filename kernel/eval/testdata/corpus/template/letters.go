package main

import (
	"fmt"
	"os"
	"strings"
	"text/template"
)

type Recipient struct {
	Name, Gift string
	Attended   bool
}

const letter = `
Dear {{.Name}},
{{if .Attended}}It was a pleasure to see you at the wedding.
{{- else}}It is a shame you couldn't make it to the wedding.
{{- end}}
{{with .Gift -}}
Thank you for the lovely {{.}}.
{{end -}}
Best wishes,
Josie
`

func main() {
	t := template.Must(template.New("letter").Parse(letter))
	recipients := []Recipient{
		{"Aunt Mildred", "bone china tea set", true},
		{"Uncle John", "moleskin pants", false},
		{"Cousin Rodney", "", false},
	}
	for _, r := range recipients {
		if err := t.Execute(os.Stdout, r); err != nil {
			fmt.Println("executing template:", err)
		}
	}

	var sb strings.Builder
	small := template.Must(template.New("x").Parse(`{{define "item"}}<{{.}}>{{end}}{{range .}}{{template "item" .}}{{end}}`))
	small.Execute(&sb, []string{"a", "b"})
	fmt.Println(sb.String())

	_, err := template.New("bad").Parse("{{.Name")
	fmt.Println(err != nil)
	err = template.Must(template.New("m").Parse("{{.Missing}}\n")).Execute(os.Stdout, struct{ Name string }{"n"})
	fmt.Println(err)
}

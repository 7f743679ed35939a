package main

import (
	"html/template"
	"os"
)

type Page struct {
	Title string
	Items []Link
	Note  string
}

type Link struct {
	Href, Text string
}

const page = `<h1>{{.Title}}</h1>
<ul>
{{- range .Items}}
  <li><a href="{{.Href}}">{{.Text}}</a></li>
{{- end}}
</ul>
<p>{{.Note}}</p>
`

func main() {
	t := template.Must(template.New("page").Parse(page))
	p := Page{
		Title: "Links & <Things>",
		Items: []Link{
			{"https://go.dev/?q=a&b=c", "Go"},
			{"javascript:alert(1)", "bad link"},
		},
		Note: `<script>alert("hi")</script>`,
	}
	if err := t.Execute(os.Stdout, p); err != nil {
		panic(err)
	}
}

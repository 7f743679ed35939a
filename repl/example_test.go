package repl_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gornn/gornn/repl"
)

func ExampleRunner_RunFile() {
	r, err := repl.NewRunner(repl.Config{}, true)
	if err != nil {
		log.Fatal(err)
	}
	if err := r.RunFile(context.Background(), "answer.go", "x := 6\nx * 7"); err != nil {
		log.Fatal(err)
	}
	// Output: 42
}

func ExampleParseNotebook() {
	nb, err := repl.ParseNotebook([]byte(`{
	 "nbformat": 4, "nbformat_minor": 5, "metadata": {},
	 "cells": [
	  {"id": "intro", "cell_type": "markdown", "metadata": {}, "source": "# Sums"},
	  {"id": "sum", "cell_type": "code", "metadata": {}, "source": ["a := 1\n", "a + 1"],
	   "outputs": [], "execution_count": null}
	 ]}`))
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range nb.Cells {
		fmt.Printf("%s %s: %q\n", c.Type, c.ID, c.Source)
	}
	// Output:
	// markdown intro: "# Sums"
	// code sum: "a := 1\na + 1"
}

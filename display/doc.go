// Package display shows rich output (images, plots, HTML, Markdown, tables
// and progress bars) from Go code running in a gornn notebook or REPL.
//
// Every function publishes a Data bundle, a map from MIME type to content
// that always includes text/plain, through the Frontend that the kernel
// or REPL installs with SetFrontend. In a plain Go program no frontend is
// installed and the text form is printed to standard output, so code that
// calls this package runs unchanged outside a notebook.
//
// Cells call:
//
//   - Display(v) for the richest form of any value (see Render): plots and
//     images as pictures, matrices and tensors as tables, values with
//     HTML/Markdown/SVG/PNG methods in those forms, anything else as text;
//   - HTML, Markdown, LaTeX, SVG, PNG, JPEG, JSON, Text and Image for one
//     given form, and Plot for a gonum plot at a chosen size;
//   - NewDisplay for an output that Update later replaces in place, and
//     ClearOutput to clear the cell's output;
//   - NewProgress for a progress bar: an HTML bar updated in place at most
//     about ten times a second in a notebook, a text bar on standard error
//     in a terminal.
//
// The API has no generic functions and no interfaces with unexported
// methods, so that it can be used from the yaegi interpreter.
package display

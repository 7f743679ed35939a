// Package display shows rich output (images, plots, HTML, Markdown, tables
// and progress bars) from Go code running in a gornn notebook or REPL.
package display

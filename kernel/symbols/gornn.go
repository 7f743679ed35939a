package symbols

// gornn's own packages; regenerate after changing their exported API.
//go:generate go run ./internal/extract own

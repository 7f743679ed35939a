package repl

import "errors"

// InteractiveConfig configures the interactive REPL.
type InteractiveConfig struct {
	Config
}

// Interactive runs the read-eval-print loop on the terminal.
func Interactive(cfg InteractiveConfig) error {
	return errors.New("interactive mode is not available yet")
}

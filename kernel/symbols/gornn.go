package symbols

// gornn's own packages; regenerate after changing their exported API.
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract github.com/gornn/gornn/rnn
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract github.com/gornn/gornn/rnn/mnist
//go:generate go run github.com/traefik/yaegi/cmd/yaegi extract github.com/gornn/gornn/display

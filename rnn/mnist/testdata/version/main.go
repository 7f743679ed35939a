// Command version prints mnist.DataModuleVersion() as a binary built in
// this module sees it, for the tests of rnn/mnist: test binaries carry no
// dependency versions.
package main

import (
	"fmt"

	"github.com/gornn/gornn/rnn/mnist"
)

func main() {
	fmt.Print(mnist.DataModuleVersion())
}

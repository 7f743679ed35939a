package kernelspec_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/gornn/gornn/kernel/kernelspec"
)

func ExampleInstall() {
	prefix, _ := os.MkdirTemp("", "prefix")
	defer os.RemoveAll(prefix)

	dir := kernelspec.PrefixKernelsDir(prefix)
	dest, err := kernelspec.Install(dir, kernelspec.Name, kernelspec.NewSpec("/usr/local/bin/rnnkernel"))
	if err != nil {
		fmt.Println(err)
		return
	}
	rel, _ := filepath.Rel(prefix, dest)
	fmt.Println(rel)
	data, _ := os.ReadFile(filepath.Join(dest, "kernel.json"))
	fmt.Print(string(data))
	// Output:
	// share/jupyter/kernels/gornn
	// {
	//   "argv": [
	//     "/usr/local/bin/rnnkernel",
	//     "run",
	//     "{connection_file}"
	//   ],
	//   "display_name": "Go (gornn)",
	//   "language": "go",
	//   "interrupt_mode": "message"
	// }
}

// Command genlogo draws the kernel's logos into the kernelspec package's
// directory: logo-32x32.png and logo-64x64.png.
package main

import (
	"fmt"
	"image/png"
	"log"
	"os"

	"github.com/gornn/gornn/kernel/kernelspec"
)

func main() {
	for _, size := range []int{32, 64} {
		name := fmt.Sprintf("logo-%dx%d.png", size, size)
		f, err := os.Create(name)
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, kernelspec.DrawLogo(size)); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

//go:build race

package eval

func init() { raceBuild = true }

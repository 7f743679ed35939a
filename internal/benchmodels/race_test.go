//go:build race

package benchmodels

func init() { raceBuild = true }

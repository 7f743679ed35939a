package kernel

import (
	"fmt"
	"runtime"

	"github.com/gornn/gornn/kernel/protocol"
)

// Implementation is the kernel's implementation name in kernel_info_reply.
const Implementation = "gornn"

// kernelInfo returns the kernel_info_reply content for this build.
func kernelInfo(version string) protocol.KernelInfoReply {
	goVersion := runtime.Version()
	return protocol.KernelInfoReply{
		Implementation:        Implementation,
		ImplementationVersion: version,
		LanguageInfo: protocol.LanguageInfo{
			Name:           "go",
			Version:        goVersion,
			Mimetype:       "text/x-go",
			FileExtension:  ".go",
			PygmentsLexer:  "go",
			CodemirrorMode: "go",
		},
		Banner: fmt.Sprintf("gornn %s: Go (%s, interpreted by yaegi) with the rnn graph library and rich display", version, goVersion),
		HelpLinks: []protocol.HelpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "gonum", URL: "https://pkg.go.dev/gonum.org/v1/gonum"},
		},
	}
}

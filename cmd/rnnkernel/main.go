// Command rnnkernel is gornn's Jupyter kernel for Go.
//
// Usage:
//
//	rnnkernel run CONNECTION_FILE      serve a front end (Jupyter starts it so)
//	rnnkernel install [flags]          install the kernel specification
//	rnnkernel uninstall [flags]        remove it
//	rnnkernel --version
//
// install and uninstall act on the user's Jupyter directory unless given
// --sys-prefix (the prefix of the Python that runs Jupyter, asked from
// --python) or --prefix PATH.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"

	"github.com/gornn/gornn/kernel"
	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/kernelspec"
	"github.com/gornn/gornn/kernel/preload"
	"github.com/gornn/gornn/kernel/transport"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3";
// otherwise it comes from the module's build information.
var version = ""

func main() {
	eval.SetGCDefault()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "run":
		return serve(rest, stderr)
	case "--connection-file", "-f":
		return serve(rest, stderr)
	case "install", "uninstall":
		return installCmd(cmd, rest, stdout, stderr)
	case "--version", "-version", "version":
		fmt.Fprintf(stdout, "rnnkernel %s\n", versionString())
		return 0
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "rnnkernel: unknown command %q\n", cmd)
		usage(stderr)
		return 2
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  rnnkernel run CONNECTION_FILE    serve a Jupyter front end
  rnnkernel install [--user | --sys-prefix [--python PATH] | --prefix PATH] [--name NAME]
  rnnkernel uninstall [same flags]
  rnnkernel --version
`)
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// serve runs the kernel until a front end shuts it down. SIGINT interrupts
// the running cell; SIGTERM stops the kernel.
func serve(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	history := fs.String("history", kernel.DefaultHistoryPath(), "file keeping executed cells across restarts (empty: memory only)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "rnnkernel run: want exactly one connection file")
		return 2
	}
	info, err := transport.ReadConnectionFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "rnnkernel: %v\n", err)
		return 1
	}
	// Signals are caught before serving, so that an early interrupt does
	// not kill the process.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	if _, err := kernel.Serve(info, kernel.Options{
		Version:      versionString(),
		HistoryPath:  *history,
		CaptureStdio: true,
		Preload:      preload.Options,
	}, sigs); err != nil {
		fmt.Fprintf(stderr, "rnnkernel: %v\n", err)
		return 1
	}
	return 0
}

func installCmd(cmd string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	user := fs.Bool("user", false, "the user's Jupyter directory (the default)")
	sysPrefix := fs.Bool("sys-prefix", false, "the prefix of the Python that runs Jupyter")
	python := fs.String("python", "/usr/bin/python3", "the Python whose sys.prefix --sys-prefix uses")
	prefix := fs.String("prefix", "", "an installation prefix: PREFIX/share/jupyter/kernels")
	name := fs.String("name", kernelspec.Name, "the kernel's directory name")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "rnnkernel %s: unexpected argument %q\n", cmd, fs.Arg(0))
		return 2
	}
	chosen := 0
	for _, b := range []bool{*user, *sysPrefix, *prefix != ""} {
		if b {
			chosen++
		}
	}
	if chosen > 1 {
		fmt.Fprintf(stderr, "rnnkernel %s: choose one of --user, --sys-prefix and --prefix\n", cmd)
		return 2
	}
	var dir string
	var err error
	switch {
	case *sysPrefix:
		var p string
		if p, err = kernelspec.PythonPrefix(*python); err == nil {
			dir = kernelspec.PrefixKernelsDir(p)
		}
	case *prefix != "":
		var p string
		if p, err = filepath.Abs(*prefix); err == nil {
			dir = kernelspec.PrefixKernelsDir(p)
		}
	default:
		dir, err = kernelspec.UserKernelsDir()
	}
	if err != nil {
		fmt.Fprintf(stderr, "rnnkernel %s: %v\n", cmd, err)
		return 1
	}
	if cmd == "uninstall" {
		dest, err := kernelspec.Uninstall(dir, *name)
		if err != nil {
			fmt.Fprintf(stderr, "rnnkernel uninstall: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "removed %s\n", dest)
		return 0
	}
	exe, err := os.Executable()
	if err == nil {
		exe, err = filepath.EvalSymlinks(exe)
	}
	if err != nil {
		fmt.Fprintf(stderr, "rnnkernel install: locating this program: %v\n", err)
		return 1
	}
	dest, err := kernelspec.Install(dir, *name, kernelspec.NewSpec(exe))
	if err != nil {
		fmt.Fprintf(stderr, "rnnkernel install: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "installed kernel %q in %s\n", *name, dest)
	return 0
}

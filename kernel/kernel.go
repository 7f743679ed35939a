package kernel

import (
	"fmt"
	"io"
	"log"
	"os"
	"sync"

	"github.com/gornn/gornn/display"
	"github.com/gornn/gornn/kernel/dispatch"
	"github.com/gornn/gornn/kernel/eval"
	"github.com/gornn/gornn/kernel/history"
	"github.com/gornn/gornn/kernel/transport"
)

// Options configures a kernel.
type Options struct {
	// Version is reported as the implementation version.
	Version string
	// Logger receives log lines. Nil means the process's standard error
	// as it was before output capture.
	Logger *log.Logger
	// HistoryPath is the SQLite database that keeps executed cells across
	// restarts (see kernel/history); empty keeps history in memory only.
	HistoryPath string
	// CaptureStdio redirects the process's stdout and stderr to the
	// running cell's output. A kernel process sets it; tests that run a
	// kernel inside the test binary do not.
	CaptureStdio bool
	// Env is the environment cells see; nil means os.Environ().
	Env []string
	// Preload adds to the session's options the compiled packages cells
	// can import beyond the standard library; nil offers only that.
	Preload Preload
}

// Preload completes the options of an evaluation session with compiled
// packages and their per-cell hook (as package preload does); fe is where
// the session's rich output must go. The kernel's binary chooses it, so
// that the kernel depends on no particular library.
type Preload func(o eval.Options, fe display.Frontend) eval.Options

// Kernel is a running Jupyter kernel.
type Kernel struct {
	srv     *transport.Server
	disp    *dispatch.Dispatcher
	interp  *interpreter
	history io.Closer // the history database, if any
	capture *eval.Capture
	log     *log.Logger

	done      chan struct{}
	doneOnce  sync.Once
	restart   bool
	closeOnce sync.Once
}

// Start binds the sockets of info and serves them in the background. The
// interpreter starts concurrently; requests that need it wait for it.
func Start(info transport.ConnectionInfo, opts Options) (*Kernel, error) {
	k := &Kernel{done: make(chan struct{}), log: opts.Logger}
	// The adapter exists before the capture starts, since the capture
	// hands it everything written to stdout and stderr.
	k.interp = newInterpreter(nil)
	if opts.CaptureStdio {
		c, err := eval.CaptureStdio(k.interp.emit)
		if err != nil {
			return nil, fmt.Errorf("kernel: capturing stdout and stderr: %w", err)
		}
		k.capture = c
		if k.log == nil {
			k.log = log.New(c.OriginalStderr(), "rnnkernel: ", log.LstdFlags|log.Lmicroseconds)
		}
	}
	if k.log == nil {
		k.log = log.New(os.Stderr, "rnnkernel: ", log.LstdFlags|log.Lmicroseconds)
	}
	srv, err := transport.Listen(info, k.log)
	if err != nil {
		k.closeCapture()
		return nil, fmt.Errorf("kernel: %w", err)
	}
	k.srv = srv
	k.interp.log = k.log
	k.interp.start(opts.Env, k.capture, opts.Preload)
	hist := dispatch.NewMemoryHistory()
	if opts.HistoryPath != "" {
		if h, err := history.Open(opts.HistoryPath, history.Options{Logger: k.log}); err != nil {
			k.log.Printf("kernel: history kept in memory only: %v", err)
		} else {
			hist, k.history = h, h
		}
	}
	version := opts.Version
	if version == "" {
		version = "devel"
	}
	k.disp = dispatch.New(dispatch.Options{
		Sender:      srv,
		Interpreter: k.interp,
		Info:        kernelInfo(version),
		History:     hist,
		Logger:      k.log,
		Shutdown:    k.shutdown,
	})
	srv.Serve(k.disp.Handle)
	k.disp.Starting()
	return k, nil
}

// Info returns the connection information with the ports in use.
func (k *Kernel) Info() transport.ConnectionInfo { return k.srv.Info() }

// Interrupt stops the running cell, as a SIGINT should.
func (k *Kernel) Interrupt() { k.disp.Interrupt() }

// Done is closed when a front end has asked the kernel to shut down.
func (k *Kernel) Done() <-chan struct{} { return k.done }

// Restart reports whether the shutdown request asked for a restart. It is
// meaningful once Done is closed.
func (k *Kernel) Restart() bool {
	<-k.done
	return k.restart
}

func (k *Kernel) shutdown(restart bool) {
	k.doneOnce.Do(func() {
		k.restart = restart
		close(k.done)
	})
}

// Close stops serving and releases the sockets, the history file and the
// output capture.
func (k *Kernel) Close() error {
	var err error
	k.closeOnce.Do(func() {
		// The server's Close lets the messages queued for each front end
		// (the idle status after a shutdown reply) go out first.
		err = k.srv.Close()
		if k.history != nil {
			if herr := k.history.Close(); herr != nil && err == nil {
				err = herr
			}
		}
		k.closeCapture()
	})
	return err
}

func (k *Kernel) closeCapture() {
	if k.capture != nil {
		if err := k.capture.Close(); err != nil {
			k.log.Printf("kernel: restoring stdout and stderr: %v", err)
		}
	}
}

// The dispatcher's view of the transport and the interpreter.
var (
	_ dispatch.Sender      = (*transport.Server)(nil)
	_ dispatch.Interpreter = (*interpreter)(nil)
)

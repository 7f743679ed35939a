package kernel

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/preload"
	"github.com/gornn/gornn/kernel/transport"
)

// connectionEnv names the connection file when the test binary is run as
// a kernel process.
const connectionEnv = "GORNN_KERNEL_TEST_CONNECTION"

// TestMain lets the tests start the test binary itself as a kernel
// process, as Jupyter starts rnnkernel: with its own stdout, stderr and
// signals, over real sockets.
func TestMain(m *testing.M) {
	if path := os.Getenv(connectionEnv); path != "" {
		os.Exit(kernelProcess(path))
	}
	os.Exit(m.Run())
}

func kernelProcess(path string) int {
	info, err := transport.ReadConnectionFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	restart, err := Serve(info, Options{
		Version: "test", HistoryPath: os.Getenv("GORNN_KERNEL_TEST_HISTORY"), CaptureStdio: true,
		Preload: preload.Options,
	}, sigs)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if restart {
		return 3 // lets tests tell a restart request from a plain shutdown
	}
	return 0
}

// process is a kernel running in a child process.
type process struct {
	cmd    *exec.Cmd
	info   transport.ConnectionInfo
	exited chan struct{} // closed when the process has ended
	stderr *os.File
}

// freePorts returns n TCP ports free at the time of the call.
func freePorts(t testing.TB, n int) []int {
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// startProcess starts a kernel process with a fresh connection file.
func startProcess(t testing.TB, historyPath string) *process {
	t.Helper()
	ports := freePorts(t, 5)
	key := make([]byte, 16)
	rand.Read(key)
	info := transport.ConnectionInfo{
		Transport: "tcp", IP: "127.0.0.1",
		ShellPort: ports[0], ControlPort: ports[1], IOPubPort: ports[2], StdinPort: ports[3], HBPort: ports[4],
		Key: hex.EncodeToString(key), SignatureScheme: "hmac-sha256", KernelName: "gornn",
	}
	dir := t.TempDir()
	data, _ := json.Marshal(info)
	conn := filepath.Join(dir, "kernel.json")
	if err := os.WriteFile(conn, data, 0o600); err != nil {
		t.Fatal(err)
	}
	stderr, err := os.Create(filepath.Join(dir, "stderr.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), connectionEnv+"="+conn, "GORNN_KERNEL_TEST_HISTORY="+historyPath)
	cmd.Stdout = stderr
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, info: info, exited: make(chan struct{}), stderr: stderr}
	go func() {
		cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			log, _ := os.ReadFile(stderr.Name())
			t.Logf("kernel process output:\n%s", log)
		}
		stderr.Close()
	})
	return p
}

// waitExit waits for the kernel process to end and returns its exit code.
func (p *process) waitExit(t testing.TB, d time.Duration) int {
	t.Helper()
	select {
	case <-p.exited:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("kernel process still running after %v", d)
		return -1
	}
}

// startKernel starts a kernel process and a client connected to it.
func startKernel(t testing.TB) (*process, *kerneltest.Client) {
	t.Helper()
	p := startProcess(t, filepath.Join(t.TempDir(), "history.sqlite"))
	c := kerneltest.Dial(t, p.info)
	c.WaitReady()
	return p, c
}

package transport

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
)

// ConnectionInfo is the content of a Jupyter connection file.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and checks the connection file at path.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("transport: connection file: %w", err)
	}
	info, err := ParseConnectionInfo(data)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("transport: connection file %s: %w", path, err)
	}
	return info, nil
}

// ParseConnectionInfo decodes a connection file's JSON and checks that its
// transport and ports make sense. A missing transport means tcp; port 0
// means any free port.
func ParseConnectionInfo(data []byte) (ConnectionInfo, error) {
	var info ConnectionInfo
	if err := json.Unmarshal(data, &info); err != nil {
		return ConnectionInfo{}, fmt.Errorf("invalid JSON: %w", err)
	}
	if info.Transport == "" {
		info.Transport = "tcp"
	}
	if info.Transport != "tcp" && info.Transport != "ipc" {
		return ConnectionInfo{}, fmt.Errorf("transport %q is not tcp or ipc", info.Transport)
	}
	if info.IP == "" {
		return ConnectionInfo{}, fmt.Errorf("no ip")
	}
	for name, p := range map[string]int{
		"shell_port": info.ShellPort, "control_port": info.ControlPort, "iopub_port": info.IOPubPort,
		"stdin_port": info.StdinPort, "hb_port": info.HBPort,
	} {
		if p < 0 || p > 65535 {
			return ConnectionInfo{}, fmt.Errorf("%s %d is out of range", name, p)
		}
	}
	return info, nil
}

// endpoint returns the ZeroMQ address for one port.
func (c ConnectionInfo) endpoint(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return "tcp://" + net.JoinHostPort(c.IP, strconv.Itoa(port))
}

package transport

import "testing"

func TestEndpoint(t *testing.T) {
	tests := []struct {
		info ConnectionInfo
		want string
	}{
		{ConnectionInfo{Transport: "tcp", IP: "127.0.0.1"}, "tcp://127.0.0.1:5555"},
		{ConnectionInfo{Transport: "tcp", IP: "::1"}, "tcp://[::1]:5555"},
		{ConnectionInfo{Transport: "ipc", IP: "/tmp/kernel-1"}, "ipc:///tmp/kernel-1-5555"},
	}
	for _, tt := range tests {
		if got := tt.info.endpoint(5555); got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.info, got, tt.want)
		}
	}
}

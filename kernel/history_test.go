package kernel

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/gornn/gornn/kernel/internal/kerneltest"
	"github.com/gornn/gornn/kernel/protocol"
)

// TestHistoryTwoKernelsAtOnce: two kernel processes sharing a history
// database, started together and executing cells at the same time, get
// different sessions and lose no row.
func TestHistoryTwoKernelsAtOnce(t *testing.T) {
	const kernels, cells = 2, 40
	path := filepath.Join(t.TempDir(), "history.sqlite")
	clients := make([]*kerneltest.Client, kernels)
	for i := range clients {
		p := startProcess(t, path)
		clients[i] = kerneltest.Dial(t, p.info)
	}
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Go(func() {
			c.WaitReady()
			for n := 1; n <= cells; n++ {
				id := c.Send(protocol.Shell, "execute_request", map[string]any{"code": fmt.Sprintf("_ = %d // kernel %d", n, i)})
				c.Reply(protocol.Shell, id)
			}
		})
	}
	wg.Wait()
	id := clients[0].Send(protocol.Shell, "history_request", map[string]any{"hist_access_type": "tail", "n": 0, "raw": true})
	r := kerneltest.Content(t, clients[0].Reply(protocol.Shell, id))
	rows, _ := r["history"].([]any)
	sessions := map[float64]int{}
	for _, row := range rows {
		sessions[row.([]any)[0].(float64)]++
	}
	if len(rows) != kernels*cells || len(sessions) != kernels {
		t.Errorf("%d rows in sessions %v, want %d rows in %d sessions", len(rows), sessions, kernels*cells, kernels)
	}
	t.Logf("%d rows from %d kernels writing at once, per session %v", len(rows), kernels, sessions)
}

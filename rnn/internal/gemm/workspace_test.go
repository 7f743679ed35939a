package gemm

import "testing"

// TestWorkspaceFreeListIsBounded checks that a burst of concurrent calls
// does not leave more idle workspaces behind than the limit.
func TestWorkspaceFreeListIsBounded(t *testing.T) {
	var held []*workspace
	for range maxFreeWorkspaces + 5 {
		held = append(held, getWorkspace())
	}
	for _, ws := range held {
		putWorkspace(ws)
	}
	freeWorkspaces.Lock()
	n := len(freeWorkspaces.list)
	freeWorkspaces.Unlock()
	if n > maxFreeWorkspaces {
		t.Errorf("free list holds %d workspaces, limit %d", n, maxFreeWorkspaces)
	}
	if n == 0 {
		t.Error("free list kept no workspace at all")
	}
}

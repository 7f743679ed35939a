package gemm

import (
	"testing"
	"unsafe"
)

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

// TestAlignedFloats checks the alignment and length of packing buffers
// over a range of sizes (the allocator's own alignment varies with size).
func TestAlignedFloats(t *testing.T) {
	for _, n := range []int{1, 3, 16, 100, 4096, 100000} {
		x := alignedFloats(n)
		if len(x) != n || cap(x) != n {
			t.Errorf("alignedFloats(%d): len %d cap %d", n, len(x), cap(x))
		}
		if addr := uintptr(unsafe.Pointer(&x[0])); addr%alignment != 0 {
			t.Errorf("alignedFloats(%d) starts at %#x, not a multiple of %d", n, addr, alignment)
		}
	}
}

package gemm

import (
	"runtime"
	"sync"
	"unsafe"
)

// workspace holds the packing buffers of one running Sgemm. Each concurrent
// call (and each goroutine of a split call) takes its own from a free list
// and returns it afterwards, so steady-state calls do not allocate.
type workspace struct {
	a    []float32 // packed block of op(A): mcBlock×kcBlock
	b    []float32 // packed block of op(B): kcBlock×ncBlock
	tile []float32 // scratch tile for the edges of C
}

// freeWorkspaces is a free list rather than a sync.Pool: a pool is emptied
// by every garbage collection, and refilling it would allocate the 1.6 MiB
// of buffers again after each one. The list keeps at most
// maxFreeWorkspaces; more, left by a burst of concurrent calls, are left to
// the garbage collector.
var freeWorkspaces struct {
	sync.Mutex
	list []*workspace
}

// getWorkspace returns a workspace no one else is using.
func getWorkspace() *workspace {
	freeWorkspaces.Lock()
	if n := len(freeWorkspaces.list); n > 0 {
		ws := freeWorkspaces.list[n-1]
		freeWorkspaces.list = freeWorkspaces.list[:n-1]
		freeWorkspaces.Unlock()
		return ws
	}
	freeWorkspaces.Unlock()
	return &workspace{
		a:    alignedFloats(mcBlock * kcBlock),
		b:    alignedFloats(kcBlock * ncBlock),
		tile: alignedFloats(maxTile),
	}
}

// maxFreeWorkspaces bounds the memory the free list keeps (1.6 MiB each):
// a few per core covers callers that run products on every core while
// workers share large ones.
var maxFreeWorkspaces = 4 * runtime.NumCPU()

// putWorkspace returns ws to the free list.
func putWorkspace(ws *workspace) {
	freeWorkspaces.Lock()
	if len(freeWorkspaces.list) < maxFreeWorkspaces {
		freeWorkspaces.list = append(freeWorkspaces.list, ws)
	}
	freeWorkspaces.Unlock()
}

// alignment is the byte alignment of packed buffers: a cache line, so that
// vector loads never straddle two lines.
const alignment = 64

// alignedFloats returns a zeroed slice of n float32 whose first element is
// aligned to alignment bytes.
func alignedFloats(n int) []float32 {
	const pad = alignment / 4
	buf := make([]float32, n+pad)
	off := 0
	if r := uintptr(unsafe.Pointer(&buf[0])) % alignment; r != 0 {
		off = int(alignment-r) / 4
	}
	return buf[off : off+n : off+n]
}

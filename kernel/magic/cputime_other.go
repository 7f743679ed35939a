//go:build !unix

package magic

import "time"

// cpuTime is unknown on this platform; %time prints n/a.
func cpuTime() time.Duration { return -1 }

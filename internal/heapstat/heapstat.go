// Package heapstat measures the heap for benchmarks: the live heap after a
// collection, and the peak in use while some work runs.
package heapstat

import (
	"runtime"
	"time"
)

// Live returns the heap still allocated after two collections.
func Live() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Peak samples the heap in use every interval until stop is closed, then
// sends the highest figure seen.
func Peak(stop chan struct{}, interval time.Duration) chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

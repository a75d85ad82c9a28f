package kube

import (
	"os"
	"runtime/debug"
	"sync"
)

// DefaultSyncGCPercent is the GC percent (GOGC) while a watcher reads the
// cluster for its first snapshot. Syncing decodes every object the
// cluster holds, some 5 KB a pod, to keep a few hundred bytes of each: it
// makes garbage faster than anything after it. Under Go's default of 100
// the heap grows to twice what survived the last collection before the
// next, and at 100,000 pods that growth set the process's peak memory.
// Collecting at half the growth while syncing costs some CPU when the
// first frame waits on the API server anyway; once the first snapshot is
// out, the default comes back, so that churn does not pay for it.
const DefaultSyncGCPercent = 50

// syncGC counts the watchers syncing, which share one setting: the first
// to start saves the percent in force and the last to finish restores it,
// in whatever order they end.
var syncGC struct {
	sync.Mutex
	holders int
	saved   int
	changed bool
}

// tightenGC lowers the GC percent to percent until the returned function
// is called; calling it again does nothing. It leaves the collector alone
// when percent is not positive, when GOGC is set (the user chose), and
// when the percent in force is already as low or the collector is off.
func tightenGC(percent int) (release func()) {
	if percent <= 0 || os.Getenv("GOGC") != "" {
		return func() {}
	}
	syncGC.Lock()
	if syncGC.holders == 0 {
		syncGC.saved = debug.SetGCPercent(percent)
		syncGC.changed = syncGC.saved > percent
		if !syncGC.changed {
			debug.SetGCPercent(syncGC.saved)
		}
	}
	syncGC.holders++
	syncGC.Unlock()

	var once sync.Once
	return func() {
		once.Do(func() {
			syncGC.Lock()
			defer syncGC.Unlock()
			syncGC.holders--
			if syncGC.holders == 0 && syncGC.changed {
				debug.SetGCPercent(syncGC.saved)
			}
		})
	}
}

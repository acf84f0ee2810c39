//go:build !linux

package publish

func swap(stage, out string) error { return swapByRename(stage, out) }

// lock is a no-op where flock is not available.
func lock(dir string) (unlock func(), err error) { return func() {}, nil }

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder stage at out. Where out exists the two are exchanged
// in one step, so that out is never missing, and stage then holds the old
// output.
func swap(stage, out string) error {
	err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOENT):
		return os.Rename(stage, out)
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL):
		return swapByRename(stage, out)
	}
	return err
}

// tryLock takes an exclusive lock on the open file f if no other process
// holds one, and reports whether it did. The kernel releases it when the
// file is closed or the process ends.
func tryLock(f *os.File) (ok bool, err error) {
	err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

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

// lock takes an exclusive lock on the folder dir, waiting for it if another
// build holds it. The kernel releases it when the process ends.
func lock(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

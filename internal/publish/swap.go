package publish

import (
	"errors"
	"os"
)

// swapByRename moves out aside and stage into its place, for systems
// without an atomic exchange: out is missing for the moment between the two
// renames. Afterwards stage holds the old output, as with an exchange.
func swapByRename(stage, out string) error {
	old := stage + ".old"
	if err := os.Rename(out, old); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return os.Rename(stage, out)
		}
		return err
	}
	if err := os.Rename(stage, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.Rename(old, stage)
}

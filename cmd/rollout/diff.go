package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"rollout/internal/diag"
	"rollout/internal/schedule"
	"rollout/internal/site"
)

// schedulePath is where the schedule is, inside the source folder.
const schedulePath = "content/schedule.yaml"

func runDiff(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "diff", "[-source DIR] REV", `Diff says in words what the schedule, content/schedule.yaml, changes between
the git revision REV and the working tree: months, areas, units and separate
rollouts added, removed or moved, and headings and notes changed. It prints
one change per line, grouped under short headings, or "No schedule changes".
The output reads as plain text and as Markdown, for a pull request's job
summary. The schedule at REV is read with git; if REV has none, everything
is added.

Example:

	rollout diff origin/main`)
	source := fs.String("source", ".", "the site's folder, holding content/; it must be inside a git repository")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() == 0:
		return usageError{"diff takes the git revision to compare with, like: rollout diff origin/main"}
	case fs.NArg() > 1:
		return usageError{fmt.Sprintf("diff: unexpected argument %q", fs.Arg(1))}
	}
	rev := fs.Arg(0)

	e.source = *source
	if err := needSite(*source); err != nil {
		return err
	}
	root, err := os.OpenRoot(*source)
	if err != nil {
		return fmt.Errorf("%s: cannot open the source folder: %v", *source, err)
	}
	defer root.Close()
	now, err := site.ReadSchedule(root.FS())
	if err != nil {
		return err
	}
	data, err := scheduleAt(ctx, *source, rev)
	if err != nil {
		return err
	}
	var was *schedule.Schedule
	if data != nil {
		was, err = site.ParseSchedule(rev+":"+schedulePath, data)
		if err != nil {
			// Plain text, so that nothing takes these for problems in the
			// working tree's file.
			return fmt.Errorf("rollout: diff: the schedule at %q has errors, so it cannot be compared with the working tree:\n%s", rev, err.Error())
		}
	}
	writeChanges(e.stdout, rev, data == nil, schedule.Diff(was, now))
	return nil
}

// writeChanges prints the changes grouped by kind: a heading line, then a
// "- " line for each change, which reads as a list in Markdown too.
func writeChanges(w io.Writer, rev string, noneBefore bool, changes []schedule.Change) {
	if len(changes) == 0 {
		fmt.Fprintln(w, "No schedule changes")
		return
	}
	if noneBefore {
		fmt.Fprintf(w, "Schedule changes since %s, which has no %s:\n", rev, schedulePath)
	} else {
		fmt.Fprintf(w, "Schedule changes since %s:\n", rev)
	}
	for i, c := range changes {
		if i == 0 || c.Kind != changes[i-1].Kind {
			fmt.Fprintf(w, "\n%s:\n", c.Kind)
		}
		fmt.Fprintf(w, "- %s\n", diag.Printable(c.Text))
	}
}

// scheduleAt returns the schedule's bytes at git revision rev, or nil if
// the revision has no schedule. The path is relative to source, which may
// be a folder inside the repository.
func scheduleAt(ctx context.Context, source, rev string) ([]byte, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("rollout: diff: git is not installed, or not on PATH; diff reads the schedule at a revision with it")
	}
	if _, err := git(ctx, source, "rev-parse", "--git-dir"); err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return nil, fmt.Errorf("rollout: diff: %s is not in a git repository", source)
		}
		return nil, fmt.Errorf("rollout: diff: git cannot read the repository of %s: %v", source, err)
	}
	unknown := fmt.Errorf("rollout: diff: %q is not a revision git knows in %s", rev, source)
	if rev == "" || strings.HasPrefix(rev, "-") { // never a revision; git would read it as an option
		return nil, unknown
	}
	out, err := git(ctx, source, "rev-parse", "--verify", "--quiet", rev+"^{commit}")
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, unknown
	}
	commit := strings.TrimSpace(string(out))
	// ls-tree takes the path relative to source and says whether the
	// file is there, what it is and how big, without reading it.
	out, err = git(ctx, source, "ls-tree", "-l", "-z", commit, "--", schedulePath)
	if err != nil {
		return nil, fmt.Errorf("rollout: diff: git cannot list %s at %q: %v", schedulePath, rev, err)
	}
	entry, _, _ := bytes.Cut(out, []byte{0})
	if len(entry) == 0 {
		return nil, nil
	}
	// "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
	meta, _, _ := bytes.Cut(entry, []byte{'\t'})
	f := strings.Fields(string(meta))
	if len(f) != 4 || f[1] != "blob" || f[0] == "120000" {
		return nil, fmt.Errorf("rollout: diff: %s at %q is not a plain file", schedulePath, rev)
	}
	data, err := git(ctx, source, "cat-file", "blob", f[2])
	if err != nil {
		return nil, fmt.Errorf("rollout: diff: git cannot read %s at %q: %v", schedulePath, rev, err)
	}
	return data, nil
}

// git runs git in dir and returns its output; an error carries the first
// line of what git said, without "fatal: ".
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if msg = strings.TrimPrefix(msg, "fatal: "); msg != "" {
			return out, fmt.Errorf("git %s: %s", args[0], msg)
		}
		return out, fmt.Errorf("git %s: %v", args[0], err)
	}
	return out, nil
}

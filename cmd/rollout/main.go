// Command rollout builds the training rollout site from content/, layouts/
// and static/ into public/.
//
// Usage:
//
//	rollout build [-source DIR] [-out DIR] [-base-url URL] [-now YYYY-MM-DD] [-drafts] [-fingerprint=false]
//	rollout watch [build flags]
//	rollout serve [-bind ADDR] [-port N] [-open] [build flags]
//	rollout check [-external] [build flags]
//	rollout diff [-source DIR] REV
//	rollout new [-source DIR] PATH "Title"
//	rollout version
//	rollout help [command]
//
// Every command but version and help works on a site's folder, -source
// (default "."), and refuses a folder without content/ (new also takes an
// empty folder, to start a site in).
//
// Exit status: 0 on success, 1 on content or build errors, 2 on misuse.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"rollout/internal/diag"
)

// usageError is a mistake in how rollout was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command reads and writes besides its arguments.
type env struct {
	stdout, stderr io.Writer
	// annotate: also print each problem as a GitHub Actions workflow
	// command, so that it shows on the file (GITHUB_ACTIONS=true).
	annotate bool
	// source is the site's folder, to which problems' paths are relative.
	source string
	// faults are failures that tests inject, which the system gives too
	// rarely, or only to root, to be tested otherwise; unset in main.
	faults struct {
		// watch: errors handled as if fsnotify had reported them
		// (watch.Options.Faults).
		watch <-chan error
		// writeFile writes each file of a build in place of os.WriteFile
		// (publish.Staging.WriteFileFunc).
		writeFile func(path string, data []byte, perm os.FileMode) error
	}
	// openBrowser opens url in the user's browser (serve -open); nil
	// opens nothing, and serve says where to go instead.
	openBrowser func(url string) error
}

var commands = []command{
	{"build", "build the site into public/", runBuild},
	{"watch", "build, then rebuild on every save", runWatch},
	{"serve", "watch, and serve the site with live reload", runServe},
	{"check", "build in memory and check every link, anchor and asset", runCheck},
	{"diff", "say what the schedule changes since a git revision", runDiff},
	{"new", "start a new page from a template", runNew},
	{"version", "print rollout's version", runVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, &env{
		stdout: os.Stdout, stderr: os.Stderr,
		annotate:    os.Getenv("GITHUB_ACTIONS") == "true",
		openBrowser: openBrowser,
	}, os.Args[1:]))
}

// run runs one command and returns the exit status.
func run(ctx context.Context, e *env, args []string) int {
	err := dispatch(ctx, e, args)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "rollout: %s\nRun 'rollout help' for usage.\n", ue.msg)
		return 2
	}
	e.problems(err)
	return 1
}

func dispatch(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stderr)
		return usageError{"no command given"}
	}
	switch args[0] {
	case "-h", "-help", "--help":
		printUsage(e.stdout)
		return nil
	case "help":
		return runHelp(ctx, e, args[1:])
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	return unknownCommand(args[0])
}

// unknownCommand is the usage error for a command name that is not one:
// it suggests the nearest command, or lists them all when none is near.
func unknownCommand(name string) error {
	names := []string{"help"}
	for _, c := range commands {
		names = append(names, c.name)
	}
	if s := nearest(name, names); s != "" {
		return usageError{fmt.Sprintf("unknown command %q; did you mean %q?", name, s)}
	}
	return usageError{fmt.Sprintf("unknown command %q; the commands are %s", name, strings.Join(names[1:], ", ")+" and help")}
}

// nearest returns the candidate that s is most likely a misspelling of:
// the first that s begins, or else the one at the least edit distance, if
// that is at most 2 and less than s is long; "" when none is.
func nearest(s string, candidates []string) string {
	for _, c := range candidates {
		if s != "" && strings.HasPrefix(c, s) {
			return c
		}
	}
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := diag.Distance(strings.ToLower(s), c); d < bestDist && d < len(s) {
			best, bestDist = c, d
		}
	}
	return best
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "rollout builds the training rollout site.\n\nUsage:\n\n\trollout <command> [flags]\n\nCommands:\n\n")
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\t%-8s %s\n", "help", "explain a command")
	fmt.Fprintf(w, "\nRun 'rollout <command> -h' for a command's flags.\n")
}

// newFlagSet returns a FlagSet whose errors are returned, not printed twice,
// and whose -h prints the command's usage to stdout.
func newFlagSet(e *env, name, args, doc string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: rollout %s %s\n\n%s\n", name, args, doc)
		if strings.Contains(args, "[-") || strings.Contains(args, "[flags]") {
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args, turning a bad flag into a usage error; -h prints
// the usage to stdout and returns flag.ErrHelp.
func parseFlags(e *env, fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(e.stderr)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return err
	}
	if err != nil {
		msg := fmt.Sprintf("%s: %v", fs.Name(), err)
		if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
			var flags []string
			fs.VisitAll(func(f *flag.Flag) { flags = append(flags, f.Name) })
			if s := nearest(strings.TrimPrefix(name, "-"), flags); s != "" {
				msg += fmt.Sprintf("; did you mean -%s?", s)
			}
		}
		return usageError{msg}
	}
	return nil
}

func runHelp(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stdout)
		return nil
	}
	if len(args) > 1 {
		return usageError{"help takes one command name"}
	}
	if args[0] == "help" {
		printUsage(e.stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, []string{"-h"})
		}
	}
	return unknownCommand(args[0])
}

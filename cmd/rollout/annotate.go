package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"rollout/internal/diag"
)

// problems prints err, one problem a line as path:line: message, and when
// e.annotate is set also as GitHub Actions workflow commands, so that in a
// workflow run each problem shows on its file and line.
func (e *env) problems(err error) {
	fmt.Fprintln(e.stderr, diag.Printable(err.Error()))
	if e.annotate {
		var each diag.List // flattens what errors.Join put together
		each.Add(err)
		for _, p := range each {
			annotation(e.stderr, "error", e.source, p)
		}
	}
}

// printWarning prints one warning, as every command does.
func (e *env) printWarning(w error) {
	fmt.Fprintf(e.stderr, "warning: %s\n", diag.Printable(w.Error()))
}

// warn prints one warning, and its workflow command when e.annotate is set.
func (e *env) warn(w error) {
	e.printWarning(w)
	if e.annotate {
		annotation(e.stderr, "warning", e.source, w)
	}
}

// annotation writes one workflow command (::error or ::warning) for err.
// A problem in a file names the file, relative to the repository when the
// site's folder is source, and its line and column.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
func annotation(w io.Writer, level, source string, err error) {
	var props []string
	msg := err.Error()
	var d *diag.Error
	if errors.As(err, &d) {
		file := d.Path
		if rel := relativeToHere(source); rel != "." {
			file = path.Join(rel, d.Path)
		}
		props = append(props, "file="+escapeProperty(file))
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
		}
		if d.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Col))
		}
		msg = d.Msg
	}
	props = append(props, "title=rollout")
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(msg))
}

// relativeToHere returns the folder dir as a slash-separated path
// relative to the working folder, where workflows run, or dir itself when
// it is elsewhere.
func relativeToHere(dir string) string {
	if dir == "" {
		return "."
	}
	wd, err := os.Getwd()
	abs, err2 := filepath.Abs(dir)
	if err != nil || err2 != nil {
		return filepath.ToSlash(dir)
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return filepath.ToSlash(dir)
	}
	return filepath.ToSlash(rel)
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

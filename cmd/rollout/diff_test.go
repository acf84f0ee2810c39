package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// diffBase is the schedule the diff tests commit.
const diffBase = `- month: 2018-05
  areas:
    - MIT Medical
    - CSAIL
- month: 2018-06
  areas:
    - Facilities
- separate: Lincoln Laboratory
  note: Its own rollout.
`

func TestDiff(t *testing.T) {
	needGit(t)
	edit := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(diffBase) }
	tests := []struct {
		name      string
		committed string // the schedule in the commit; "" for none
		working   string // the schedule in the working tree; "" for none
		noRepo    bool   // the folder is in no git repository
		args      []string
		code      int
		stdout    string // exactly, with DIR for the site's folder
		stderr    string // a part of it, with DIR for the site's folder
	}{
		{name: "no changes", committed: diffBase, working: diffBase, args: []string{"HEAD"},
			stdout: "No schedule changes\n"},
		{name: "comments only", committed: diffBase, working: "# The rollout.\n\n" + diffBase, args: []string{"HEAD"},
			stdout: "No schedule changes\n"},
		{name: "added", committed: diffBase, working: edit("    - Facilities\n", "    - Facilities\n    - name: MIT Press\n      includes: [The MIT Press]\n"), args: []string{"HEAD"},
			stdout: "Schedule changes since HEAD:\n\nAreas added:\n- MIT Press (June 2018), including The MIT Press\n"},
		{name: "removed", committed: diffBase, working: edit("    - MIT Medical\n", ""), args: []string{"HEAD"},
			stdout: "Schedule changes since HEAD:\n\nAreas removed:\n- MIT Medical (May 2018)\n"},
		{name: "moved", committed: diffBase, working: edit("    - CSAIL\n", "", "    - Facilities\n", "    - Facilities\n    - CSAIL\n"), args: []string{"HEAD"},
			stdout: "Schedule changes since HEAD:\n\nAreas moved:\n- CSAIL: May 2018 → June 2018\n"},
		{name: "month added", committed: diffBase, working: edit("- separate:", "- start: 2018-10-25\n  end: 2018-12-01\n  areas:\n    - MIT Libraries\n- separate:"), args: []string{"HEAD"},
			stdout: "Schedule changes since HEAD:\n\nMonths added:\n- October 25 to December 1, 2018\n\nAreas added:\n- MIT Libraries (October 25 to December 1, 2018)\n"},
		{name: "month removed", committed: diffBase, working: edit("- month: 2018-06\n  areas:\n    - Facilities\n", "", "    - CSAIL\n", "    - CSAIL\n    - Facilities\n"), args: []string{"HEAD"},
			stdout: "Schedule changes since HEAD:\n\nMonths removed:\n- June 2018\n\nAreas moved:\n- Facilities: June 2018 → May 2018\n"},
		{name: "separate rollouts and notes", committed: diffBase, working: edit("  note: Its own rollout.\n", "  note: Its own.\n- separate: Haystack\n  note: Its own too.\n"), args: []string{"HEAD"},
			stdout: "Schedule changes since HEAD:\n\nSeparate rollouts added:\n- Haystack\n\nHeadings and notes changed:\n- Lincoln Laboratory: note changed to “Its own.”\n"},
		{name: "no schedule at the revision", working: diffBase, args: []string{"HEAD"},
			stdout: "Schedule changes since HEAD, which has no content/schedule.yaml:\n\nMonths added:\n- May 2018\n- June 2018\n\nAreas added:\n- MIT Medical (May 2018)\n- CSAIL (May 2018)\n- Facilities (June 2018)\n\nSeparate rollouts added:\n- Lincoln Laboratory\n"},
		{name: "source in a subfolder", committed: diffBase, working: edit("    - CSAIL\n", ""), args: []string{"-source", "DIR/site", "HEAD"},
			stdout: "Schedule changes since HEAD:\n\nAreas removed:\n- CSAIL (May 2018)\n"},
		{name: "errors in the working tree", committed: diffBase, working: edit("2018-06", "2018-13"), args: []string{"HEAD"}, code: 1,
			stderr: `content/schedule.yaml:5:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12`},
		{name: "no schedule in the working tree", committed: diffBase, args: []string{"HEAD"}, code: 1,
			stderr: "content/schedule.yaml: the schedule file is missing"},
		{name: "errors at the revision", committed: edit("2018-06", "2018-13"), working: diffBase, args: []string{"HEAD"}, code: 1,
			stderr: "rollout: diff: the schedule at \"HEAD\" has errors, so it cannot be compared with the working tree:\nHEAD:content/schedule.yaml:5:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12"},
		{name: "unknown revision", committed: diffBase, working: diffBase, args: []string{"nope"}, code: 1,
			stderr: `rollout: diff: "nope" is not a revision git knows in DIR` + "\n"},
		{name: "revision like a flag", committed: diffBase, working: diffBase, args: []string{"--", "--output=x"}, code: 1,
			stderr: `rollout: diff: "--output=x" is not a revision git knows in DIR` + "\n"},
		{name: "not a repository", noRepo: true, working: diffBase, args: []string{"HEAD"}, code: 1,
			stderr: "rollout: diff: DIR is not in a git repository\n"},
		{name: "missing revision", committed: diffBase, working: diffBase, code: 2,
			stderr: "rollout: diff takes the git revision to compare with"},
		{name: "extra argument", committed: diffBase, working: diffBase, args: []string{"HEAD", "main"}, code: 2,
			stderr: `rollout: diff: unexpected argument "main"`},
		{name: "unknown flag", committed: diffBase, working: diffBase, args: []string{"-sauce", "x", "HEAD"}, code: 2,
			stderr: "rollout: diff: flag provided but not defined: -sauce"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			site := dir
			if tt.name == "source in a subfolder" {
				site = filepath.Join(dir, "site")
			}
			if !tt.noRepo {
				runGit(t, dir, "init", "-q")
				if tt.committed != "" {
					writeSchedule(t, site, tt.committed)
				} else {
					writeSiteFile(t, filepath.Join(site, "README.md"), "A site.\n")
				}
				runGit(t, dir, "add", "-A")
				runGit(t, dir, "commit", "-q", "-m", "The schedule as committed")
			}
			os.RemoveAll(filepath.Join(site, "content"))
			os.Mkdir(filepath.Join(site, "content"), 0o755)
			if tt.working != "" {
				writeSchedule(t, site, tt.working)
			}
			args := []string{"diff"}
			if !slices.Contains(tt.args, "-source") {
				args = append(args, "-source", site)
			}
			for _, a := range tt.args {
				args = append(args, strings.ReplaceAll(a, "DIR", dir))
			}
			code, stdout, stderr := rollout(t, args...)
			wantOut := strings.ReplaceAll(tt.stdout, "DIR", dir)
			wantErr := strings.ReplaceAll(tt.stderr, "DIR", site)
			if code != tt.code || stdout != wantOut || !strings.Contains(stderr, wantErr) || (tt.stderr == "" && stderr != "") {
				t.Errorf("rollout %s\nhave exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout:\n%s\nstderr with:\n%s",
					strings.Join(args, " "), code, stdout, stderr, tt.code, wantOut, wantErr)
			}
		})
	}
}

func TestDiffWithoutGit(t *testing.T) {
	dir := t.TempDir()
	writeSchedule(t, dir, diffBase)
	t.Setenv("PATH", t.TempDir()) // a folder without git
	code, stdout, stderr := rollout(t, "diff", "-source", dir, "HEAD")
	want := "rollout: diff: git is not installed, or not on PATH"
	if code != 1 || stdout != "" || !strings.Contains(stderr, want) {
		t.Errorf("have exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, want)
	}
}

func TestDiffHelp(t *testing.T) {
	for _, args := range [][]string{{"diff", "-h"}, {"help", "diff"}} {
		code, stdout, stderr := rollout(t, args...)
		if code != 0 || !strings.Contains(stdout, "Usage: rollout diff [-source DIR] REV") || !strings.Contains(stdout, "-source") || stderr != "" {
			t.Errorf("rollout %s: have exit %d, stdout %q, stderr %q; want exit 0 and the usage on stdout", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	_, stdout, _ := rollout(t, "help")
	if !strings.Contains(stdout, "diff") {
		t.Errorf("rollout help does not list diff:\n%s", stdout)
	}
}

// needGit skips the test when git is not installed, except on CI, and
// keeps the git that rollout runs in-process away from the user's and the
// system's configuration and from any repository around the temporary
// folders.
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("git is needed on CI: %v", err)
		}
		t.Skipf("git is not installed: %v", err)
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(os.Getenv("HOME"), ".config"))
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", os.TempDir()+string(os.PathListSeparator)+filepath.Dir(t.TempDir()))
	for _, k := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_CONFIG_GLOBAL", "GIT_CONFIG"} {
		if _, ok := os.LookupEnv(k); ok {
			t.Setenv(k, "") // restores it after the test
			os.Unsetenv(k)
		}
	}
}

// runGit runs git in dir, with a configuration and a home of its own.
func runGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"), // needGit's temporary folder
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Rollout Test", "GIT_AUTHOR_EMAIL=test@example.org",
		"GIT_COMMITTER_NAME=Rollout Test", "GIT_COMMITTER_EMAIL=test@example.org",
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func writeSchedule(t *testing.T, site, text string) {
	t.Helper()
	writeSiteFile(t, filepath.Join(site, "content", "schedule.yaml"), text)
}

func writeSiteFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestNoSiteFolder: run outside a site's folder, every command that works
// on one stops at once with one line that says what to do, instead of
// reporting the site's every file as missing, or watching a folder that
// will never build. It writes nothing there.
func TestNoSiteFolder(t *testing.T) {
	const here = "no content/ folder here: run rollout in the site's folder, or pass -source DIR\n"
	for _, tt := range []struct {
		name   string
		args   []string // $DIR is a folder with a file and no content/
		chdir  bool     // run in $DIR
		stderr string   // exactly, with $DIR
	}{
		{name: "build here", args: []string{"build"}, chdir: true, stderr: here},
		{name: "watch here", args: []string{"watch"}, chdir: true, stderr: here},
		{name: "serve here", args: []string{"serve", "-port", "0"}, chdir: true, stderr: here},
		{name: "check here", args: []string{"check"}, chdir: true, stderr: here},
		{name: "diff here", args: []string{"diff", "main"}, chdir: true, stderr: here},
		{name: "new here", args: []string{"new", "about.md", "About"}, chdir: true, stderr: here},
		{name: "explicit dot", args: []string{"build", "-source", "."}, chdir: true, stderr: here},
		{name: "build -source", args: []string{"build", "-source", "$DIR"}, stderr: "no content/ folder in $DIR: run rollout in the site's folder, or pass -source DIR\n"},
		{name: "watch -source", args: []string{"watch", "-source", "$DIR"}, stderr: "no content/ folder in $DIR: run rollout in the site's folder, or pass -source DIR\n"},
		{name: "serve -source", args: []string{"serve", "-source", "$DIR", "-port", "0", "-open"}, stderr: "no content/ folder in $DIR: run rollout in the site's folder, or pass -source DIR\n"},
		{name: "check -source", args: []string{"check", "-source", "$DIR"}, stderr: "no content/ folder in $DIR: run rollout in the site's folder, or pass -source DIR\n"},
		{name: "diff -source", args: []string{"diff", "-source", "$DIR", "HEAD"}, stderr: "no content/ folder in $DIR: run rollout in the site's folder, or pass -source DIR\n"},
		{name: "new -source", args: []string{"new", "-source", "$DIR", "faq/x.md", "X"}, stderr: "no content/ folder in $DIR: run rollout in the site's folder, or pass -source DIR\n"},
		{name: "content is a file", args: []string{"build", "-source", "$DIR/notes.txt"}, stderr: "$DIR/notes.txt: is a file, not a folder; run rollout in the site's folder, or pass -source DIR\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, filepath.Join(dir, "notes.txt"), "not a site\n")
			if tt.chdir {
				t.Chdir(dir)
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "$DIR", dir)
			}
			var opened []string
			code, stdout, stderr := rolloutWithin(t, 10*time.Second, func(e *env) {
				e.openBrowser = func(url string) error { opened = append(opened, url); return nil }
			}, args...)
			want := strings.ReplaceAll(tt.stderr, "$DIR", dir)
			if code != 1 || stdout != "" || stderr != want {
				t.Errorf("rollout %s\nhave exit %d, stdout %q, stderr %q\nwant exit 1, no stdout, stderr %q", strings.Join(args, " "), code, stdout, stderr, want)
			}
			if len(opened) > 0 {
				t.Errorf("opened a browser at %v", opened)
			}
			if left := leftovers(dir, "notes.txt"); len(left) > 0 {
				t.Errorf("rollout %s left %v in the folder", strings.Join(args, " "), left)
			}
		})
	}
}

// TestNewStartsASite: rollout new in an empty folder starts the site's
// content/ there; only a folder with other files in it is refused.
func TestNewStartsASite(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := rollout(t, "new", "about.md", "About")
	if code != 0 || !strings.HasPrefix(stdout, "created "+filepath.Join("content", "about.md")+", a draft") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = rollout(t, "new", "faq/_index.md", "Questions")
	if code != 0 {
		t.Fatalf("a second page: exit %d, stderr %q", code, stderr)
	}
}

// rolloutWithin is rollout, with the env set up by setup, and stopped
// (as by Ctrl-C) after d: a command that should have stopped by itself
// but went on watching ends, and the test sees what it printed.
func rolloutWithin(t *testing.T, d time.Duration, setup func(*env), args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var out, errb syncBuffer
	e := &env{stdout: &out, stderr: &errb}
	setup(e)
	code = run(ctx, e, args)
	if ctx.Err() != nil {
		t.Errorf("rollout %s was still running after %v", strings.Join(args, " "), d)
	}
	return code, out.String(), errb.String()
}

// TestUnknownCommand: a misspelt command is met with the one it resembles,
// and a word that resembles none with the list of commands.
func TestUnknownCommand(t *testing.T) {
	const usage = "Run 'rollout help' for usage.\n"
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"buidl"}, `rollout: unknown command "buidl"; did you mean "build"?` + "\n" + usage},
		{[]string{"help", "buidl"}, `rollout: unknown command "buidl"; did you mean "build"?` + "\n" + usage},
		{[]string{"bulid", "-source", "x"}, `rollout: unknown command "bulid"; did you mean "build"?` + "\n" + usage},
		{[]string{"serv"}, `rollout: unknown command "serv"; did you mean "serve"?` + "\n" + usage},
		{[]string{"vresion"}, `rollout: unknown command "vresion"; did you mean "version"?` + "\n" + usage},
		{[]string{"hlep"}, `rollout: unknown command "hlep"; did you mean "help"?` + "\n" + usage},
		{[]string{"ver"}, `rollout: unknown command "ver"; did you mean "version"?` + "\n" + usage},
		{[]string{"Build"}, `rollout: unknown command "Build"; did you mean "build"?` + "\n" + usage},
		{[]string{"publish"}, `rollout: unknown command "publish"; the commands are build, watch, serve, check, diff, new, version and help` + "\n" + usage},
		{[]string{"help", "x"}, `rollout: unknown command "x"; the commands are build, watch, serve, check, diff, new, version and help` + "\n" + usage},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := rollout(t, tt.args...)
			if code != 2 || stdout != "" || stderr != tt.stderr {
				t.Errorf("have exit %d, stdout %q, stderr:\n%s\nwant exit 2, no stdout, stderr:\n%s", code, stdout, stderr, tt.stderr)
			}
		})
	}
}

// TestUnknownFlag: a misspelt flag is met with the command's flag it
// resembles.
func TestUnknownFlag(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string // the first line of stderr
	}{
		{[]string{"build", "-sorce", "x"}, "rollout: build: flag provided but not defined: -sorce; did you mean -source?"},
		{[]string{"build", "--sorce=x"}, "rollout: build: flag provided but not defined: -sorce; did you mean -source?"},
		{[]string{"build", "-draft"}, "rollout: build: flag provided but not defined: -draft; did you mean -drafts?"},
		{[]string{"serve", "-prot", "1"}, "rollout: serve: flag provided but not defined: -prot; did you mean -port?"},
		{[]string{"serve", "-baseurl", "/x/"}, "rollout: serve: flag provided but not defined: -baseurl; did you mean -base-url?"},
		{[]string{"check", "-externals"}, "rollout: check: flag provided but not defined: -externals; did you mean -external?"},
		{[]string{"diff", "-soruce", "x", "HEAD"}, "rollout: diff: flag provided but not defined: -soruce; did you mean -source?"},
		{[]string{"build", "-verbose"}, "rollout: build: flag provided but not defined: -verbose"},
		{[]string{"version", "-v"}, "rollout: version: flag provided but not defined: -v"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := rollout(t, tt.args...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != 2 || first != tt.want {
				t.Errorf("have exit %d, stderr:\n%s\nwant exit 2, first line:\n%s", code, stderr, tt.want)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	names := []string{"build", "watch", "serve", "check", "diff", "new", "version", "help"}
	for _, tt := range []struct{ s, want string }{
		{"build", "build"}, {"buidl", "build"}, {"biuld", "build"}, {"buld", "build"}, {"builds", "build"},
		{"wacth", "watch"}, {"sevre", "serve"}, {"chekc", "check"}, {"dif", "diff"}, {"nwe", "new"},
		{"b", "build"}, {"v", "version"}, {"vers", "version"},
		{"", ""}, {"x", ""}, {"publish", ""}, {"deploy", ""}, {"at", ""},
	} {
		if have := nearest(tt.s, names); have != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.s, have, tt.want)
		}
	}
}

// TestVersionLine: the version says which build of rollout this is in
// every form go build records it.
func TestVersionLine(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	const rev = "8647cd0a53ebcf42dd6b29838ba450a9cc09a89a"
	for _, tt := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"a release", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}},
			"rollout v1.2.0, go1.26.8"},
		{"a release with its commit", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"},
			Settings: settings("vcs.revision", rev, "vcs.time", "2018-03-01T10:00:00Z", "vcs.modified", "false")},
			"rollout v1.2.0, go1.26.8"},
		{"a release with local changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0+dirty"},
			Settings: settings("vcs.revision", rev, "vcs.time", "2018-03-01T10:00:00Z", "vcs.modified", "true")},
			"rollout v1.2.0 + local changes, go1.26.8"},
		{"a commit, as go build in a clone records it", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20180301100000-8647cd0a53eb"},
			Settings: settings("vcs", "git", "vcs.revision", rev, "vcs.time", "2018-03-01T10:00:00Z", "vcs.modified", "false")},
			"rollout 8647cd0a53eb (2018-03-01), go1.26.8"},
		{"a commit with local changes", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20180301100000-8647cd0a53eb+dirty"},
			Settings: settings("vcs", "git", "vcs.revision", rev, "vcs.time", "2018-03-01T23:30:00-05:00", "vcs.modified", "true")},
			"rollout 8647cd0a53eb (2018-03-02) + local changes, go1.26.8"},
		{"a commit, by an older go", &debug.BuildInfo{GoVersion: "go1.22.0", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", rev, "vcs.time", "2018-03-01T10:00:00Z", "vcs.modified", "false")},
			"rollout 8647cd0a53eb (2018-03-01), go1.22.0"},
		{"a commit without a time", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "abc")},
			"rollout abc, go1.26.8"},
		{"-buildvcs=false", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			"rollout (no version recorded: install it with go install -buildvcs=true ./cmd/rollout in a git clone), go1.26.8"},
		{"no build information", nil, "rollout (no version recorded), " + runtime.Version()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if have := versionLine(tt.bi); have != tt.want {
				t.Errorf("have %q\nwant %q", have, tt.want)
			}
		})
	}
}

// TestVersion: rollout version prints one line, with the Go version.
func TestVersion(t *testing.T) {
	code, stdout, stderr := rollout(t, "version")
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "rollout ") || !strings.HasSuffix(stdout, ", "+runtime.Version()+"\n") {
		t.Errorf("have exit %d, stdout %q, stderr %q; want one line ending in %q", code, stdout, stderr, runtime.Version())
	}
}

// TestPreviewNeverFingerprints: watch and serve always leave fingerprints
// off, which is why their -h says so; asking for one is a usage error.
func TestPreviewNeverFingerprints(t *testing.T) {
	for _, args := range [][]string{{"watch"}, {"serve", "-port", "0"}} {
		cmd := args[0]
		code, _, stderr := rolloutWithin(t, 10*time.Second, func(*env) {}, append(args, "-source", copySite(t), "-fingerprint")...)
		want := "rollout: " + cmd + ": -fingerprint is always off in watch and serve"
		if code != 2 || !strings.HasPrefix(stderr, want) {
			t.Errorf("%s -fingerprint: exit %d, stderr %q; want exit 2 and %q", cmd, code, stderr, want)
		}
	}
}

// TestServeBaseURL: serve serves the site at / whatever baseURL
// content/_index.md gives, and under -base-url's path when it is given,
// as serve -h says.
func TestServeBaseURL(t *testing.T) {
	for _, tt := range []struct {
		name  string
		flags []string
		path  string
	}{
		{"baseURL in content/_index.md", nil, "/"},
		{"-base-url a path", []string{"-base-url", "/repo/"}, "/repo/"},
		{"-base-url a URL", []string{"-base-url", "https://example.org/repo/"}, "/repo/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := copySite(t)
			home := filepath.Join(src, "content", "_index.md")
			b, err := os.ReadFile(home)
			if err != nil {
				t.Fatal(err)
			}
			write(t, home, strings.Replace(string(b), "---\n", "---\nbaseURL: https://training.example.edu/elsewhere/\n", 1))
			stdout, _ := startWatch(t, append([]string{"serve", "-source", src, "-port", "0", "-now", "2018-03-15"}, tt.flags...)...)
			re := regexp.MustCompile(`serving on (http://[^/\s]+)(/\S*)\n`)
			var m []string
			if !eventually(10*time.Second, func() bool {
				m = re.FindStringSubmatch(stdout.String())
				return m != nil && strings.Contains(stdout.String(), "changed")
			}) {
				t.Fatalf("serve did not start and build within 10s: %s", stdout)
			}
			if m[2] != tt.path {
				t.Errorf("serving on %s%s, want the path %s", m[1], m[2], tt.path)
			}
			if status, body := get(t, m[1]+tt.path+"faq/"); status != http.StatusOK || !strings.Contains(body, "href="+tt.path+"schedule/") {
				t.Errorf("GET %sfaq/: status %d; want 200 and links under %s:\n%.300s", tt.path, status, tt.path, body)
			}
		})
	}
}

// get fetches url and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// opener records what serve -open asks the browser to open, and what the
// address served at that moment.
type opener struct {
	mu     sync.Mutex
	urls   []string
	status []int // of a GET of each url, made as the browser would
	fail   error // returned by open, as when there is no browser
}

func (o *opener) open(url string) error {
	status := 0
	if resp, err := http.Get(url); err == nil {
		status = resp.StatusCode
		resp.Body.Close()
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.urls = append(o.urls, url)
	o.status = append(o.status, status)
	return o.fail
}

func (o *opener) opened() ([]string, []int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.urls...), append([]int(nil), o.status...)
}

// TestServeOpen: serve -open opens the browser once, at the address it
// serves, when the site is there to see; if no browser opens, it says where
// to go and goes on serving; without -open it opens nothing.
func TestServeOpen(t *testing.T) {
	addr := regexp.MustCompile(`serving on (http://\S+)\n`)
	serve := func(t *testing.T, o *opener, flags ...string) (src, url string, stdout, stderr *syncBuffer) {
		t.Helper()
		src = copySite(t)
		stdout, stderr = startWatchEnv(t, func(e *env) {
			if o != nil {
				e.openBrowser = o.open
			}
		}, append([]string{"serve", "-source", src, "-port", "0", "-now", "2018-03-15"}, flags...)...)
		var m []string
		if !eventually(10*time.Second, func() bool {
			m = addr.FindStringSubmatch(stdout.String())
			return m != nil && strings.Contains(stdout.String(), "changed")
		}) {
			t.Fatalf("serve did not start and build within 10s: %s", stdout)
		}
		return src, m[1], stdout, stderr
	}
	// rebuilt saves a page and waits until serve reports the rebuild.
	rebuilt := func(t *testing.T, src string, stdout *syncBuffer) {
		t.Helper()
		settle(t, src, stdout)
	}

	t.Run("opens once, when the site is there", func(t *testing.T) {
		o := &opener{}
		src, url, stdout, stderr := serve(t, o, "-open")
		if !eventually(10*time.Second, func() bool { urls, _ := o.opened(); return len(urls) > 0 }) {
			t.Fatalf("no browser opened within 10s; stdout:\n%s", stdout)
		}
		rebuilt(t, src, stdout)
		urls, status := o.opened()
		if len(urls) != 1 || urls[0] != url || status[0] != http.StatusOK {
			t.Errorf("opened %v (status %v), want %s once, serving the site (200)", urls, status, url)
		}
		if s := stderr.String(); s != "" {
			t.Errorf("stderr: %s", s)
		}
	})
	t.Run("under -base-url", func(t *testing.T) {
		o := &opener{}
		_, url, stdout, _ := serve(t, o, "-open", "-base-url", "/repo/")
		if !eventually(10*time.Second, func() bool { urls, _ := o.opened(); return len(urls) > 0 }) {
			t.Fatalf("no browser opened within 10s; stdout:\n%s", stdout)
		}
		if urls, status := o.opened(); !strings.HasSuffix(url, "/repo/") || urls[0] != url || status[0] != http.StatusOK {
			t.Errorf("opened %v (status %v), want %s, serving the site (200)", urls, status, url)
		}
	})
	t.Run("no browser", func(t *testing.T) {
		o := &opener{fail: errors.New("no browser here")}
		src, url, stdout, stderr := serve(t, o, "-open")
		want := "cannot open a browser (no browser here); open " + url + " in yours\n"
		if !eventually(10*time.Second, func() bool { return stderr.String() == want }) {
			t.Fatalf("stderr:\n%s\nwant:\n%s", stderr, want)
		}
		rebuilt(t, src, stdout) // still serving and rebuilding
		if status, _ := get(t, url); status != http.StatusOK {
			t.Errorf("GET %s after the failed open: status %d", url, status)
		}
	})
	t.Run("no opener", func(t *testing.T) {
		_, url, _, stderr := serve(t, nil, "-open")
		want := "open " + url + " in your browser\n"
		if !eventually(10*time.Second, func() bool { return stderr.String() == want }) {
			t.Fatalf("stderr:\n%s\nwant:\n%s", stderr, want)
		}
	})
	t.Run("without -open", func(t *testing.T) {
		o := &opener{}
		src, _, stdout, _ := serve(t, o)
		rebuilt(t, src, stdout)
		if urls, _ := o.opened(); len(urls) > 0 {
			t.Errorf("opened %v without -open", urls)
		}
	})
	t.Run("after a failed first build", func(t *testing.T) {
		// The browser shows the problem, and reloads once it is fixed.
		o := &opener{}
		src := copySite(t)
		write(t, filepath.Join(src, "content", "learn-more.md"), "---\ntitle: Broken: yes\n---\n")
		_, stderr := startWatchEnv(t, func(e *env) { e.openBrowser = o.open }, "serve", "-source", src, "-port", "0", "-open")
		if !eventually(10*time.Second, func() bool { urls, _ := o.opened(); return len(urls) > 0 }) {
			t.Fatalf("no browser opened within 10s; stderr:\n%s", stderr)
		}
		if _, status := o.opened(); status[0] != http.StatusInternalServerError {
			t.Errorf("the page opened had status %d, want 500, the build's problem", status[0])
		}
		if !strings.Contains(stderr.String(), "content/learn-more.md:2:") {
			t.Errorf("stderr lacks the problem:\n%s", stderr)
		}
	})
}

package schedule

import (
	"strings"
	"testing"
)

// FuzzParse: any file either gives a valid schedule (waves non-empty, in
// order, not overlapping, every area once) or fails with path:line
// messages; it never panics.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"- month: 2018-01\n  areas: [A]\n- month: 2018-02\n  areas:\n    - name: B\n      includes: [C]\n",
		"- start: 2018-10-25\n  end: 2018-12-01\n  areas: [A]\n",
		"- separate: L\n  note: n\n",
		"- month: 2018-13\n  areas: []\n",
		"a: &x [*x]\n",
		"- month: NO\n  areas: [yes, 0755]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("s.yaml", src)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "s.yaml:") {
					t.Fatalf("error line without the file and line: %q", line)
				}
			}
			return
		}
		seen := map[string]bool{}
		for i, w := range s.Waves {
			if len(w.Areas) == 0 || w.End.Before(w.Start) {
				t.Fatalf("wave %d is empty or ends before it starts", i)
			}
			if i > 0 && !w.Start.After(s.Waves[i-1].End) {
				t.Fatalf("wave %d overlaps the one before", i)
			}
			for _, a := range w.Areas {
				if seen[key(a.Name)] {
					t.Fatalf("%q listed twice", a.Name)
				}
				seen[key(a.Name)] = true
			}
		}
	})
}

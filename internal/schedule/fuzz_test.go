package schedule

import (
	"slices"
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
		"- month: 2018-02\n  areas:\n    - name: MIT Libraries\n      translations:\n        es: Bibliotecas del MIT\n      includes:\n        - name: Human Resources\n          aliases: [HR]\n          translations: {es: Recursos Humanos, pt-br: recursos  humanos}\n- separate: Lincoln Laboratory\n  translations:\n    es: Laboratorio Lincoln\n  note: n\n",
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
				checkTranslated(t, a.Translations)
				for u, ts := range a.UnitTranslations {
					if !slices.Contains(a.Includes, u) {
						t.Fatalf("translations of %q, which %q does not include", u, a.Name)
					}
					checkTranslated(t, ts)
				}
			}
		}
	})
}

// checkTranslated fails unless each translation has a language code, a
// name and a line, and no language comes twice.
func checkTranslated(t *testing.T, ts []Translation) {
	t.Helper()
	langs := map[string]bool{}
	for _, tr := range ts {
		if !langCode.MatchString(tr.Lang) || strings.TrimSpace(tr.Name) == "" || tr.Line < 1 || langs[tr.Lang] {
			t.Fatalf("bad translation %+v", tr)
		}
		langs[tr.Lang] = true
	}
}

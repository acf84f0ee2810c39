package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"rollout/internal/schedule"
)

// TestConvertHeadings: heading ids and attributes. Each case is a class
// of input: ids that are not text, attributes that are not published,
// ids the layouts use, repeated ids and headings in other scripts.
func TestConvertHeadings(t *testing.T) {
	const attrWarning = "the attribute %s is not published; only a heading's {#id} is"
	const askedWarning = "the question %q is also asked at line %d; remove one of the two, keeping anything its answer adds"
	for _, tt := range []struct {
		name     string
		md       string
		ids      []string // every heading's id, in order
		warnings []string // without "p.md:"
	}{
		// The anchors of today's FAQ, and of ASCII headings generally,
		// stay exactly what goldmark made them.
		{"faq anchors", "## What is the process?\n\n## What if I don’t see my area listed?\n\n## What if I don't see my area listed?\n\n## For each month of the rollout, is access provided on the 1st of the month?\n",
			[]string{"what-is-the-process", "what-if-i-dont-see-my-area-listed", "what-if-i-dont-see-my-area-listed-1", "for-each-month-of-the-rollout-is-access-provided-on-the-1st-of-the-month"},
			[]string{"5: " + fmt.Sprintf(askedWarning, "What if I don’t see my area listed?", 3)}},
		{"ascii as goldmark", "# Title\n\n## Why -- not_now?\n\n## What — is it?\n\n## [A link](/faq/) *here*\n\n### `code` & more\n\nSetext\n======\n",
			[]string{"title", "why----not-now", "what--is-it", "a-linkfaq-here", "code--more", "setext"}, nil},
		{"explicit id", "## How long? {#duration}\n\n## Other {id=other_1}\n\n## Quoted {id=\"quoted-id\"}\n", []string{"duration", "other_1", "quoted-id"}, nil},

		// 1. Attribute values that are not text: never a panic.
		{"number id", "## Q {id=2018}\n", []string{"2018"}, nil},
		{"negative and decimal number ids", "## Q {id=-7}\n\n## R {id=1.5}\n", []string{"-7", "r"},
			[]string{`3: the id "1.5" is not published: a heading's {#id} is letters, digits, - and _; this heading is published as #r`}},
		{"boolean and null ids", "## Q {id=true}\n\n## R {id=false}\n\n## S {id=null}\n", []string{"true", "false", "null"}, nil},
		{"list id", "## Q {id=[1]}\n", []string{"q"},
			[]string{"1: the id of this heading is not published: it must be a word such as {#duration}, of letters, digits, - and _; this heading is published as #q"}},
		{"group id", "## Q {id={a=b}}\n", []string{"q"},
			[]string{"1: the id of this heading is not published: it must be a word such as {#duration}, of letters, digits, - and _; this heading is published as #q"}},
		{"setext number id", "Q {id=1}\n===\n\nR {id=[true]}\n---\n", []string{"1", "r"},
			[]string{"4: the id of this heading is not published: it must be a word such as {#duration}, of letters, digits, - and _; this heading is published as #r"}},
		{"number class", "## Q {class=1}\n", []string{"q-class1"}, nil}, // not an attribute: goldmark leaves the text
		{"other values not text", "## Q {title=1 lang=[1,2] dir={a=b} tabindex=-1 hidden=true}\n", []string{"q"},
			[]string{"1: " + fmt.Sprintf(attrWarning, "title"), "1: " + fmt.Sprintf(attrWarning, "lang"), "1: " + fmt.Sprintf(attrWarning, "dir"), "1: " + fmt.Sprintf(attrWarning, "tabindex"), "1: " + fmt.Sprintf(attrWarning, "hidden")}},

		// 2. Only an explicit heading id is published.
		{"class", "## Q {.warning .big}\n", []string{"q"}, []string{"1: " + fmt.Sprintf(attrWarning, "class")}},
		{"style and handlers", "Text.\n\n## Q {#q style=\"display:none\" onclick=\"alert(1)\" onmouseover=x}\n", []string{"q"},
			[]string{"3: " + fmt.Sprintf(attrWarning, "style"), "3: " + fmt.Sprintf(attrWarning, "onclick"), "3: " + fmt.Sprintf(attrWarning, "onmouseover")}},
		{"global attributes", "# T {inert=true autofocus=true contenteditable=true accesskey=s lang=ar dir=rtl data-x=1 translate=no}\n", []string{"t"},
			[]string{"1: " + fmt.Sprintf(attrWarning, "inert"), "1: " + fmt.Sprintf(attrWarning, "autofocus"), "1: " + fmt.Sprintf(attrWarning, "contenteditable"), "1: " + fmt.Sprintf(attrWarning, "accesskey"),
				"1: " + fmt.Sprintf(attrWarning, "lang"), "1: " + fmt.Sprintf(attrWarning, "dir"), "1: " + fmt.Sprintf(attrWarning, "data-x"), "1: " + fmt.Sprintf(attrWarning, "translate")}},
		{"id that is not a word", "## Q {#a.b}\n\n## R {id=\"has space\"}\n\n## S {id=\"<x>\"}\n\n## T {#}\n", []string{"q", "r", "s", "t"}, []string{
			`1: the id "a.b" is not published: a heading's {#id} is letters, digits, - and _; this heading is published as #q`,
			`3: the id "has space" is not published: a heading's {#id} is letters, digits, - and _; this heading is published as #r`,
			`5: the id "<x>" is not published: a heading's {#id} is letters, digits, - and _; this heading is published as #s`,
			`7: the id "" is not published: a heading's {#id} is letters, digits, - and _; this heading is published as #t`}},
		{"reserved automatic ids", "## Schedule\n\n## Main\n\n## Find\n\n## Schedule\n", []string{"schedule-1", "main-1", "find-1", "schedule-2"},
			[]string{"7: " + fmt.Sprintf(askedWarning, "Schedule", 1)}},
		{"reserved explicit ids", "## Q {#finder}\n\n## R {id=toc-h}\n", []string{"finder-1", "toc-h-1"}, []string{
			"1: the id #finder is one the page's layout uses; this heading is published as #finder-1; choose another {#id}",
			"3: the id #toc-h is one the page's layout uses; this heading is published as #toc-h-1; choose another {#id}"}},

		// 3. Ids are unique on a page and readable in every script.
		{"repeated questions", "## Why?\n\n## Why?\n\n## why ?\n", []string{"why", "why-1", "why-"},
			[]string{"3: " + fmt.Sprintf(askedWarning, "Why?", 1)}},
		{"asked three times", "## Why?\n\n## Why?\n\n## Why?\n", []string{"why", "why-1", "why-2"},
			[]string{"3: " + fmt.Sprintf(askedWarning, "Why?", 1), "5: " + fmt.Sprintf(askedWarning, "Why?", 1)}},
		{"asked again in other words", "## Why *not*?\n\n## WHY   not?\n\n## Why not? {#why-not-2}\n\n> ## Why not?\n", []string{"why-not", "why---not", "why-not-2", "why-not-1"},
			[]string{"3: " + fmt.Sprintf(askedWarning, "WHY   not?", 1), "5: " + fmt.Sprintf(askedWarning, "Why not?", 1)}},
		{"explicit repeats explicit", "## A {#same}\n\nText.\n\n## B {#same}\n", []string{"same", "same-1"},
			[]string{"5: the id #same is already the id of the heading at line 1; this heading is published as #same-1; choose another {#id}"}},
		{"explicit repeats automatic", "## Duration\n\n## How long? {#duration}\n", []string{"duration", "duration-1"},
			[]string{"3: the id #duration is already the id of the heading at line 1; this heading is published as #duration-1; choose another {#id}"}},
		{"automatic repeats explicit", "## How long? {#duration}\n\n## Duration\n", []string{"duration", "duration-1"}, nil},
		{"explicit takes a suffix", "## A\n\n## A\n\n## B {#a-1}\n\n## A\n", []string{"a", "a-1", "a-1-1", "a-2"},
			[]string{"3: " + fmt.Sprintf(askedWarning, "A", 1), "5: the id #a-1 is already the id of the heading at line 3; this heading is published as #a-1-1; choose another {#id}", "7: " + fmt.Sprintf(askedWarning, "A", 1)}},
		{"nested headings count", "> ## Why?\n\n- ## Why?\n\n## Why?\n", []string{"why", "why-1", "why-2"}, nil},
		{"chinese", "## 常见问题\n\n## 培训需要多长时间？\n", []string{"常见问题", "培训需要多长时间"}, nil},
		{"arabic", "## ما هي العملية؟\n", []string{"ما-هي-العملية"}, nil},
		{"cyrillic", "## Что такое «курс»?\n\n## Что такое «курс»?\n", []string{"что-такое-курс", "что-такое-курс-1"},
			[]string{"3: " + fmt.Sprintf(askedWarning, "Что такое «курс»?", 1)}},
		{"greek", "## Τι είναι η εκπαίδευση;\n", []string{"τι-είναι-η-εκπαίδευση"}, nil},
		{"accented latin", "## Qu’est-ce que l’été ?\n", []string{"quest-ce-que-lété"}, nil},
		{"devanagari marks", "## हिन्दी में\n", []string{"हिन्दी-में"}, nil},
		{"emoji only", "# 🎉\n\n## 🎉🎉\n\n## ✅ — ✅\n", []string{"section-1", "section-2", "section-3"}, nil},
		{"emoji and words", "## 🎉 Party time!\n", []string{"party-time"}, nil},
		{"no letters", "## ?\n\n## - -\n\n## --\n\n## 2018\n", []string{"section-1", "section-2", "section-3", "2018"}, nil},
		{"fallback is unique", "## Q {#section-2}\n\n## ?\n", []string{"section-2", "section-2-1"}, nil},
		{"empty heading", "##\n\n## {#}\n", []string{"section-1", "section-2"},
			[]string{`3: the id "" is not published: a heading's {#id} is letters, digits, - and _; this heading is published as #section-2`}},
		{"explicit id in another script", "## Q {#вопрос}\n", []string{"вопрос"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New().Convert("p.md", "/p/", []byte(tt.md), 1, "/", nil)
			if err != nil {
				t.Fatal(err)
			}
			if have := headingIDsOf(t, []byte(r.HTML)); !slices.Equal(have, tt.ids) {
				t.Errorf("ids:\nhave %q\nwant %q\n%s", have, tt.ids, r.HTML)
			}
			var have []string
			for _, w := range r.Warnings {
				have = append(have, strings.TrimPrefix(w.Error(), "p.md:"))
			}
			if !slices.Equal(have, tt.warnings) {
				t.Errorf("warnings:\nhave %q\nwant %q", have, tt.warnings)
			}
			for _, q := range r.Questions { // a question's id is its heading's
				if !strings.Contains(string(r.HTML), `<h2 id="`+q.ID+`">`) {
					t.Errorf("question %q: no heading with id %q", q.Text, q.ID)
				}
			}
		})
	}
}

// TestQuestions: a FAQ page's questions, their ids and lines, in a file
// whose body starts at line 5.
func TestQuestions(t *testing.T) {
	md := "Intro.\n\n## What is the process? {#process}\n\nFirst.\n\n## Why? {id=2018 class=x}\n\nSecond.\n\n## Что это?\n\n##\n\nLast.\n"
	r, err := New().Convert("content/faq/_index.md", "/faq/", []byte(md), 5, "/", nil)
	if err != nil {
		t.Fatal(err)
	}
	type q struct {
		ID, Text, Answer string
		Line             int
	}
	var have []q
	for _, x := range r.Questions {
		have = append(have, q{x.ID, x.Text, strings.TrimSpace(string(x.Answer)), x.Line})
	}
	want := []q{
		{"process-1", "What is the process?", "<p>First.</p>", 7},
		{"2018", "Why?", "<p>Second.</p>", 11},
		{"что-это", "Что это?", "", 15},
		{"section-4", "", "<p>Last.</p>", 17},
	}
	if !slices.Equal(have, want) {
		t.Errorf("questions:\nhave %+v\nwant %+v", have, want)
	}
	wantWarnings := []string{
		"content/faq/_index.md:7: the id #process is one the page's layout uses; this heading is published as #process-1; choose another {#id}",
		"content/faq/_index.md:11: the attribute class is not published; only a heading's {#id} is",
	}
	var warnings []string
	for _, w := range r.Warnings {
		warnings = append(warnings, w.Error())
	}
	if !slices.Equal(warnings, wantWarnings) {
		t.Errorf("warnings:\nhave %q\nwant %q", warnings, wantWarnings)
	}
}

// TestReserved: the reserved ids are the converter's own.
func TestReserved(t *testing.T) {
	md := []byte("## Schedule\n\n## Wave 2018-05 {#wave-2018-05}\n")
	for _, tt := range []struct {
		name     string
		md       Converter
		ids      []string
		warnings int
	}{
		{"default", New(), []string{"schedule-1", "wave-2018-05"}, 0},
		{"given", New("wave-2018-05"), []string{"schedule", "wave-2018-05-1"}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.md.Convert("p.md", "/p/", md, 1, "/", nil)
			if err != nil {
				t.Fatal(err)
			}
			if have := headingIDsOf(t, []byte(r.HTML)); !slices.Equal(have, tt.ids) || len(r.Warnings) != tt.warnings {
				t.Errorf("have %q and %d warnings, want %q and %d", have, len(r.Warnings), tt.ids, tt.warnings)
			}
		})
	}
	if d := DefaultReserved(); !slices.Contains(d, "main") || !slices.Contains(d, "find-result") || !slices.Contains(d, "separate-h") {
		t.Errorf("DefaultReserved() = %q", d)
	}
}

// panicParser fails on "!!", standing for a bug in goldmark.
type panicParser struct{}

func (panicParser) Trigger() []byte { return []byte{'!'} }
func (panicParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	if line, _ := block.PeekLine(); strings.HasPrefix(string(line), "!!") {
		panic("boom")
	}
	return nil
}

// TestConvertDoesNotPanic: a panic in goldmark is an error naming the page.
func TestConvertDoesNotPanic(t *testing.T) {
	g := goldmark.New(goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(panicParser{}, 1))))
	md := Converter{full: g, noLinks: g}
	for _, tt := range []struct{ name, md, err string }{
		{"fine", "Fine!\n", ""},
		{"panics", "Fine.\n\nNot fine!!\n", "content/x.md:4: this page could not be converted (boom); undo your last change to its Markdown, and report the problem to the site's maintainers"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := md.Convert("content/x.md", "/x/", []byte(tt.md), 4, "/", nil)
			switch {
			case tt.err == "" && err != nil:
				t.Fatal(err)
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Fatalf("have error %v\nwant %s", err, tt.err)
			case tt.err != "" && r.HTML != "":
				t.Fatalf("a page that could not be converted has HTML: %s", r.HTML)
			}
		})
	}
}

// TestCheckUTF8: text that is not UTF-8 is refused at the line of its
// first bad byte, in a body that starts at line 4 of its file.
func TestCheckUTF8(t *testing.T) {
	const msg = "this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"
	for _, tt := range []struct{ name, body, want string }{
		{"UTF-8", "Café, 常见问题, 🎉.\n", ""},
		{"Latin-1 on the first line", "caf\xe9\n", "content/s.md:4: " + msg},
		{"Latin-1 further down", "Text.\n\n## Q\n\xe8\n\xe9\n", "content/s.md:7: " + msg},
		{"cut short at the end", "Text.\n\xe2\x82", "content/s.md:5: " + msg},
		{"overlong", "Text.\n\n\xc0\x80\n", "content/s.md:6: " + msg},
		{"surrogate", "\xed\xa0\x80\n", "content/s.md:4: " + msg},
		{"in a code block", "```\n\xff\n```\n", "content/s.md:5: " + msg},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := Check("content/s.md", []byte(tt.body), 4)
			if have := fmt.Sprint(err); (err == nil) != (tt.want == "") || err != nil && have != tt.want {
				t.Errorf("have error\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TestHeadingLimit: a page may have maxHeadings headings, counted at
// every level and inside quotes and lists, and not one more; the error is
// at the first heading past the limit, in a body that starts at line 4.
func TestHeadingLimit(t *testing.T) {
	const quarter = maxHeadings / 4
	within := strings.Repeat("# Q\n", quarter) + strings.Repeat("> ## Q\n", quarter) + strings.Repeat("- ### Q\n", quarter) + strings.Repeat("Q\n=\n\n", quarter)
	if _, err := New().Convert("content/h.md", "/h/", []byte(within), 4, "/", nil); err != nil {
		t.Fatalf("%d headings: %v", maxHeadings, err)
	}
	over := within + "Text.\n\n## One more\n\n## And another\n"
	_, err := New().Convert("content/h.md", "/h/", []byte(over), 4, "/", nil)
	line := 4 + 3*quarter + 3*quarter + 2
	want := fmt.Sprintf("content/h.md:%d: this is heading 2001 of the page's 2002, more than the 2000 a page can have; split it into several pages", line)
	if err == nil || err.Error() != want {
		t.Errorf("have error\n%v\nwant\n%s", err, want)
	}
}

// TestCiteByAlias: a citation may name an area or a unit by one of its
// aliases, as the finder does.
func TestCiteByAlias(t *testing.T) {
	sched, err := schedule.Parse("s.yaml", []byte("- month: 2018-02\n  areas:\n    - name: Office of the Treasurer\n      aliases: [OT]\n      includes:\n        - name: Human Resources\n          aliases: [HR]\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New().Convert("p.md", "/p/", []byte("HR in {month of HR}, OT in {month of ot}.\n"), 1, "/", sched)
	if err != nil {
		t.Fatal(err)
	}
	if want := "HR in February, OT in February."; !strings.Contains(string(r.HTML), want) {
		t.Errorf("have %s, want it to contain %q", r.HTML, want)
	}
}

// TestCiteInLanguage: a page cites the place a name has in its own
// language, where another place has the same name in another language.
func TestCiteInLanguage(t *testing.T) {
	sched, err := schedule.Parse("s.yaml", []byte("- month: 2018-02\n  areas:\n    - name: Human Resources\n      translations: {es: Recursos Humanos}\n- month: 2018-03\n  areas:\n    - name: MIT Police\n      translations: {fr: Recursos Humanos}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		opts []Option
		want string
	}{
		{nil, "In February."},
		{[]Option{In("es")}, "In February."},
		{[]Option{In("fr")}, "In March."},
	} {
		r, err := New().Convert("p.md", "/p/", []byte("In {month of Recursos Humanos}.\n"), 1, "/", sched, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(r.HTML), tt.want) {
			t.Errorf("%d options: have %s, want it to contain %q", len(tt.opts), r.HTML, tt.want)
		}
	}
}

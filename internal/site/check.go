package site

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	htmlparse "github.com/tdewolff/parse/v2/html"

	"rollout/internal/diag"
	"rollout/internal/markdown"
)

// Stage 5, the link check: every page a build makes is scanned once, when
// its bytes are new (scanOutput), for its ids, its links and what the
// site's promises need (promises.go), and each link is resolved against
// the page's own address. The check then looks the links up among the
// build's files and ids, which are map lookups. A broken link or anchor
// is an error of every build; a page that readers cannot reach and a
// promise a layout does not keep are warnings of the build and problems
// of Check, which rollout check fails on.
//
// A rebuild scans only the pages whose output changed, and checks again
// the links of the pages it rendered, and when a file came or went or a
// page's ids changed, those of the pages that link to it, which the index
// of links (checkState.linkedFrom) tells without reading every page's.

// A link found in a page of the built site.
type link struct {
	from  *Page  // the page it is on
	value string // as written in the page, unescaped
}

// target is a link of a page resolved against the page's address, as far
// as that can be done without the other pages.
type target struct {
	value string // as written in the page, unescaped
	// toSite: the output file it names, such as "faq/index.html";
	// toOther: the address; badScheme: the scheme.
	name   string
	frag   string     // toSite: the #fragment, without the "#"
	kind   targetKind //
	folder bool       // toSite: name may be a folder written without its final slash, published as name/index.html
}

// alt returns the folder's page a link to name may mean, or "".
func (t *target) alt() string {
	if !t.folder {
		return ""
	}
	return t.name + "/index.html"
}

type targetKind uint8

const (
	toSite     targetKind = iota // a file of the site
	toOther                      // another site: listed, not visited
	toMail                       // mailto: and tel:
	notAddress                   // not a valid address
	badScheme                    // a scheme that is not published
	outside                      // a path outside the base path
)

// pageCheck is what the link check holds of one built page: what was
// read of its output, and the problems found on it when it was last
// checked. It is not modified once made: a build that fails leaves the
// last good build's intact.
type pageCheck struct {
	pub   published
	links []target  // the links of the page (pub.links, which it takes over), resolved, once each
	count int       // the links of the page, as often as each is written
	edges []string  // the output files its links lead to, sorted, once each
	errs  []problem // its broken links and anchors
	warns []error   // the promises its layout does not keep
}

// problem is a broken link or anchor. key is its file, line and message
// without the page it was seen on: a layout's broken link is on every
// page, and reported once.
type problem struct {
	key string
	err error
}

// checkState is what the link check keeps of the last good build.
type checkState struct {
	pages map[string]*pageCheck // by output file
	// linkedFrom is the index of links: for each output file, the pages
	// (by output file) with a link that may lead to it, by its name or
	// as a folder written without its final slash (see target.alt).
	linkedFrom  map[string]map[string]bool
	unreachable []error // pages no page links to
	warnings    []error // every warning of the check, sorted: unreachable pages and promises
}

// index adds the links of page out, which pc holds, to the index of
// links, or with add false, takes them out of it. A nil pc has none.
func (cs *checkState) index(out string, pc *pageCheck, add bool) {
	if pc == nil {
		return
	}
	for i := range pc.links {
		t := &pc.links[i]
		if t.kind != toSite {
			continue
		}
		names := []string{t.name}
		if t.folder {
			names = append(names, t.alt())
		}
		for _, name := range names {
			from := cs.linkedFrom[name]
			switch {
			case add && from == nil:
				cs.linkedFrom[name] = map[string]bool{out: true}
			case add:
				from[out] = true
			default:
				delete(from, out)
				if len(from) == 0 {
					delete(cs.linkedFrom, name)
				}
			}
		}
	}
}

// sameSlice reports whether a and b are the same slice of links.
func sameSlice(a, b []target) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// scanned scans the output data of page p and resolves its links; schema
// is p's FAQSchema when known, or "". It is safe for concurrent use.
func (b *Builder) scanned(p *Page, data []byte, schema template.JS) *pageCheck {
	pc := &pageCheck{pub: scanOutput(p, data, schema)}
	pc.count = len(pc.pub.links)
	seen := make(map[string]bool, len(pc.pub.links))
	distinct := pc.pub.links[:0]
	for _, v := range pc.pub.links {
		if !seen[v] {
			seen[v] = true
			distinct = append(distinct, v)
		}
	}
	pc.links = make([]target, len(distinct))
	for i, v := range distinct {
		pc.links[i] = b.links.resolve(p.URL, v)
	}
	pc.pub.links = nil // in pc.links
	return pc
}

// scanOutput reads what the link check needs of page p's output: its
// ids, its links, its FAQPage JSON-LD and its finder names. It makes
// strings only of the attributes it keeps, and JSON-LD that is p's own
// FAQSchema, as layouts write it, gives p's questions without being
// decoded; schema is p's FAQSchema when the caller has it, or "". It is
// safe for concurrent use.
func scanOutput(p *Page, page []byte, schema template.JS) published {
	return scanTokens(p, page, schema, true)
}

// scanTokens is scanOutput; with skip false, it lexes the text between
// tags as well, as the tests' reference.
func scanTokens(p *Page, page []byte, schema template.JS, skip bool) published {
	pub := published{ids: map[string]bool{}}
	ids := map[string]bool{} // id attributes, without <a name>
	// readLD reads the text of a script of JSON-LD. When it is p's own
	// FAQSchema, decoding it would give back the questions' texts, which
	// JSON keeps as they are when they are UTF-8.
	readLD := func(data []byte) {
		if schema == "" && len(p.Questions) > 0 {
			schema = p.FAQSchema()
		}
		if schema == "" || string(data) != string(schema) || !validTexts(p.Questions) {
			addFAQNames(&pub, data)
			return
		}
		if pub.faqSchema == nil {
			pub.faqSchema = map[string]bool{}
		}
		for _, q := range p.Questions {
			pub.faqSchema[q.Text] = true
		}
	}
	z := parse.NewInputBytes(page)
	l := htmlparse.NewLexer(z)
	// skipText moves the lexer, between tags, to the next "<", or reports
	// that none is left: the text between is not read, and the lexer
	// would read it byte by byte. Where that "<" starts no tag, the
	// lexer reads on from it as from the text before it.
	skipText := func() bool {
		if !skip {
			return true
		}
		i := bytes.IndexByte(z.Bytes()[z.Offset():], '<')
		z.Move(max(i, 0))
		z.Skip()
		return i >= 0
	}
	var tag []byte
	ldJSON := false // inside <script type=application/ld+json>
	for {
		tt, data := l.Next()
		switch tt {
		case htmlparse.ErrorToken:
			return pub
		case htmlparse.StartTagToken:
			tag = l.Text()
			ldJSON = false
		case htmlparse.EndTagToken:
			ldJSON = false
			if !skipText() {
				return pub
			}
		case htmlparse.StartTagCloseToken:
			// JSON-LD has no "<" but that of its end tag (json.Marshal
			// writes \u003c): it is read at once, the lexer going on
			// from the end tag, rather than byte by byte by the lexer.
			// The text of the other elements whose text the lexer reads
			// as text, not as tags (<script>, <style>, <title> ...), is
			// read by the lexer.
			if !ldJSON {
				if !rawText(tag) && !skipText() {
					return pub
				}
				continue
			}
			rest := z.Bytes()[z.Offset():]
			if i := bytes.IndexByte(rest, '<'); i >= 0 && scriptEnd(rest[i:]) {
				if i > 0 {
					readLD(rest[:i])
				}
				z = parse.NewInputBytes(rest[i:])
				l = htmlparse.NewLexer(z)
			}
		case htmlparse.AttributeToken:
			key := string(l.AttrKey()) // on the stack: it does not outlive the token
			var keep bool
			switch key {
			case "id", "data-names":
				keep = true
			case "name":
				keep = string(tag) == "a"
			case "href":
				keep = isTag(tag, "a", "link", "area")
			case "src":
				keep = isTag(tag, "script", "img", "source", "iframe", "audio", "video")
			case "type":
				keep = string(tag) == "script"
			}
			if !keep {
				continue
			}
			val := l.AttrVal()
			if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') {
				val = val[1 : len(val)-1]
			}
			var v string
			if bytes.IndexByte(val, '&') >= 0 {
				v = html.UnescapeString(string(val))
			} else {
				v = string(val)
			}
			switch key {
			case "id":
				if ids[v] && !slices.Contains(pub.twice, v) {
					pub.twice = append(pub.twice, v)
				}
				ids[v], pub.ids[v] = true, true
			case "name":
				pub.ids[v] = true
			case "href", "src":
				if v != "" {
					pub.links = append(pub.links, v)
				}
			case "type":
				ldJSON = ldJSON || v == "application/ld+json"
			case "data-names":
				if pub.finder == nil {
					pub.finder = map[string]bool{}
				}
				for _, name := range strings.Split(v, "|") {
					pub.finder[name] = true
				}
			}
		case htmlparse.TextToken:
			if ldJSON {
				readLD(data)
			}
		}
	}
}

// rawText reports whether the text of the element tag is read as text
// by the HTML lexer, tags and all, up to the element's end tag.
func rawText(tag []byte) bool {
	switch string(tag) {
	case "textarea", "title", "style", "xmp", "iframe", "script", "plaintext":
		return true
	}
	return false
}

// scriptEnd reports whether b starts with the end tag of a script, as the
// HTML lexer finds it: "</script" in any case, and no letter after it.
func scriptEnd(b []byte) bool {
	const end = "</script"
	if len(b) < len(end) || string(b[:2]) != "</" || !strings.EqualFold(string(b[2:len(end)]), end[2:]) {
		return false
	}
	if len(b) == len(end) {
		return true
	}
	c := b[len(end)]
	return !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
}

// isTag reports whether tag is one of names.
func isTag(tag []byte, names ...string) bool {
	return slices.Contains(names, string(tag))
}

// validTexts reports whether the text of every question is UTF-8.
func validTexts(qs []markdown.Question) bool {
	for _, q := range qs {
		if !utf8.ValidString(q.Text) {
			return false
		}
	}
	return true
}

// resolve resolves link v of the page at site path from.
func (ls links) resolve(from, v string) target {
	t := target{value: v}
	if plainPath(v) {
		// What url.Parse and ResolveReference would give, most links of
		// a page, for less: a site path with no dot segments, no
		// escapes, no query.
		p, frag, _ := strings.Cut(v, "#")
		if rest, ok := strings.CutPrefix(p, ls.basePath); ok {
			t.name, t.frag = rest, frag
			if rest == "" || strings.HasSuffix(rest, "/") {
				t.name += "index.html"
			} else {
				t.folder = true
			}
			return t
		}
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
		t.kind = notAddress
		return t
	case u.Scheme == "mailto" || u.Scheme == "tel":
		t.kind = toMail
		return t
	case u.Scheme == "webcal":
		// A calendar app's subscription: the http(s) address it stands
		// for, checked as that.
		u.Scheme = "https"
		if strings.HasPrefix(ls.Origin, "http:") {
			u.Scheme = "http"
		}
		fallthrough
	case u.Scheme == "http" || u.Scheme == "https" || (u.Scheme == "" && u.Host != ""):
		abs := u.String()
		if ls.Origin == "" || !strings.HasPrefix(abs, ls.Origin+ls.basePath) && abs+"/" != ls.Origin+ls.basePath {
			t.kind, t.name = toOther, abs
			return t
		}
		u, _ = url.Parse(strings.TrimPrefix(abs, ls.Origin))
	case u.Scheme != "":
		t.kind, t.name = badScheme, u.Scheme
		return t
	}
	// Resolve against the page's own address under the base path.
	base := &url.URL{Path: ls.path(from)}
	to := base.ResolveReference(u)
	rest, ok := strings.CutPrefix(to.Path, ls.basePath)
	if !ok && to.Path+"/" != ls.basePath {
		t.kind = outside
		return t
	}
	t.name, t.frag = rest, to.Fragment
	if rest == "" || strings.HasSuffix(rest, "/") {
		t.name += "index.html"
	} else {
		t.folder = true
	}
	return t
}

// plainPath reports whether v is a site path of letters, digits, "-",
// "_", "." and "/" only, with no dot segment or empty one, and maybe a
// #fragment of the same characters.
func plainPath(v string) bool {
	if len(v) < 1 || v[0] != '/' || strings.Contains(v, "//") || strings.Contains(v, "/.") {
		return false
	}
	hash := false
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '/':
		case c == '#' && !hash:
			hash = true
		default:
			return false
		}
	}
	return true
}

// checker checks the links of one build's site.
type checker struct {
	b       *Builder
	s       *Site
	has     func(name string) bool      // whether the build has that output file
	page    func(out string) *pageCheck // the check of the page at that output file, or nil
	layouts map[[2]string]string        // layout name and link as written -> the layout file that writes it
}

// check checks the links of page p, whose output pc holds, and the
// promises its layout keeps, and returns a copy of pc with what it found.
func (c *checker) check(p *Page, pc *pageCheck) *pageCheck {
	n := &pageCheck{pub: pc.pub, links: pc.links, count: pc.count}
	var seen map[string]bool
	report := func(l link, msg string) {
		if seen == nil {
			seen = map[string]bool{}
		}
		src, line := c.origin(l)
		e := diag.Errorf(src, line, "%s", msg)
		key := e.Path + "\x00" + fmt.Sprint(e.Line) + "\x00" + msg
		switch {
		case strings.HasPrefix(src, "layouts/"):
			e.Msg += " (on " + l.from.URL + " and maybe other pages)"
		case src != l.from.Path:
			e.Msg += " (where " + l.from.URL + " shows this page's text)"
		}
		if !seen[key] {
			seen[key] = true
			n.errs = append(n.errs, problem{key, e})
		}
	}
	for _, t := range pc.links {
		l := link{p, t.value}
		switch t.kind {
		case toMail, toOther:
			continue
		case notAddress:
			report(l, fmt.Sprintf("link %q is not a valid address", t.value))
			continue
		case badScheme:
			report(l, fmt.Sprintf("link %q uses %s:, which is not published; link with https: or a site path such as /faq/", t.value, t.name))
			continue
		case outside:
			report(l, fmt.Sprintf("link to %s is outside the site, which is published under %s; write site paths such as /faq/", readable(c.asWritten(l)), c.s.basePath))
			continue
		}
		name := t.name
		if !c.has(name) {
			if alt := t.alt(); alt == "" || !c.has(alt) {
				report(l, fmt.Sprintf("link to %s goes nowhere: there is no page or file at that address", readable(c.asWritten(l))))
				continue
			}
			name = t.alt()
		}
		n.edges = append(n.edges, name)
		if t.frag != "" && strings.HasSuffix(name, ".html") {
			if q := c.page(name); q != nil && !q.pub.ids[t.frag] {
				report(l, fmt.Sprintf("link to %s: %s has no #%s on it", readable(c.asWritten(l)), urlOf(name), t.frag))
			}
		}
	}
	slices.Sort(n.edges)
	n.edges = slices.Compact(n.edges)
	n.warns = promises(c.s, p, pc.pub)
	return n
}

// checkBuild checks the links, the reachability and the promises of site
// s, which a build made. has tells which output files the build has;
// rendered are the pages it rendered, and scanned holds, by output file,
// the scan of each page whose output is new or changed. added and removed
// are the output files that came and went since the last good build. It
// returns the check's warnings; keep, which makes what was found the last
// good build's; and the broken links and anchors, joined.
func (b *Builder) checkBuild(s *Site, has func(string) bool, rendered []*Page, scanned map[string]*pageCheck, added, removed []string) (warnings []error, keep func(), err error) {
	old := b.checked.pages
	// The files whose links lead elsewhere now, from any page: those
	// that came or went, and the pages whose ids changed.
	moved := append(slices.Clip(added), removed...)
	for out, pc := range scanned {
		if prev := old[out]; prev != nil && !maps.Equal(prev.pub.ids, pc.pub.ids) {
			moved = append(moved, out)
		}
	}
	c := &checker{b: b, s: s, has: has, layouts: map[[2]string]string{}, page: func(out string) *pageCheck {
		if pc := scanned[out]; pc != nil {
			return pc
		}
		return old[out]
	}}
	all := old == nil
	pages := rendered
	if !all && len(moved) > 0 {
		// Every page rendered, and every other page with a link to one
		// of them, which the index of links tells.
		pages = slices.Clone(rendered)
		again := make(map[string]bool, len(rendered))
		for _, p := range rendered {
			again[p.Out] = true
		}
		for _, m := range moved {
			for out := range b.checked.linkedFrom[m] {
				// A page's output file tells its address (pageURL); a
				// page gone since is in no page's address.
				if p := s.byURL[urlOf(out)]; p != nil && p.Out == out && !again[out] {
					again[out] = true
					pages = append(pages, p)
				}
			}
		}
	}
	if all {
		pages = s.Pages
	}
	fresh := make(map[string]*pageCheck, len(pages))
	reach := all || len(removed) > 0
	for _, p := range pages {
		pc := c.page(p.Out)
		if pc == nil {
			continue // a page that failed to render; the build fails
		}
		n := c.check(p, pc)
		if prev := old[p.Out]; prev == nil || !slices.Equal(prev.edges, n.edges) {
			reach = true
		}
		fresh[p.Out] = n
	}
	get := func(out string) *pageCheck {
		if pc := fresh[out]; pc != nil {
			return pc
		}
		return old[out]
	}
	unreachable := b.checked.unreachable
	keep = func() {
		if all || len(removed) > 0 {
			b.checked.pages = make(map[string]*pageCheck, len(s.Pages))
			b.checked.linkedFrom = map[string]map[string]bool{}
			for _, p := range s.Pages {
				pc := get(p.Out)
				b.checked.pages[p.Out] = pc
				b.checked.index(p.Out, pc, true)
			}
		} else {
			for out, n := range fresh {
				if prev := old[out]; prev == nil || !sameSlice(prev.links, n.links) {
					b.checked.index(out, prev, false)
					b.checked.index(out, n, true)
				}
			}
			maps.Copy(b.checked.pages, fresh)
		}
		b.checked.unreachable, b.checked.warnings = unreachable, warnings
	}

	// The last good build had no broken links; while the pages checked
	// again found what they found then, in the same order of pages, its
	// warnings still hold. Else gather every page's problems.
	same := !all && !reach && len(moved) == 0 && b.changed&(inListing|inSchedule) == 0
	for out, n := range fresh {
		if !same {
			break
		}
		same = sameProblems(old[out], n)
	}
	if same {
		return b.checked.warnings, keep, nil
	}
	var errs diag.List
	reported := map[string]bool{}
	finders := 0
	for _, p := range s.Pages {
		pc := get(p.Out)
		if pc == nil {
			continue // not rendered: the build failed before the check
		}
		for _, e := range pc.errs {
			if !reported[e.key] {
				reported[e.key] = true
				errs = append(errs, e.err)
			}
		}
		warnings = append(warnings, pc.warns...)
		if pc.pub.finder != nil {
			finders++
		}
	}
	if e := noFinder(s, finders); e != nil {
		warnings = append(warnings, e)
	}
	if reach {
		unreachable = b.unreachable(s, get)
	}
	warnings = append(warnings, unreachable...)
	sortProblems(warnings)
	return warnings, keep, errs.Err()
}

// sameProblems reports whether a page's check found the same problems as
// before, and has the area finder as before.
func sameProblems(before, now *pageCheck) bool {
	if before == nil || (before.pub.finder == nil) != (now.pub.finder == nil) || len(before.errs) != len(now.errs) || len(before.warns) != len(now.warns) {
		return false
	}
	for i := range now.errs {
		if before.errs[i].key != now.errs[i].key || before.errs[i].err.Error() != now.errs[i].err.Error() {
			return false
		}
	}
	for i := range now.warns {
		if before.warns[i].Error() != now.warns[i].Error() {
			return false
		}
	}
	return true
}

// unreachable returns a problem for each page of s that cannot be reached
// from the home page, get giving each page's check.
func (b *Builder) unreachable(s *Site, get func(out string) *pageCheck) []error {
	reached := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		pc := get(n)
		if pc == nil {
			continue // a file that is not a page
		}
		for _, m := range pc.edges {
			if !reached[m] {
				reached[m] = true
				queue = append(queue, m)
			}
		}
	}
	var problems []error
	for _, p := range s.Pages {
		if !reached[p.Out] && p.Key() != "/404.html" {
			problems = append(problems, diag.Errorf(p.Path, 0, "no page links to %s, so readers cannot find it; link it from another page or give it a menu label (menu: ...)", p.URL))
		}
	}
	return problems
}

// sortProblems sorts problems by file and line, as every list of problems
// is; a problem that names no file comes last.
func sortProblems(problems []error) {
	slices.SortStableFunc(problems, func(a, b error) int {
		var da, db *diag.Error
		aok, bok := errors.As(a, &da), errors.As(b, &db)
		switch {
		case aok && bok:
			return cmp.Or(strings.Compare(da.Path, db.Path), cmp.Compare(da.Line, db.Line), cmp.Compare(da.Col, db.Col))
		case aok != bok:
			if aok {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Error(), b.Error())
	})
}

// CheckResult is what Check found.
type CheckResult struct {
	Pages, Links int      // how many pages and links were checked
	Problems     []error  // unreachable pages and the promises of layouts not kept, sorted
	External     []string // "URL (in source)" for every link to another site, sorted
}

// Check returns what the link check of the last good Build found besides
// broken links and anchors, which fail the build: the pages that cannot
// be reached from the home page, and the promises layouts do not keep
// (see promises), which a build reports as warnings. It also lists the
// links to other sites, which it does not visit, with the Markdown or
// layout file each is in. res is that build's result.
func (b *Builder) Check(res *Result) *CheckResult {
	s := b.site
	cr := &CheckResult{Pages: len(s.Pages), Problems: slices.Clone(b.checked.warnings)}
	c := &checker{b: b, s: s, layouts: map[[2]string]string{}}
	external := map[string]bool{}
	for _, p := range s.Pages {
		pc := b.checked.pages[p.Out]
		if pc == nil {
			continue
		}
		cr.Links += pc.count
		for _, t := range pc.links {
			if t.kind == toOther {
				src, _ := c.origin(link{p, t.value})
				external[t.name+" (in "+src+")"] = true
			}
		}
	}
	cr.External = slices.Sorted(maps.Keys(external))
	return cr
}

// origin returns the source file, and line where known, of a link: the
// Markdown of the page or of a page its layout showed, or else the layout.
func (c *checker) origin(l link) (string, int) {
	if src, rl, ok := c.relativeOf(l); ok {
		return src, rl.Line
	}
	attr := html.EscapeString(l.value)
	for _, p := range c.textsOn(l.from) {
		s := string(p.Content)
		if strings.Contains(s, `href="`+attr+`"`) || strings.Contains(s, `src="`+attr+`"`) {
			return p.Path, c.b.lineOf(p.Path, l.value)
		}
	}
	// The layout file that writes it: the page's layout, the base or a
	// partial, whichever has the link as written. A layout's link is on
	// many pages: look for it once.
	name := l.from.layoutName()
	written := c.b.written(l.value)
	key := [2]string{name, written}
	if src, ok := c.layouts[key]; ok {
		return src, 0
	}
	candidates := []string{"layouts/" + name + ".html", baseName}
	partials, _ := fs.Glob(c.b.fsys, "layouts/partials/*.html")
	src := candidates[0]
	for _, f := range append(candidates, partials...) {
		if text, err := fs.ReadFile(c.b.fsys, f); err == nil && strings.Contains(string(text), written) {
			src = f
			break
		}
	}
	c.layouts[key] = src
	return src, 0
}

// textsOn returns the pages whose Markdown text may be on page p: p, the
// pages its layout names, and when its layout may show any page's text,
// every page after them.
func (c *checker) textsOn(p *Page) []*Page {
	r := c.b.readsText[p.layoutName()]
	var named []*Page
	for u := range r.named {
		if q := c.s.byURL[u]; q != nil {
			named = append(named, q)
		}
	}
	slices.SortFunc(named, func(a, b *Page) int { return cmp.Compare(c.b.index[a.Path], c.b.index[b.Path]) })
	pages := append([]*Page{p}, named...)
	if r.any {
		pages = append(pages, c.s.Pages...)
	}
	return pages
}

// relativeOf reports whether link l was written as a relative link in the
// Markdown of a page whose text is on l's page, and which page that is.
func (c *checker) relativeOf(l link) (string, markdown.RelativeLink, bool) {
	for _, p := range c.textsOn(l.from) {
		if rl, ok := p.relative[l.value]; ok {
			return p.Path, rl, true
		}
	}
	return "", markdown.RelativeLink{}, false
}

// asWritten returns link l as its author wrote it: a relative link of the
// Markdown as it is there, any other without the base path.
func (c *checker) asWritten(l link) string {
	if _, rl, ok := c.relativeOf(l); ok {
		return rl.Written
	}
	return c.b.written(l.value)
}

// written returns a link without the base path that was put in front of
// it.
func (b *Builder) written(v string) string {
	if bp := strings.TrimSuffix(b.links.basePath, "/"); bp != "" {
		return strings.TrimPrefix(v, bp)
	}
	return v
}

// lineOf finds the line of the Markdown file p where the link to v is
// written, before the base path was put in front of it.
func (b *Builder) lineOf(p, v string) int {
	src, err := fs.ReadFile(b.fsys, p)
	if err != nil {
		return 0
	}
	written := b.written(v)
	forms := []string{written, readable(written)} // Markdown links may be written either way
	for i, line := range strings.Split(string(diag.Normalize(src)), "\n") {
		for _, w := range forms {
			if strings.Contains(line, "("+w) || strings.Contains(line, "<"+w) || strings.Contains(line, ": "+w) {
				return i + 1
			}
		}
	}
	return 0
}

// readable returns link v with its percent-escapes decoded, as files are
// named (/files/Training Guide.pdf, /café/), or v when it is not validly
// encoded.
func readable(v string) string {
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}

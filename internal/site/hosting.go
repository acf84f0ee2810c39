package site

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strings"
)

// hostingFiles returns the files that static hosts such as GitHub Pages
// expect beside the pages: .nojekyll (serve the files as they are),
// robots.txt (see robots), sitemap.xml with absolute URLs (only when the
// base URL has a scheme and host), and CNAME when the home page sets a
// custom domain.
func hostingFiles(s *Site) map[string][]byte {
	files := map[string][]byte{".nojekyll": {}}
	if s.Origin != "" {
		files["sitemap.xml"] = sitemap(s)
	}
	files["robots.txt"] = robots(s)
	if s.CNAME != "" {
		files["CNAME"] = []byte(s.CNAME + "\n")
	}
	return files
}

// robots returns robots.txt. Crawlers read it only at the root of a
// host: at the site root it lets them read every page; under a sub-path
// (https://org.github.io/repo/robots.txt) no crawler reads its rules,
// which belong to whoever publishes the host's root, so it has none, and
// says so. Either way it names the sitemap by its absolute address, when
// there is one, which tools that are given the file can use.
func robots(s *Site) []byte {
	var b strings.Builder
	if s.basePath == "/" {
		b.WriteString("User-agent: *\nAllow: /\n")
	} else {
		b.WriteString("# Crawlers read robots.txt only at the root of a host, not under " + s.URL("/") + ",\n")
		b.WriteString("# so this file has no rules: the host's own robots.txt has them.\n")
	}
	if s.Origin != "" {
		b.WriteString("Sitemap: " + s.AbsURL("/sitemap.xml") + "\n")
	}
	return []byte(b.String())
}

// sitemap lists every page but the 404 page, by its absolute URL,
// percent-encoded as every link is (see links.URL). On a site in more
// than one language, each page lists its translations, itself too, as
// search engines ask (xhtml:link rel="alternate" hreflang).
func sitemap(s *Site) []byte {
	type entry struct {
		url  string
		page *Page
	}
	var pages []entry
	for _, p := range s.Pages {
		if p.Key() != "/404.html" {
			pages = append(pages, entry{s.AbsURL(p.URL), p})
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].url < pages[j].url })
	many := len(s.Languages) > 1
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if many {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	} else {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	}
	for _, e := range pages {
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(e.url))
		b.WriteString("</loc>")
		if ts := e.page.Translations(); many && len(ts) > 1 {
			for _, t := range ts {
				b.WriteString("\n<xhtml:link rel=\"alternate\" hreflang=\"" + t.Lang() + "\" href=\"")
				xml.EscapeText(&b, []byte(s.AbsURL(t.URL)))
				b.WriteString("\"/>")
			}
			b.WriteString("\n<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"")
			xml.EscapeText(&b, []byte(s.AbsURL(ts[0].URL)))
			b.WriteString("\"/>\n")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

package site

import (
	"bytes"
	"encoding/xml"
	"sort"
)

// hostingFiles returns the files that static hosts such as GitHub Pages
// expect beside the pages: .nojekyll (serve the files as they are),
// robots.txt, sitemap.xml with absolute URLs (only when the base URL has a
// scheme and host), and CNAME when the home page sets a custom domain.
func hostingFiles(s *Site) map[string][]byte {
	files := map[string][]byte{".nojekyll": {}}
	robots := "User-agent: *\nAllow: /\n"
	if s.Origin != "" {
		robots += "Sitemap: " + s.AbsURL("/sitemap.xml") + "\n"
		files["sitemap.xml"] = sitemap(s)
	}
	files["robots.txt"] = []byte(robots)
	if s.CNAME != "" {
		files["CNAME"] = []byte(s.CNAME + "\n")
	}
	return files
}

// sitemap lists every page but the 404 page, by its absolute URL,
// percent-encoded as every link is (see links.URL).
func sitemap(s *Site) []byte {
	var urls []string
	for _, p := range s.Pages {
		if p.URL != "/404.html" {
			urls = append(urls, s.AbsURL(p.URL))
		}
	}
	sort.Strings(urls)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString("<url><loc>")
		xml.EscapeText(&b, []byte(u))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

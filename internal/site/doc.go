// Package site loads a rollout site's sources and renders every file of it
// into memory. It is the content contract that communicators rely on:
//
// # Files
//
// The source folder holds content/, layouts/ and static/. Hidden files and
// editors' scratch files (names starting with "." or "#", ending in "~",
// ".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", and vim's "4913") are
// ignored everywhere.
//
// # Pages and their URLs
//
//	content/_index.md      the home page, /
//	content/x.md           /x/
//	content/dir/_index.md  /dir/
//	content/dir/x.md       /dir/x/
//	content/404.md         /404.html
//
// Two files that would be published at one URL, even differing only in
// case, are an error, as are index.md (write _index.md) and any file in
// content/ other than Markdown pages and schedule.yaml.
//
// # Front matter
//
// A page starts with front matter, YAML between "---" lines or TOML between
// "+++" lines, decoded strictly into [frontmatter.Meta]: title (required), description,
// weight, draft, date (YYYY-MM-DD), layout and menu. An unknown key is an
// error that suggests the nearest known one; a key given twice is an
// error. Values are read as the text written. A byte-order mark and CRLF
// line ends are accepted and give the same output as LF.
//
// # Markdown
//
// The body is CommonMark with GFM tables, strikethrough and autolinks, and
// typographic quotes and dashes. Every heading gets an id from its words;
// "## Text {#id}" sets one by hand. Raw HTML is not published (a warning
// names its line) and javascript: links are emptied. Links to site paths,
// such as [the FAQ](/faq/), are written under the base URL's path; relative
// links, such as [the schedule](../schedule/), are first resolved against
// the page's own address, so that they lead to the same place on every
// page that shows the text.
//
// Pages under content/faq/ are FAQ pages: each "##" heading is a question
// and the section under it, up to the next "##", is its answer. Their
// [Page.Questions], [Page.Intro] and [Page.QA] let layouts show them in
// parts or elsewhere. Every "##" heading links to itself.
//
// # The schedule
//
// content/schedule.yaml is read by package schedule and is .Site.Schedule
// in layouts.
//
// # Layouts
//
// layouts/base.html is the document every page is rendered into; every
// other layouts/*.html defines "main", and layouts/partials/*.html are
// shared pieces, included by their path. A page uses the layout its front
// matter names, or else: home for the home page, 404 for content/404.md, faq
// for pages under content/faq/, section for other _index.md files, and page
// for the rest. A layout that does not exist is an error, never a fallback.
// Templates see the [Page] as the dot, the [Site] as .Site, and the
// functions url (a site path as a URL under the base URL's path) and absURL
// (the same with the base URL's scheme and host).
//
// # Output
//
// Pages are minified HTML; static/ is copied with CSS, JS and SVG minified.
// A build is all or nothing: [Build] returns every file or every problem.
package site

package site

import (
	"bytes"
	"fmt"
	"html/template"

	"rollout/internal/diag"
)

// Stage 3, rendering: execute each page's layout into memory (a template
// that fails writes nothing), refuse values html/template found unsafe,
// and minify the page.

// renderAll renders pages on every core, and scans for the link check
// each output that is new or changed since the last good build, as it is
// made. It returns each page's output, by output file, and the scans, by
// output file; with emit, it hands each output to emit instead and
// returns only the scans.
func (b *Builder) renderAll(s *Site, pages []*Page, emit func(string, []byte) error) (map[string][]byte, map[string]*pageCheck, error) {
	outs := make([][]byte, len(pages))
	scans := make([]*pageCheck, len(pages))
	errs := make([]error, len(pages))
	parallel(len(pages), func(i int) {
		if b.ctx.Err() != nil {
			return
		}
		// The buffer is reused: emit is done with the bytes when it
		// returns, and an output that is kept is a copy, of its own size.
		out := b.buffer()
		defer b.bufs.Put(out)
		p := pages[i]
		schema, err := b.render(s, p, out)
		if errs[i] = err; err != nil {
			return
		}
		if b.checked.pages[p.Out] == nil || !bytes.Equal(out.Bytes(), b.files[p.Out]) {
			scans[i] = b.scanned(p, out.Bytes(), schema)
		}
		if emit != nil {
			errs[i] = emit(p.Out, out.Bytes())
		} else {
			outs[i] = bytes.Clone(out.Bytes())
		}
	})
	var list diag.List
	for i := range pages {
		list.Add(errs[i]) // said once: a mistake of the layouts' texts is the same on every page
	}
	if err := b.ctx.Err(); err != nil {
		list = diag.List{err}
	}
	if err := list.Err(); err != nil {
		for _, p := range pages {
			b.todo[p.Path] = true
		}
		return nil, nil, err
	}
	scanned := make(map[string]*pageCheck, len(pages))
	for i, p := range pages {
		if scans[i] != nil {
			scanned[p.Out] = scans[i]
		}
	}
	if emit != nil {
		return nil, scanned, nil
	}
	outMap := make(map[string][]byte, len(pages))
	for i, p := range pages {
		outMap[p.Out] = outs[i]
	}
	return outMap, scanned, nil
}

// render executes p's layout into memory and minifies it into out. It
// returns p's FAQSchema when the layout wrote it (see Page.faq), or "".
func (b *Builder) render(s *Site, p *Page, out *bytes.Buffer) (template.JS, error) {
	name := p.layoutName()
	t := b.layouts[name]
	if t == nil {
		return "", diag.Errorf(p.Path, 0, "there is no layout %q: create layouts/%s.html or change the page's layout", name, name)
	}
	buf := b.buffer()
	defer b.bufs.Put(buf)
	// The layout gets a copy of the page, with its Site set.
	v := *p
	v.Site = s.view(p.Lang())
	v.faq = new(faqMemo)
	if err := t.ExecuteTemplate(buf, baseName, &v); err != nil {
		return "", templateError(err, p.Path)
	}
	if bytes.Contains(buf.Bytes(), []byte("ZgotmplZ")) {
		return "", diag.Errorf(p.Path, 0, "a value of this page was refused as unsafe where layouts/%s.html puts it in a link or attribute; links must be http(s), mailto: or site paths such as /faq/", name)
	}
	out.Grow(buf.Len())
	if err := b.min.Minify("text/html", out, buf); err != nil {
		return "", fmt.Errorf("%s: minifying the page: %v", p.Path, err)
	}
	return v.faq.js, nil
}

// buffer returns an empty buffer from the builder's pool; put it back with
// b.bufs.Put when done with its bytes.
func (b *Builder) buffer() *bytes.Buffer {
	buf, _ := b.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		return new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

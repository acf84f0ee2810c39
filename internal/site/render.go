package site

import (
	"bytes"
	"fmt"

	"rollout/internal/diag"
)

// Stage 3, rendering: execute each page's layout into memory (a template
// that fails writes nothing), refuse values html/template found unsafe,
// and minify the page.

// renderAll renders pages on every core. It returns each page's output, by
// output file; with emit, it hands each output to emit instead and returns
// none.
func (b *Builder) renderAll(s *Site, pages []*Page, emit func(string, []byte) error) (map[string][]byte, error) {
	outs := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	parallel(len(pages), func(i int) {
		if b.ctx.Err() != nil {
			return
		}
		// The buffer is reused: emit is done with the bytes when it
		// returns, and an output that is kept is a copy, of its own size.
		out := b.buffer()
		defer b.bufs.Put(out)
		switch errs[i] = b.render(s, pages[i], out); {
		case errs[i] != nil:
		case emit != nil:
			errs[i] = emit(pages[i].Out, out.Bytes())
		default:
			outs[i] = bytes.Clone(out.Bytes())
		}
	})
	var list diag.List
	said := map[string]bool{} // a mistake of the layouts' texts is the same on every page
	for i := range pages {
		if errs[i] != nil && !said[errs[i].Error()] {
			said[errs[i].Error()] = true
			list.Add(errs[i])
		}
	}
	if err := b.ctx.Err(); err != nil {
		list = diag.List{err}
	}
	if err := list.Err(); err != nil {
		for _, p := range pages {
			b.todo[p.Path] = true
		}
		return nil, err
	}
	if emit != nil {
		return nil, nil
	}
	outMap := make(map[string][]byte, len(pages))
	for i, p := range pages {
		outMap[p.Out] = outs[i]
	}
	return outMap, nil
}

// render executes p's layout into memory and minifies it into out.
func (b *Builder) render(s *Site, p *Page, out *bytes.Buffer) error {
	name := p.layoutName()
	t := b.layouts[name]
	if t == nil {
		return diag.Errorf(p.Path, 0, "there is no layout %q: create layouts/%s.html or change the page's layout", name, name)
	}
	buf := b.buffer()
	defer b.bufs.Put(buf)
	// The layout gets a copy of the page, with its Site set.
	v := *p
	v.Site = s.view(p.Lang())
	if err := t.ExecuteTemplate(buf, baseName, &v); err != nil {
		return templateError(err, p.Path)
	}
	if bytes.Contains(buf.Bytes(), []byte("ZgotmplZ")) {
		return diag.Errorf(p.Path, 0, "a value of this page was refused as unsafe where layouts/%s.html puts it in a link or attribute; links must be http(s), mailto: or site paths such as /faq/", name)
	}
	out.Grow(buf.Len())
	if err := b.min.Minify("text/html", out, buf); err != nil {
		return fmt.Errorf("%s: minifying the page: %v", p.Path, err)
	}
	return nil
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

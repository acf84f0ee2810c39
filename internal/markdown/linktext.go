package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// vagueLinkTexts are, by language, the link texts that say nothing of
// where a link leads: screen readers list a page's links by their text
// alone, and search engines read the text as what the page linked to is
// about. They are the lists of Lighthouse's link-text audit (12.8), which
// costs a page its SEO score of 100 and checks a link by its language.
var vagueLinkTexts = map[string]map[string]bool{
	"en": set( // English
		"click here", "click this", "go", "here", "information", "learn more", "more", "more info", "more information", "right here", "read more", "see more", "start", "this",
	),
	"ja": set( // Japanese
		"ここをクリック", "こちらをクリック", "リンク", "続きを読む", "続く", "全文表示",
	),
	"es": set( // Spanish
		"click aquí", "click aqui", "clicka aquí", "clicka aqui", "pincha aquí", "pincha aqui", "aquí", "aqui", "más", "mas", "más información", "más informacion", "mas información", "mas informacion", "este", "enlace", "este enlace", "empezar",
	),
	"pt": set( // Portuguese
		"clique aqui", "ir", "mais informação", "mais informações", "mais", "veja mais",
	),
	"ko": set( // Korean
		"여기", "여기를 클릭", "클릭", "링크", "자세히", "자세히 보기", "계속", "이동", "전체 보기",
	),
	"sv": set( // Swedish
		"här", "klicka här", "läs mer", "mer", "mer info", "mer information",
	),
	"de": set( // German
		"klicke hier", "hier klicken", "hier", "mehr", "siehe", "dies", "das", "weiterlesen",
	),
	"ta": set( // Tamil
		"அடுத்த பக்கம்", "மறுபக்கம்", "முந்தைய பக்கம்", "முன்பக்கம்", "மேலும் அறிக", "மேலும் தகவலுக்கு", "மேலும் தரவுகளுக்கு", "தயவுசெய்து இங்கே அழுத்தவும்", "இங்கே கிளிக் செய்யவும்",
	),
	"fa": set( // Persian
		"اطلاعات بیشتر", "اطلاعات", "این", "اینجا بزنید", "اینجا کلیک کنید", "اینجا", "برو", "بیشتر بخوانید", "بیشتر بدانید", "بیشتر", "شروع",
	),
}

func set(texts ...string) map[string]bool {
	m := make(map[string]bool, len(texts))
	for _, t := range texts {
		m[t] = true
	}
	return m
}

// VagueLinkText reports whether a link's text, on a page in language lang
// (a code such as "es" or "pt-br"), says nothing of where it leads, such
// as "Learn more" or "here" in English, or "aquí" in Spanish. A language
// is known by the first part of its code; one without a list has no vague
// texts, as in Lighthouse.
func VagueLinkText(text, lang string) bool {
	primary, _, _ := strings.Cut(lang, "-")
	return vagueLinkTexts[primary][strings.ToLower(strings.Join(strings.Fields(text), " "))]
}

// vagueLink says, when link n's text says nothing of where it leads on a
// page in language lang, what to do; or "". Links to another part of the same page and to e-mail
// addresses are left alone, as Lighthouse leaves them.
func vagueLink(n *ast.Link, src []byte, lang string) string {
	dest := string(n.Destination)
	if strings.HasPrefix(dest, "#") || strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		return ""
	}
	text := plainText(n, src)
	if !VagueLinkText(text, lang) {
		return ""
	}
	return fmt.Sprintf("the link text %q says nothing of where it leads, to people who hear a page's links read out and to search engines; write what the reader finds there, as in [the rollout schedule](/schedule/)", text)
}

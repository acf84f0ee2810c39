// The area finder: answers "when does my area get the training?" with one
// sentence for each area or unit that matches, from the schedule listed on
// the page (see layouts/partials/finder.html and schedule.html). Without
// this script the finder stays hidden and the whole schedule shows.
(() => {
  const form = document.getElementById("finder");
  const input = document.getElementById("find");
  const result = document.getElementById("find-result");
  if (!form || !input || !result) return;
  // The words of the answers, in the page's language (see finder.html),
  // and fill, which puts values in their {placeholders}.
  const texts = form.dataset;
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

  // Words as the finder compares them: case, accents and punctuation
  // ignored, "&" read as "and" (in the page's language), "." and
  // apostrophes dropped ("E.H.S." is "ehs"), as internal/schedule's
  // AliasKey does (which reads "&" as the English "and").
  const and = ` ${texts.and || "and"} `;
  const words = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/&/g, and).replace(/['’.]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // Words that say nothing about which area: "Department of Physics",
  // "Physics dept" and "physics" are one query.
  const filler = new Set(words(texts.filler || ""));
  const content = (ws) => ws.filter((w) => !filler.has(w));

  // One letter missing, added or wrong, or two neighbours swapped.
  const oneTypo = (a, b) => {
    if (Math.abs(a.length - b.length) > 1 || a === b) return a === b;
    let i = 0;
    while (a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  };

  // Everything the finder can find: each area and unit, with the keys it
  // is found by (its name, its aliases, the initials of its name).
  const targets = [];
  for (const li of document.querySelectorAll(".schedule [data-names]")) {
    const wave = li.closest("section");
    const names = li.dataset.names.split("|");
    const aliases = names.map(() => []);
    for (const a of (li.dataset.aliases || "").split("|").filter(Boolean)) {
      const i = a.indexOf(":");
      const at = a.slice(0, i) === "a" ? 0 : +a.slice(0, i) + 1;
      if (aliases[at]) aliases[at].push(a.slice(i + 1));
    }
    names.forEach((name, i) => {
      const keys = [name, ...aliases[i]].map((n) => ({ words: content(words(n)), alias: n !== name ? n : "" }));
      const all = words(name).filter((w) => w !== "of" && w !== "the" && w !== "and" && w !== "for");
      for (const ws of [all, keys[0].words]) {
        if (ws.length > 1) keys.push({ words: [ws.map((w) => w[0]).join("")], initials: true });
      }
      targets.push({ name, area: i ? names[0] : "", li, wave, keys });
    });
  }

  // How well query words q match a key: 4 when they are its words; 3 when
  // each is one of its words; 2 when q is the initials of a name; 1 when
  // each is one of its words with one typo (in words of five letters or
  // more) or, for the last word, which may be half typed, the start of
  // one; 0 otherwise. Only the best-scoring areas and units are answered.
  const score = (q, key) => {
    if (key.initials) return q.length === 1 && q[0] === key.words[0] ? 2 : 0;
    let s = 3;
    q.forEach((w, i) => {
      if (key.words.includes(w)) return;
      const near = key.words.some((k) => (w.length >= 5 && k.length >= 5 && oneTypo(w, k)) || (i === q.length - 1 && w.length >= 3 && k.startsWith(w)));
      s = near ? Math.min(s, 1) : 0;
    });
    return s === 3 && key.words.every((k) => q.includes(k)) ? 4 : s;
  };

  const shown = 6; // answers at most; more, and the reader is asked for more of the name
  // "with the Office of ...": the article before the names that take one.
  const articleWords = new Set(words(texts.articleWords || ""));
  const the = (area) => (texts.article && articleWords.has(words(area)[0]) ? texts.article + " " : "") + area;
  const link = (href, text) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  };
  // The answer for the area or units found in one list item: one
  // sentence, then links to the wave on the page and to the area's
  // calendar file.
  const sentence = (group) => {
    const t = group[0].t;
    const p = document.createElement("p");
    const b = document.createElement("span");
    b.className = "answer";
    const named = group.map((f) => (f.via ? `${f.t.name} (${f.via})` : f.t.name)).join(", ");
    const within = t.area ? fill(texts.with, { area: the(t.area) }) : "";
    const when = t.wave.dataset.when;
    if (when) {
      b.textContent = fill(texts.answer, { names: named, when, with: within, status: t.wave.dataset.status.toLowerCase() });
      p.append(b, " ", link("#" + t.wave.id, texts.seeMonth), " · ", link(t.li.dataset.ics, texts.addCalendar));
    } else {
      b.textContent = fill(texts.separate, { names: named, with: within });
      const note = t.li.querySelector(".note");
      p.append(b, note ? " " + note.textContent : "");
    }
    return p;
  };

  // The answer changes the live region only when it says something else:
  // each change is read out, and typing on in a name that is already
  // found must not read the same answer again.
  let said = "";
  const say = (...nodes) => {
    const text = nodes.map((n) => n.outerHTML).join("");
    if (text === said) return;
    said = text;
    result.replaceChildren(...nodes);
  };

  const update = () => {
    const query = input.value.trim();
    const q = content(words(query));
    if (!q.length) {
      say();
      return;
    }
    let best = 1;
    let found = [];
    for (const t of targets) {
      let s = 0;
      let via = "";
      for (const k of t.keys) {
        const ks = score(q, k);
        if (ks > s) [s, via] = [ks, k.alias || ""];
      }
      if (s > best) [best, found] = [s, []];
      if (s === best) found.push({ t, via });
    }
    // An area found by its own name answers for its units; units of one
    // area share a sentence.
    const groups = new Map();
    for (const f of found) {
      const g = groups.get(f.t.li);
      if (!g) groups.set(f.t.li, [f]);
      else if (g[0].t.area && !f.t.area) groups.set(f.t.li, [f]);
      else if (g[0].t.area) g.push(f);
    }
    if (!groups.size) {
      // One or two letters are the start of a name still being typed:
      // "no area matches" would be read out at every first keystroke.
      if (query.length < 3) {
        say();
        return;
      }
      const parts = [fill(texts.noMatch, { query })];
      const contact = texts.contact;
      if (contact) {
        const [before, after = ""] = texts.noMatchContact.split("{contact}");
        parts.push(before, link("mailto:" + contact, contact), after);
      }
      const p = document.createElement("p");
      p.append(...parts);
      say(p);
      return;
    }
    const answers = [...groups.values()].slice(0, shown).map(sentence);
    if (groups.size > shown) {
      const p = document.createElement("p");
      p.textContent = fill(texts.more, { count: groups.size - shown });
      answers.push(p);
    }
    say(...answers);
  };
  form.addEventListener("submit", (e) => e.preventDefault());
  input.addEventListener("input", update);
  if (input.value) update();
})();

// Find your area: filters the schedule as the reader types. Without this
// script the finder stays hidden and the whole schedule shows.
(() => {
  const form = document.getElementById("finder");
  if (!form) return;
  const input = form.querySelector("input");
  const result = document.getElementById("find-result");
  // Case, accents and punctuation do not matter; words may come in any order.
  const norm = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  const items = [...document.querySelectorAll(".schedule [data-names]")].map((li) => ({ li, text: " " + norm(li.dataset.names) }));
  const groups = [...document.querySelectorAll(".schedule .wave")];
  const say = (...parts) => result.replaceChildren(...parts);
  const update = () => {
    const query = input.value.trim();
    const words = norm(query).split(" ").filter(Boolean);
    let n = 0;
    for (const { li, text } of items) {
      const hit = words.every((w) => text.includes(" " + w)); // words match from their start
      li.hidden = !hit;
      if (hit) n++;
    }
    for (const g of groups) g.hidden = !g.querySelector("[data-names]:not([hidden])");
    if (!words.length) {
      say();
    } else if (n) {
      say(`${n} ${n === 1 ? "area matches" : "areas match"} “${query}”; its month is the heading above it.`);
    } else {
      const contact = form.dataset.contact;
      const parts = [`No area matches “${query}”. This schedule lists broader areas and schools, not departments: try your school or area.`];
      if (contact) {
        const a = document.createElement("a");
        a.href = "mailto:" + contact;
        a.textContent = contact;
        parts.push(" If your area is not listed, write to ", a, ".");
      }
      say(...parts);
    }
  };
  form.addEventListener("submit", (e) => e.preventDefault());
  input.addEventListener("input", update);
  form.hidden = false;
  if (input.value) update();
})();

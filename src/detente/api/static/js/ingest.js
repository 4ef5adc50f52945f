// Add an article: paste text or pick a file (.txt, .html, .json), send it with the token, and
// see the record the pipeline made of it.
import {post} from "./api.js";
import {el, clear, append, who, statusBadge, errorBox} from "./dom.js";
import {showEvidence} from "./highlight.js";
import {namedStances, showStance, stanceList} from "./stances.js";

function input(name, label, attrs = {}) {
  return el("label", {}, label, el("input", {name, id: `in-${name}`, ...attrs}));
}

/** Record events carry local actor ids; the evidence view shows names. */
function named(record, ev) {
  const names = Object.fromEntries((record.actors || []).map((a) => [a.id, a.name]));
  return {...ev, sources: ev.sources.map((a) => names[a] || a), targets: ev.targets.map((a) => names[a] || a),
    article_id: record.document.id, published: record.document.published};
}

function showRecord(out, record) {
  const panel = el("section", {class: "evidence", hidden: true});
  const events = el("ol", {class: "events"});
  for (const raw of record.events || []) {
    const ev = named(record, raw);
    events.append(el("li", {class: "event", tabindex: "0", onclick: () => showEvidence(panel, record, ev)},
      el("span", {class: "type"}, ev.type), statusBadge(ev.status), el("span", {class: "who"}, who(ev)),
      el("span", {class: "trigger"}, "“", ev.trigger.text, "”")));
  }
  const speakers = Object.fromEntries((record.actors || []).map((a) => [a.id, a.name]));
  append(out, [
    el("h2", {}, record.document.title || record.document.id),
    el("p", {class: "muted"}, `${(record.actors || []).length} actors · ${(record.events || []).length} events · `
      + `${(record.statements || []).length} statements · ${(record.stances || []).length} stances · `
      + `${(record.claims || []).length} claims`),
    (record.document.warnings || []).map((w) => el("p", {class: "notice"}, w)),
    el("div", {class: "split"}, el("section", {class: "list"},
      el("h3", {}, "Events"), events,
      el("h3", {}, "Statements"),
      el("ul", {class: "statements"}, (record.statements || []).map((s) =>
        el("li", {}, el("strong", {}, speakers[s.speaker] || "unknown"), ` ${s.cue || "said"}: `, s.text))),
      el("h3", {}, "Stances"),
      stanceList(namedStances(record), (p) => showStance(panel, record, p)),
      el("h3", {}, "Claims"),
      el("ul", {}, (record.claims || []).map((c) => el("li", {}, c.text, c.predicate ? ` (${c.predicate})` : "")))),
    panel),
  ]);
}

export function renderAdd(root) {
  const text = el("textarea", {name: "text", id: "in-text", rows: 12, placeholder: "Paste the article text here"});
  const file = el("input", {type: "file", id: "in-file", accept: ".txt,.html,.htm,.json"});
  const form = el("form", {class: "add", id: "add-form"},
    input("token", "Token", {type: "password", autocomplete: "off", required: true}),
    input("title", "Title"), input("source", "Source"), input("url", "URL", {type: "url"}),
    input("published", "Published", {type: "date"}), input("id", "Id (optional)"),
    el("label", {}, "File", file), el("label", {class: "wide"}, "Text", text),
    el("button", {type: "submit"}, "Extract and store"));
  const out = el("div", {id: "add-result"});
  let html = null;
  file.addEventListener("change", async () => {
    const f = file.files[0];
    if (!f) return;
    const content = await f.text();
    html = null;
    if (/\.json$/i.test(f.name)) {
      try {
        const obj = JSON.parse(content);
        for (const k of ["title", "source", "url", "published", "id"]) if (obj[k]) form.elements[k].value = obj[k];
        if (obj.html) html = obj.html; else text.value = obj.text || "";
      } catch (err) { clear(out).append(errorBox(`not a JSON article: ${err.message}`)); }
    } else if (/\.html?$/i.test(f.name)) {
      html = content;
      text.value = "(HTML file: its main text will be extracted)";
    } else {
      text.value = content;
    }
  });
  text.addEventListener("input", () => { html = null; });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    const token = data.token;
    delete data.token;
    for (const k of Object.keys(data)) if (!data[k]) delete data[k];
    if (html) { delete data.text; data.html = html; }
    clear(out).append(el("p", {class: "muted"}, "Extracting… (the first article loads the language model)"));
    try {
      const result = await post("/articles", data, token);
      clear(out);
      for (const item of result.items) {
        out.append(el("p", {class: `notice outcome-${item.status}`}, `Article ${item.id || item.index}: ${item.status}`));
        if (item.record) showRecord(out, item.record);
        if (item.error) out.append(errorBox(item.error));
      }
    } catch (err) {
      clear(out).append(errorBox(err));
    }
  });
  append(clear(root), [el("h1", {}, "Add an article"), form, out]);
}

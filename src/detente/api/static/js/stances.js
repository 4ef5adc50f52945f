// Stances: positions someone holds rather than says (belief, desire, intention, support, opposition,
// finding, topic, characterization). Listed beside statements; clicking one opens its article with
// the position, the cue and the holder's words marked.
import {get, articlePath} from "./api.js";
import {el, clear, append, errorBox} from "./dom.js";
import {showSpans} from "./highlight.js";

/** Spans of one stance: the position itself, its cue and the words naming its holder. */
export function stanceSpans(p) {
  const spans = [];
  for (const [key, kind] of [["span", "stance"], ["cue_span", "cue"], ["holder_span", "holder"]]) {
    if (Array.isArray(p[key])) spans.push({start: p[key][0], end: p[key][1], kind});
  }
  return spans;
}

function kindBadge(p) {
  return el("span", {class: `badge stance-${p.kind}`}, p.negated ? `not ${p.kind}` : p.kind);
}

/** A record's stances with holder names instead of local actor ids, shaped like `GET /stances` items. */
export function namedStances(record) {
  const names = Object.fromEntries((record.actors || []).map((a) => [a.id, a.name]));
  return (record.stances || []).map((p) => ({...p, holder: p.holder ? names[p.holder] || p.holder : null,
    article_id: record.document.id, published: record.document.published}));
}

/** Fill `panel` with the stance's summary and its article, the spans marked. */
export function showStance(panel, record, p) {
  const summary = el("p", {class: "stance-summary"}, [kindBadge(p), " ", el("strong", {}, p.holder || "unknown holder"),
    " · cue “", el("em", {}, p.cue || ""), "”"]);
  showSpans(panel, record, summary, stanceSpans(p), "stance");
}

/** Open a stance from the API in `panel`, fetching its article. */
export async function openStance(panel, p) {
  clear(panel).hidden = false;
  append(panel, el("p", {class: "muted"}, "Loading the article…"));
  try {
    const article = await get(articlePath(p.article_id));
    showStance(panel, article.record, p);
  } catch (err) {
    clear(panel).append(errorBox(err));
  }
}

/** A list of stances (holder names already resolved); `onOpen(p)` shows one in its article. */
export function stanceList(items, onOpen) {
  return el("ul", {class: "stances"}, items.map((p) => {
    const row = el("li", {class: "stance", tabindex: "0", dataset: {article: p.article_id, stance: p.id}},
      kindBadge(p), " ", el("strong", {class: "holder"}, p.holder || "unknown"), " ",
      el("em", {class: "cue"}, p.cue || ""), ": ", el("span", {class: "position"}, p.text),
      el("span", {class: "muted"}, [" · ", p.time || p.published || "", p.article_title ? ` · ${p.article_title}` : ""]));
    row.addEventListener("click", () => onOpen(p));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") onOpen(p); });
    return row;
  }));
}

// An article's text with an event's evidence and trigger wrapped in <mark>, built from text
// nodes: the article is untrusted input and never parsed as HTML.
import {el, clear, append, who, when, statusBadge} from "./dom.js";

/**
 * Split text at every span boundary; each piece covered by a span becomes a <mark> whose classes
 * say which kinds cover it ("evidence", "trigger"), the rest plain text nodes.
 * spans: [{start, end, kind}] with code-point offsets (Python's), converted here to JS indices.
 */
export function highlighted(text, spans) {
  const chars = Array.from(text); // code points, as Python indexes them
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.end <= chars.length && s.start < s.end);
  const cuts = new Set([0, chars.length]);
  for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    const piece = chars.slice(a, b).join("");
    const kinds = [...new Set(valid.filter((s) => s.start <= a && s.end >= b).map((s) => s.kind))];
    pieces.push(kinds.length ? el("mark", {class: kinds.join(" "), dataset: {start: a, end: b}}, piece) : piece);
  }
  return pieces;
}

/** Spans of one event: its evidence and its trigger. */
export function eventSpans(ev) {
  const spans = (ev.evidence || []).map(([start, end]) => ({start, end, kind: "evidence"}));
  const span = ev.trigger && ev.trigger.span;
  if (span) spans.push({start: span[0], end: span[1], kind: "trigger"});
  return spans;
}

/**
 * Fill `panel` with the article's title, a summary paragraph and its text with `spans` marked,
 * scrolled to the first mark of class `focus` (else the first mark). Events and stances share it.
 */
export function showSpans(panel, record, summary, spans, focus) {
  const doc = record.document || {};
  clear(panel);
  const text = el("div", {class: "article-text"}, highlighted(doc.text || "", spans));
  const link = doc.url ? el("a", {href: doc.url, rel: "noopener noreferrer", target: "_blank"}, "original") : null;
  append(panel, [
    el("h2", {class: "article-title"}, doc.title || doc.id || "(untitled)"),
    el("p", {class: "muted"}, [doc.source || "", " · ", doc.published || "no date", link ? " · " : "", link]),
    summary,
    text,
  ]);
  panel.hidden = false;
  const first = text.querySelector(`mark.${focus}`) || text.querySelector("mark");
  if (first && first.scrollIntoView) first.scrollIntoView({block: "center"});
}

/** Fill `panel` with the event's summary and the article text, evidence marked. */
export function showEvidence(panel, record, ev) {
  const summary = el("p", {class: "event-summary"}, [
    el("strong", {}, ev.type || ""), ev.mode ? ` (${ev.mode}) ` : " ", statusBadge(ev.status), " ",
    who(ev), " · ", when(ev), " · trigger “", el("em", {}, (ev.trigger && ev.trigger.text) || ""), "”",
  ]);
  showSpans(panel, record, summary, eventSpans(ev), "trigger");
}

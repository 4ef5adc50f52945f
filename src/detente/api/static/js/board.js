// The commitments board: agreements and planned acts in columns by how far they are kept, each
// with the running total of what was delivered against the figure promised.
import {get} from "./api.js";
import {el, clear, append, who, fmtNumber, errorBox} from "./dom.js";
import {openEvent} from "./timeline.js";

export const COLUMNS = [
  ["open", "Open"], ["partly_fulfilled", "Partly fulfilled"], ["fulfilled", "Fulfilled"],
  ["broken", "Broken"], ["overdue", "Overdue"],
];

/** An evidence link of the story module ({article_id, event_id, trigger, time …}) as an event. */
function asEvent(link, names = {}) {
  return {...link, id: link.event_id, sources: names.sources || link.sources || [],
    targets: names.targets || link.targets || [], trigger: {text: link.trigger, span: null},
    time: link.time ? {value: link.time} : null};
}

function progress(c) {
  const goal = c.promised && Number(c.promised.value);
  if (!goal) return null;
  const done = Number(c.fulfilled_total || 0);
  const share = Math.max(0, Math.min(1, done / goal));
  return el("div", {class: "progress", title: `${fmtNumber(done)} of ${fmtNumber(goal)}`},
    el("div", {class: "bar"}, el("span", {class: "fill", style: `width:${Math.round(share * 100)}%`})),
    el("span", {class: "figure"}, `${fmtNumber(done)} / ${fmtNumber(goal)} ${c.promised.unit || ""}`.trim()));
}

/** One commitment: what was promised, by whom, due when, and each stage with the running total. */
function card(c, onOpen) {
  const act = asEvent(c.act || {});
  const agreement = asEvent(c.agreement || {});
  let running = 0;
  const stages = (c.fulfilled_by || []).map((stage) => {
    const first = (stage.events || [])[0];
    const n = stage.counted ? Number(stage.counted.value) : 0;
    running += n;
    return el("li", {class: "stage", onclick: first ? () => onOpen(asEvent(first, agreement)) : null},
      first ? `${first.time || first.published || ""} “${first.trigger}”` : "stage",
      n ? ` +${fmtNumber(n)} → ${fmtNumber(running)}` : "",
      stage.events && stage.events.length > 1 ? ` (${stage.events.length} reports)` : "");
  });
  return el("article", {class: "card", dataset: {status: c.status, id: c.id}},
    el("h3", {}, `${act.type || ""}${act.mode ? ` (${act.mode})` : ""} — “${act.trigger.text || ""}”`),
    el("p", {}, who(act)),
    el("p", {class: "muted"}, [c.kind === "agreement" ? "agreed " : "planned ", agreement.published || "",
      c.due ? ` · due ${c.due}` : "", " · ", agreement.article_title || agreement.article_id || ""]),
    progress(c),
    stages.length ? el("ol", {class: "steps"}, stages) : null,
    (c.broken_by || []).length ? el("p", {class: "error"}, `reported not to happen: “${c.broken_by[0].trigger}”`) : null,
    el("button", {type: "button", class: "link", onclick: () => onOpen(agreement)}, "evidence"));
}

export async function renderBoard(root) {
  const notice = el("div", {id: "board-notice"});
  const board = el("div", {class: "board", id: "board"});
  const cols = {};
  for (const [key, label] of COLUMNS) {
    cols[key] = {list: el("div", {class: "cards"}), head: el("h2", {}, label), totals: el("p", {class: "muted totals"})};
    board.append(el("section", {class: `column col-${key}`, dataset: {status: key}},
      cols[key].head, cols[key].totals, cols[key].list));
  }
  const panel = el("section", {class: "evidence", id: "evidence", hidden: true});
  append(clear(root), [el("h1", {}, "Commitments"), notice, board, panel]);
  const onOpen = (ev) => openEvent(panel, ev);
  try {
    const page = await get("/commitments", {limit: 1000});
    const sums = {};
    for (const c of page.items) {
      const key = cols[c.status] ? c.status : "open";
      cols[key].list.append(card(c, onOpen));
      const s = (sums[key] ||= {n: 0, promised: 0, delivered: 0});
      s.n += 1;
      s.promised += (c.promised && Number(c.promised.value)) || 0;
      s.delivered += Number(c.fulfilled_total) || 0;
    }
    for (const [key, label] of COLUMNS) {
      const s = sums[key] || {n: 0, promised: 0, delivered: 0};
      cols[key].head.textContent = `${label} (${s.n})`;
      cols[key].totals.textContent = s.promised ? `${fmtNumber(s.delivered)} of ${fmtNumber(s.promised)} promised` : "";
    }
    if (!page.total) notice.append(el("p", {class: "muted"}, "No commitments in the store yet."));
  } catch (err) {
    notice.append(err.status === 501
      ? el("p", {class: "notice"}, "The commitments board needs the story module: ", err.message)
      : errorBox(err));
  }
}

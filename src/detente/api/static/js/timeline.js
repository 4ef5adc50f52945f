// The timeline: events in the order they happened, filtered like `detente timeline`; clicking an
// event opens its article with the evidence marked.
import {get, articlePath} from "./api.js";
import {el, clear, append, who, when, statusBadge, errorBox} from "./dom.js";
import {showEvidence} from "./highlight.js";

export const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
export const STATUSES = ["occurred", "ongoing", "planned", "possible", "not_occurred", "denied"];
const PAGE = 50;

function select(name, values) {
  return el("select", {name, id: `f-${name}`}, el("option", {value: ""}, `any ${name}`),
    values.map((v) => el("option", {value: v}, v.replace("_", " "))));
}

function field(label, input) {
  return el("label", {}, label, input);
}

/** One event as a clickable row; `onOpen(ev)` shows its evidence. */
export function eventRow(ev, onOpen) {
  const row = el("li", {class: "event", tabindex: "0", dataset: {article: ev.article_id, event: ev.id}},
    el("span", {class: "when"}, when(ev)),
    el("span", {class: "type"}, ev.type, ev.mode ? ` · ${ev.mode}` : ""),
    statusBadge(ev.status),
    el("span", {class: "who"}, who(ev)),
    el("span", {class: "trigger"}, "“", (ev.trigger && ev.trigger.text) || "", "”"),
    el("span", {class: "article muted"}, ev.article_title || ev.article_id));
  const open = () => onOpen(ev, row);
  row.addEventListener("click", open);
  row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
  return row;
}

/** Open an event's evidence in `panel`, fetching its article. */
export async function openEvent(panel, ev) {
  clear(panel).hidden = false;
  append(panel, el("p", {class: "muted"}, "Loading the article…"));
  try {
    const article = await get(articlePath(ev.article_id));
    showEvidence(panel, article.record, ev);
  } catch (err) {
    clear(panel).append(errorBox(err));
  }
}

export function renderTimeline(root) {
  const form = el("form", {class: "filters", id: "timeline-filters"},
    field("Actor", el("input", {name: "actor", id: "f-actor", placeholder: "e.g. Zelensky"})),
    field("Type", select("type", TYPES)),
    field("Status", select("status", STATUSES)),
    field("Since", el("input", {name: "since", id: "f-since", type: "date"})),
    field("Until", el("input", {name: "until", id: "f-until", type: "date"})),
    field("Source", el("input", {name: "source", id: "f-source", placeholder: "outlet"})),
    el("button", {type: "submit"}, "Filter"));
  const summary = el("p", {class: "muted", id: "timeline-summary"});
  const list = el("ol", {class: "events", id: "timeline-list"});
  const pager = el("div", {class: "pager"});
  const panel = el("section", {class: "evidence", id: "evidence", hidden: true});
  append(clear(root), [el("h1", {}, "Timeline"), form,
    el("div", {class: "split"}, el("section", {class: "list"}, summary, list, pager), panel)]);
  let offset = 0;

  async function load() {
    const params = Object.fromEntries(new FormData(form).entries());
    clear(list);
    clear(pager);
    try {
      const page = await get("/events", {...params, order: "time", limit: PAGE, offset});
      summary.textContent = `${page.total} event${page.total === 1 ? "" : "s"}`
        + (page.total > PAGE ? `, ${offset + 1}–${Math.min(offset + PAGE, page.total)} shown` : "");
      let current = null;
      for (const ev of page.items) {
        list.append(eventRow(ev, (e, row) => {
          if (current) current.classList.remove("selected");
          current = row;
          row.classList.add("selected");
          openEvent(panel, e);
        }));
      }
      if (offset > 0) pager.append(el("button", {type: "button", onclick: () => { offset -= PAGE; load(); }}, "← earlier"));
      if (offset + PAGE < page.total) {
        pager.append(el("button", {type: "button", onclick: () => { offset += PAGE; load(); }}, "later →"));
      }
    } catch (err) {
      summary.textContent = "";
      list.append(errorBox(err));
    }
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); offset = 0; load(); });
  return load();
}

// Actors: the canonical actors across articles, and one actor's page (roles, statements, stances, events).
import {get} from "./api.js";
import {el, clear, append, errorBox} from "./dom.js";
import {eventRow, openEvent} from "./timeline.js";
import {stanceList, openStance} from "./stances.js";

export async function renderActors(root) {
  const input = el("input", {name: "actor", id: "actor-search", placeholder: "name or alias"});
  const form = el("form", {class: "filters"}, el("label", {}, "Actor", input), el("button", {type: "submit"}, "Search"));
  const body = el("tbody");
  const summary = el("p", {class: "muted"});
  append(clear(root), [el("h1", {}, "Actors"), form, summary,
    el("table", {class: "actors"}, el("thead", {}, el("tr", {},
      ["Name", "Kind", "Country", "Sector", "Roles", "Articles", "Mentions"].map((h) => el("th", {}, h)))), body)]);
  async function load() {
    clear(body);
    try {
      const page = await get("/actors", {actor: input.value, limit: 200});
      summary.textContent = `${page.total} actor${page.total === 1 ? "" : "s"}`;
      for (const a of page.items) {
        body.append(el("tr", {},
          el("td", {}, el("a", {href: `#/actor/${a.id}`}, a.name)), el("td", {}, a.kind || ""),
          el("td", {}, a.country || ""), el("td", {}, a.sector || ""), el("td", {}, (a.roles || []).join(", ")),
          el("td", {class: "num"}, a.articles), el("td", {class: "num"}, a.mentions)));
      }
    } catch (err) {
      summary.replaceChildren(errorBox(err));
    }
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  return load();
}

export async function renderActor(root, id) {
  clear(root).append(el("p", {class: "muted"}, "Loading…"));
  let actor;
  try {
    actor = await get(`/actors/${encodeURIComponent(id)}`);
  } catch (err) {
    clear(root).append(errorBox(err));
    return;
  }
  const facts = [["Kind", actor.kind], ["Country", actor.country], ["Sector", actor.sector],
    ["Wikidata", actor.wikidata], ["Roles", (actor.roles || []).join(", ")],
    ["Also called", (actor.aliases || []).join(", ")], ["Articles", actor.articles], ["Mentions", actor.mentions]];
  const said = el("ul", {class: "statements"});
  for (const s of actor.statements.items) {
    said.append(el("li", {},
      el("blockquote", {}, s.kind === "indirect" ? s.text : `“${s.text}”`),
      el("p", {class: "muted"}, [s.cue || "", s.channel ? ` (${s.channel})` : "", " · ", s.time || s.published || "",
        " · ", s.article_title || s.article_id])));
  }
  const panel = el("section", {class: "evidence", id: "evidence", hidden: true});
  const held = actor.stances || {items: [], total: 0};  // absent from a server older than the stances layer
  const stances = stanceList(held.items, (p) => openStance(panel, p));
  const events = el("ol", {class: "events"});
  for (const ev of actor.events.items) events.append(eventRow(ev, (e) => openEvent(panel, e)));
  append(clear(root), [
    el("p", {}, el("a", {href: "#/actors"}, "← all actors")),
    el("h1", {id: "actor-name"}, actor.name),
    el("dl", {class: "facts"}, facts.filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))])),
    el("div", {class: "split"},
      el("section", {class: "list"},
        el("h2", {}, `Statements (${actor.statements.total})`),
        actor.statements.total ? said : el("p", {class: "muted"}, "No statements."),
        el("h2", {}, `Stances (${held.total})`),
        held.total ? stances : el("p", {class: "muted"}, "No stances."),
        el("h2", {}, `Events (${actor.events.total})`),
        actor.events.total ? events : el("p", {class: "muted"}, "No events.")),
      panel),
  ]);
}

// The router: #/timeline, #/actors, #/actor/ID, #/commitments, #/network, #/add.
import {get} from "./api.js";
import {renderTimeline} from "./timeline.js";
import {renderActors, renderActor} from "./actors.js";
import {renderBoard} from "./board.js";
import {renderNetwork} from "./network.js";
import {renderAdd} from "./ingest.js";

const root = document.getElementById("app");

async function route() {
  const [page, arg] = (location.hash.replace(/^#\/?/, "") || "timeline").split("/");
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("active", a.dataset.page === page || (page === "actor" && a.dataset.page === "actors"));
  }
  document.body.dataset.page = page;
  const pages = {
    timeline: () => renderTimeline(root),
    actors: () => renderActors(root),
    actor: () => renderActor(root, arg),
    commitments: () => renderBoard(root),
    network: () => renderNetwork(root),
    add: () => renderAdd(root),
  };
  await (pages[page] || pages.timeline)();
  document.body.dataset.ready = page;
}

async function stats() {
  try {
    const s = await get("/stats");
    document.getElementById("stats").textContent = `${s.articles} articles · ${s.events} events`;
  } catch { /* the header count is decoration */ }
}

window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; route(); });
stats();
route();

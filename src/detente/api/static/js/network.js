// Who acts on whom, drawn as an inline SVG: actors on a circle, one curved arrow per directed
// pair, coloured from cooperation (green) to conflict (red) by the mean PLOVER quad score.
import {get} from "./api.js";
import {el, svg, clear, append, errorBox} from "./dom.js";

const SIZE = 720;
const QUAD_LABELS = [["material_cooperation", 1], ["verbal_cooperation", 0.5], ["verbal_conflict", -0.5],
  ["material_conflict", -1]];

/** Score in [-1, 1] to a colour: red (conflict) through amber to green (cooperation). */
export function colour(score) {
  const t = (Math.max(-1, Math.min(1, score)) + 1) / 2; // 0 = conflict, 1 = cooperation
  const hue = Math.round(t * 120); // 0 red .. 120 green
  return `hsl(${hue}, 70%, 40%)`;
}

function draw(data) {
  const root = svg("svg", {viewBox: `0 0 ${SIZE} ${SIZE}`, class: "network", role: "img",
    "aria-label": "Network of who acts on whom"});
  const defs = svg("defs");
  root.append(defs);
  const n = data.nodes.length;
  const radius = SIZE / 2 - 110;
  const pos = new Map(data.nodes.map((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2;
    return [node.id, {x: SIZE / 2 + radius * Math.cos(angle), y: SIZE / 2 + radius * Math.sin(angle), angle}];
  }));
  const maxN = Math.max(1, ...data.edges.map((e) => e.n));
  data.edges.forEach((edge, i) => {
    const a = pos.get(edge.source);
    const b = pos.get(edge.target);
    if (!a || !b) return;
    const c = colour(edge.score);
    const id = `arrow-${i}`;
    const marker = svg("marker", {id, viewBox: "0 0 10 10", refX: 24, refY: 5, markerWidth: 9,
      markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse"});
    marker.append(svg("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: c}));
    defs.append(marker);
    // Bend each arrow to its right so A→B and B→A stay apart.
    const mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.12;
    const my = (a.y + b.y) / 2 - (b.x - a.x) * 0.12;
    const path = svg("path", {d: `M ${a.x} ${a.y} Q ${mx} ${my} ${b.x} ${b.y}`, class: "edge", stroke: c,
      "stroke-width": 1.5 + 4 * Math.sqrt(edge.n / maxN), fill: "none", "marker-end": `url(#${id})`,
      "data-source": edge.source, "data-target": edge.target, "data-score": edge.score});
    const types = Object.entries(edge.by_type).map(([t, k]) => `${t} ×${k}`).join(", ");
    const names = (idv) => (data.nodes.find((x) => x.id === idv) || {}).name;
    path.append(svg("title", {}, `${names(edge.source)} → ${names(edge.target)}: ${types}`));
    root.append(path);
  });
  for (const node of data.nodes) {
    const p = pos.get(node.id);
    const link = svg("a", {href: `#/actor/${node.id}`, class: "node"});
    link.append(svg("circle", {cx: p.x, cy: p.y, r: 6 + Math.min(10, Math.sqrt(node.degree)), class: `kind-${node.kind}`}));
    const right = Math.cos(p.angle) >= 0;
    link.append(svg("text", {x: p.x + (right ? 14 : -14), y: p.y + 4, "text-anchor": right ? "start" : "end"},
      node.name));
    link.append(svg("title", {}, `${node.name}${node.country ? ` (${node.country})` : ""}: ${node.degree} acts`));
    root.append(link);
  }
  return root;
}

export async function renderNetwork(root) {
  const holder = el("div", {class: "network-holder", id: "network"});
  const legend = el("ul", {class: "legend"}, QUAD_LABELS.map(([q, s]) =>
    el("li", {}, el("span", {class: "swatch", style: `background:${colour(s)}`}), q.replace("_", " "))));
  append(clear(root), [el("h1", {}, "Who acts on whom"), legend, holder]);
  try {
    const data = await get("/network", {max_nodes: 40});
    if (!data.nodes.length) holder.append(el("p", {class: "muted"}, "No events between actors yet."));
    else holder.append(draw(data));
  } catch (err) {
    holder.append(errorBox(err));
  }
}

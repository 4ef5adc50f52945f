// DOM helpers. Every string from the API (article text, titles, names, quotes) is untrusted:
// it only ever enters the page through textContent or createTextNode, never innerHTML.

/** Create an element: el("a", {href: "#/x", class: "c"}, "text", childNode, [more]). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    // CSSOM, not the style attribute: the page's CSP forbids inline style attributes.
    else if (key === "style") node.style.cssText = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Append a string (as a text node), a node, or nested arrays of them. */
export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element; text goes in with textContent like everywhere else. */
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

export function fmtNumber(value) {
  return typeof value === "number" ? value.toLocaleString("en-US") : String(value ?? "");
}

/** "Russia, Ukraine → Russia" from an event's names. */
export function who(ev) {
  const sources = (ev.sources || []).filter(Boolean).join(", ") || "?";
  const targets = (ev.targets || []).filter(Boolean).join(", ");
  return targets ? `${sources} → ${targets}` : sources;
}

export function when(ev) {
  return (ev.time && ev.time.value) || ev.published || "";
}

export function statusBadge(status) {
  return el("span", {class: `badge status-${status || "unknown"}`}, (status || "?").replace("_", " "));
}

export function errorBox(err) {
  return el("p", {class: "error", role: "alert"}, err && err.message ? err.message : String(err));
}

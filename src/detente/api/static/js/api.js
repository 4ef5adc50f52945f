// The JSON API, same origin. Errors arrive as {"error": {"code", "message"}}; they are thrown
// as ApiError so pages can show the server's message.

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

async function parse(response) {
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(response.status, err.code || "error", err.message || response.statusText, body);
  }
  return body;
}

/** GET path with query params (empty values are left out). */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const qs = query.toString();
  return parse(await fetch(qs ? `${path}?${qs}` : path, {headers: {Accept: "application/json"}}));
}

export async function post(path, body, token) {
  const headers = {"Content-Type": "application/json", Accept: "application/json"};
  if (token) headers.Authorization = `Bearer ${token}`;
  return parse(await fetch(path, {method: "POST", headers, body: JSON.stringify(body)}));
}

export function articlePath(id) {
  return `/articles/${id.split("/").map(encodeURIComponent).join("/")}`;
}

// Calls the REST API with the browser's session. Mutating calls carry the session's CSRF token;
// a 401 means the session ended, so the user is sent to the login form and brought back.

let csrfToken = null;

/** An API answer that is not 2xx, with the problem+json body when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** Loads who is logged in (and the CSRF token); every page calls this first. */
export async function loadSession() {
  const session = await request('GET', '/ui/session');
  csrfToken = session.csrf_token;
  return session;
}

/** @returns an API path with each id percent-encoded: api('dags', id, 'dagRuns') */
export function api(...segments) {
  return '/api/v1/' + segments.map(encodeURIComponent).join('/');
}

/** @returns a query string from an object; arrays repeat the key, null values are left out */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) q.append(key, String(v));
  }
  const text = q.toString();
  return text ? '?' + text : '';
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
export const patch = (path, body) => request('PATCH', path, body);

/** Sends one request; resolves to the JSON body (null for 204), rejects with ApiError. */
export async function request(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    toLogin();
    throw new ApiError(401, {title: 'Unauthorized', detail: 'your session has ended'});
  }
  if (!response.ok) throw new ApiError(response.status, await problem(response));
  return response.status === 204 ? null : response.json();
}

/** Posts the logout and goes to the login form. */
export async function logout() {
  await request('POST', '/logout');
  location.assign('/login');
}

async function problem(response) {
  try {
    return await response.json();
  } catch {
    return {title: response.statusText || `HTTP ${response.status}`};
  }
}

function toLogin() {
  location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search + location.hash));
}

/** Reads every page of a list endpoint: fetchAll(api('dags'), {tags: 'etl'}, 'dags'). */
export async function fetchAll(path, params, key) {
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await get(path + query({...params, limit: 1000, offset}));
    items.push(...page[key]);
    if (page[key].length === 0 || items.length >= page.total_entries) return items;
  }
}

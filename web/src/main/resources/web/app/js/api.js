// The REST API, as any other client would call it. The access token lives in memory only; the
// refresh token in localStorage, so that every tab of the app (and a link opened from an email in a
// new tab) shares one session. Refreshes are serialised across tabs with a Web Lock, because a
// refresh token works once: two tabs rotating the same one would end the session.

const REFRESH_KEY = 'prompt-tracker.refresh';
const USER_KEY = 'prompt-tracker.user';

let accessToken = null;
let refreshing = null;
let current = readStoredUser();
const listeners = new Set();
const signedOutListeners = new Set();

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super((problem && problem.detail) || `The request failed (${status}).`);
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }

  /** Field name → message, from the problem document's errors[]. */
  get fields() {
    const fields = {};
    for (const error of this.problem.errors || []) {
      fields[error.field] = fields[error.field] ? `${fields[error.field]}; ${error.message}` : error.message;
    }
    return fields;
  }

  get type() {
    return this.problem.type || '';
  }

  /** What to tell a person, in words. */
  get sentence() {
    if (this.status === 429) {
      const wait = this.retryAfter ? ` Try again in ${this.retryAfter} s.` : ' Try again in a moment.';
      return `Too many requests.${wait}`;
    }
    return this.message;
  }
}

export const EMAIL_NOT_VERIFIED = 'urn:problem:prompt-tracker:email-not-verified';

export function currentUser() {
  return current;
}

export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called when a refresh fails: the session is over and the app goes to sign-in. */
export function onSignedOut(listener) {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export function hasSession() {
  return localStorage.getItem(REFRESH_KEY) !== null;
}

export function signedIn(result) {
  accessToken = result.accessToken;
  localStorage.setItem(REFRESH_KEY, result.refreshToken);
  setUser(result.user);
}

export function signOutHere() {
  accessToken = null;
  localStorage.removeItem(REFRESH_KEY);
  setUser(null);
}

function setUser(user) {
  current = user;
  if (user) {
    localStorage.setItem(USER_KEY, JSON.stringify(user));
  } else {
    localStorage.removeItem(USER_KEY);
  }
  listeners.forEach((listener) => listener(current));
}

function readStoredUser() {
  try {
    return localStorage.getItem(REFRESH_KEY) ? JSON.parse(localStorage.getItem(USER_KEY)) : null;
  } catch {
    return null;
  }
}

// Another tab signed in or out: follow it.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_KEY && event.newValue === null) {
    accessToken = null;
    setUser(null);
  } else if (event.key === USER_KEY && event.newValue) {
    current = JSON.parse(event.newValue);
    listeners.forEach((listener) => listener(current));
  }
});

/** Trades the stored refresh token for new tokens; one refresh at a time, in this tab and across tabs. */
export function refresh() {
  if (!refreshing) {
    const run = async () => {
      const token = localStorage.getItem(REFRESH_KEY);
      if (!token) {
        throw new ApiError(401, { detail: 'Sign in first.' });
      }
      const result = await send('POST', '/api/auth/refresh', { refreshToken: token }, null);
      signedIn(result);
      return result;
    };
    const locked = navigator.locks ? navigator.locks.request('prompt-tracker.refresh', run) : run();
    refreshing = locked.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function send(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: 'The server cannot be reached. Check the connection and try again.' });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json || { detail: `The server answered ${response.status}.` },
      response.headers.get('Retry-After'));
  }
  return json;
}

/**
 * One API call. Signed in, it carries the access token; when that has expired (401), the session is
 * refreshed once and the call tried again; when the refresh fails too, the session is over.
 */
export async function call(method, path, body) {
  if (!accessToken && hasSession()) {
    await refreshOrEnd();
  }
  try {
    return await send(method, path, body, accessToken);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !hasSession() || path === '/api/auth/refresh') {
      throw error;
    }
  }
  await refreshOrEnd();
  return send(method, path, body, accessToken);
}

/** On start: a stored session gets a fresh access token (and the account as it is now), or ends. */
export function resume() {
  return hasSession() ? refreshOrEnd().catch(() => {}) : Promise.resolve();
}

async function refreshOrEnd() {
  try {
    await refresh();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
      signOutHere();
      signedOutListeners.forEach((listener) => listener());
    }
    throw error;
  }
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body = {}) => call('POST', path, body),
  put: (path, body = {}) => call('PUT', path, body),
  patch: (path, body = {}) => call('PATCH', path, body),
  delete: (path) => call('DELETE', path),
};

/** Saves the answer of a GET (an export) as a file, with the caller's credentials. */
export async function download(path, filename) {
  if (!accessToken && hasSession()) {
    await refreshOrEnd();
  }
  const response = await fetch(path, { headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {} });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem || { detail: `The server answered ${response.status}.` });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Sends a file as the body of a POST (an import), with the caller's credentials; the browser streams it.
 * Answers the JSON the server sent, or throws its problem as an ApiError.
 */
export async function upload(path, file) {
  if (!accessToken && hasSession()) {
    await refreshOrEnd();
  }
  const post = () => fetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream',
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}) },
    body: file,
  });
  let response;
  try {
    response = await post();
    if (response.status === 401 && hasSession()) {
      await refreshOrEnd();
      response = await post();
    }
  } catch (failure) {
    if (failure instanceof ApiError) {
      throw failure;
    }
    throw new ApiError(0, { detail: 'The server cannot be reached. Check the connection and try again.' });
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json || { detail: `The server answered ${response.status}.` },
      response.headers.get('Retry-After'));
  }
  return json;
}

/** Query string of the given parameters, leaving out empty ones. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

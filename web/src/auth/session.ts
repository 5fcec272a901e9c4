import type { components } from '../api/schema';

type Session = components['schemas']['SessionResponseDto'];

const REFRESH_KEY = 'mission-crm.refresh';
// Refresh a little before the access token runs out, so a request never carries an expired one.
const EARLY_MS = 30_000;

interface Access {
  token: string;
  expiresAt: number;
}

type Refreshed = 'ok' | 'revoked' | 'failed';

let access: Access | null = null;
let refreshing: Promise<Refreshed> | null = null;
const listeners = new Set<() => void>();

const notify = (): void => listeners.forEach((listener) => listener());

/** Whether there is a session to use (an access token, or a refresh token to get one). */
export function hasSession(): boolean {
  return access !== null || localStorage.getItem(REFRESH_KEY) !== null;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Signing out in one tab signs out the others.
window.addEventListener('storage', (event) => {
  if (event.key === REFRESH_KEY && event.newValue === null) {
    access = null;
    notify();
  }
});

function keep(session: Session): void {
  access = { token: session.accessToken, expiresAt: Date.now() + session.expiresIn * 1000 };
  localStorage.setItem(REFRESH_KEY, session.refreshToken);
  notify();
}

function forget(): void {
  access = null;
  localStorage.removeItem(REFRESH_KEY);
  notify();
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`/api/v1/auth/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Signs in; resolves with the answer so the sign-in form can show a 401 or 429 as it is. */
export async function signIn(email: string, password: string): Promise<Response> {
  const response = await post('login', { email, password });
  if (response.ok) keep((await response.clone().json()) as Session);
  return response;
}

export async function signOut(): Promise<void> {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  forget();
  if (refreshToken) await post('logout', { refreshToken }).catch(() => undefined);
}

async function exchange(): Promise<Refreshed> {
  // Read inside the lock: another tab may have used the token a moment ago and kept its successor.
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return 'revoked';
  try {
    const response = await post('refresh', { refreshToken });
    if (response.status === 401) {
      forget();
      return 'revoked';
    }
    if (!response.ok) return 'failed';
    keep((await response.json()) as Session);
    return 'ok';
  } catch {
    // Offline or the service restarting: the session is still good; try again with the next request.
    return 'failed';
  }
}

/**
 * One refresh at a time, however many requests find the token stale together, and across tabs:
 * the service ends the whole session when one refresh token is used twice.
 */
function refresh(): Promise<Refreshed> {
  refreshing ??= (navigator.locks ? navigator.locks.request('mission-crm.refresh', exchange) : exchange()).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function currentToken(): Promise<string | null> {
  if (!access || access.expiresAt - EARLY_MS < Date.now()) await refresh();
  return access?.token ?? null;
}

/**
 * fetch for the API client: sends the access token, refreshes it silently when it is about
 * to expire, and on a 401 refreshes once and sends the request again.
 */
export async function authenticatedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const token = await currentToken();
  if (token) input.headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(input);
  if (response.status !== 401 || !localStorage.getItem(REFRESH_KEY)) return response;
  access = null;
  if ((await refresh()) !== 'ok' || !access) return response;
  retry.headers.set('authorization', `Bearer ${(access as Access).token}`);
  return fetch(retry);
}

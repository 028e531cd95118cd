import { language, Language, setLanguage } from './i18n';
import { signal } from './state';

export interface Me {
  id: string;
  email: string;
  nameMn: string;
  nameLatin: string;
  language: Language;
  division: string | null;
  roles: string[];
  /** Signed in with a password someone else set: the app asks for a new one before anything else. */
  mustChangePassword?: boolean;
}

interface Session {
  accessToken: string;
  expiresIn: number;
  user: Me;
}

/** The API's error shape, with the message in both languages. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: string; messageMn?: string; details?: unknown } | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }

  /** The message in the reader's language. */
  text(lang: Language): string {
    return (lang === 'mn' ? this.body?.messageMn : this.body?.message) ?? this.message;
  }
}

/** The signed-in person; null before sign-in. The access token lives in memory only, never in storage. */
export const currentUser = signal<Me | null>(null);
let accessToken: string | null = null;

const API = '/api/v1';

function adopt(s: Session): Me {
  accessToken = s.accessToken;
  currentUser.set(s.user);
  setLanguage(s.user.language);
  return s.user;
}

export async function signIn(email: string, password: string): Promise<Me> {
  return adopt(await request<Session>('POST', '/auth/login', { email, password }, { retry: false }));
}

/** Replaces the password; every other session ends and this one continues with a fresh token. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  return adopt(await request<Session>('POST', '/auth/password', { currentPassword, newPassword }, { retry: false }));
}

/** A new access token from the httpOnly refresh cookie (a reload, or an expired token); null when signed out. */
export async function resume(): Promise<Me | null> {
  try {
    return adopt(await request<Session>('POST', '/auth/refresh', {}, { retry: false }));
  } catch {
    return null;
  }
}

export async function signOut(): Promise<void> {
  await request('POST', '/auth/logout', {}, { retry: false }).catch(() => undefined);
  accessToken = null;
  currentUser.set(null);
}

/** Remembers the language on the person (web app and emails), and locally for the sign-in page. */
export async function chooseLanguage(lang: Language): Promise<void> {
  setLanguage(lang);
  const me = currentUser.get();
  if (me) {
    await request('PUT', '/dashboard/preferences', { language: lang });
    currentUser.set({ ...me, language: lang });
  }
}

async function send(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  const isForm = body instanceof FormData;
  return fetch(`${API}${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
      ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
  });
}

/** One API call; an expired access token is renewed once from the refresh cookie and the call repeated. */
export async function raw(method: string, path: string, body?: unknown, opts: { retry?: boolean; headers?: Record<string, string> } = {}): Promise<Response> {
  let res = await send(method, path, body, opts.headers ?? {});
  if (res.status === 401 && opts.retry !== false && accessToken) {
    if (await resume()) res = await send(method, path, body, opts.headers ?? {});
    else currentUser.set(null);
  }
  if (!res.ok) {
    const parsed = await res.json().catch(() => null);
    throw new ApiFailure(res.status, parsed);
  }
  return res;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: { retry?: boolean } = {}): Promise<T> {
  const res = await raw(method, path, body, opts);
  return res.status === 204 ? (undefined as T) : ((await res.json()) as T);
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

/** What a download said about itself: its rows (X-Accord-Rows) and whether the server cut it short (X-Accord-Truncated). */
export interface DownloadInfo {
  fileName: string;
  rows: number | null;
  truncated: boolean;
}

/** Downloads a file the API serves to signed-in people (a bearer token cannot ride on a plain link). */
export async function download(path: string, fallbackName: string): Promise<DownloadInfo> {
  const res = await raw('GET', path);
  const rows = res.headers.get('X-Accord-Rows');
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = decodeURIComponent(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { fileName: a.download, rows: rows !== null && /^\d+$/.test(rows) ? Number(rows) : null, truncated: res.headers.get('X-Accord-Truncated') === 'true' };
}

/** Opens an HTML page the API serves to signed-in people (the printable report) in a new tab. */
export async function openHtml(path: string): Promise<void> {
  const win = window.open('', '_blank');
  const res = await raw('GET', path);
  const url = URL.createObjectURL(new Blob([await res.text()], { type: 'text/html' }));
  if (win) win.location.href = url;
  else window.location.href = url;
}

/** A fresh client request id for an action (the API performs a repeated one once). */
export function requestId(): string {
  return crypto.randomUUID();
}

export function hasRole(...roles: string[]): boolean {
  return !!currentUser.get()?.roles.some((r) => roles.includes(r));
}

export function currentLanguage(): Language {
  return language.get();
}

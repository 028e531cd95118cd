import { signal } from './state';

/** The app lives under /app and routes with the History API, so every page has a real, shareable URL. */
export const BASE = '/app';

export const location = signal<{ path: string; query: URLSearchParams }>(read());

function read() {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) || '/' : '/';
  return { path, query: new URLSearchParams(window.location.search) };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = to.startsWith(BASE) ? to : `${BASE}${to}`;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  location.set(read());
  if (!opts.replace) window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => location.set(read()));

/** Matches `/proposals/:id` style patterns; returns the params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, n: string) => (names.push(n), '([^/]+)'))}/?$`);
  const m = re.exec(path);
  return m ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) : null;
}

export function href(to: string): string {
  return `${BASE}${to}`;
}

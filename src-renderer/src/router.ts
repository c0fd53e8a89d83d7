import { create } from 'zustand';

export const PAGES = [
  'overview',
  'brokers',
  'topics',
  'schemas',
  'pipelines',
  'sql',
  'consumers',
  'connect',
  'acls',
  'users',
  'alerts',
  'stack',
  'profiles',
] as const;
export type Page = (typeof PAGES)[number];

interface Route {
  page: Page;
  /** The rest of the path, e.g. a topic name for `#/topics/orders`. */
  param: string | null;
}

function routeFromHash(): Route {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const page = (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
  const param = rest.length > 0 && rest.join('/') !== '' ? decodeURIComponent(rest.join('/')) : null;
  return { page, param };
}

/** Hash routing: works the same from file:// in Electron and from `serve` in a browser. */
export const useRoute = create<Route>(() => routeFromHash());
window.addEventListener('hashchange', () => useRoute.setState(routeFromHash()));

export function navigate(page: Page, param?: string): void {
  location.hash = `#/${page}${param ? `/${encodeURIComponent(param)}` : ''}`;
}

export function hrefOf(page: Page, param?: string): string {
  return `#/${page}${param ? `/${encodeURIComponent(param)}` : ''}`;
}

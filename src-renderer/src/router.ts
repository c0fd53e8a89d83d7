import { create } from 'zustand';

export const PAGES = ['overview', 'topics', 'pipelines', 'consumers', 'stack', 'profiles'] as const;
export type Page = (typeof PAGES)[number];

function pageFromHash(): Page {
  const name = location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview';
}

/** Hash routing: works the same from file:// in Electron and from `serve` in a browser. */
export const useRoute = create<{ page: Page }>(() => ({ page: pageFromHash() }));
window.addEventListener('hashchange', () => useRoute.setState({ page: pageFromHash() }));

export function navigate(page: Page): void {
  location.hash = `#/${page}`;
}

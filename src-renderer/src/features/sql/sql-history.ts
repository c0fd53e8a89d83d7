// The statements run, newest first, per profile (the same query on another cluster is another
// story), kept in the browser's storage: at most 50, a statement run again moves to the top.
const MAX = 50;
const key = (profileId: string) => `streamdesk.sql.history.${profileId}`;

export function readHistory(profileId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(profileId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export function addToHistory(profileId: string, statement: string): string[] {
  const next = [statement, ...readHistory(profileId).filter((s) => s !== statement)].slice(0, MAX);
  try {
    localStorage.setItem(key(profileId), JSON.stringify(next));
  } catch {
    // storage full or denied: the history is a convenience
  }
  return next;
}

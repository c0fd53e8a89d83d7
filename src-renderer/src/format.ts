// toLocaleString builds a new formatter on every call; live charts format dozens of figures a second
const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** Shows a missing figure as a dash rather than 0, so "unknown" never reads as "none". */
export function num(value: number | null | undefined, unit = ''): string {
  if (value === null || value === undefined) return '—';
  return `${grouped.format(value)}${unit}`;
}

export function elapsed(fromMs: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - fromMs) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(unit === 0 || size >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** retention.ms as a person says it: "7 days", "30 days", "forever". */
export function retention(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 0) return 'forever';
  const hours = ms / 3_600_000;
  if (hours >= 24 && hours % 24 === 0) return `${hours / 24} day${hours === 24 ? '' : 's'}`;
  if (hours >= 1) return `${Number(hours.toFixed(1))} h`;
  return `${Math.round(ms / 1000)} s`;
}

/** Whether data is moving right now, and since when it stopped. */
export function FlowIndicator({ idleMs, testId = 'flow-indicator' }: { idleMs: number | null; testId?: string }) {
  const flowing = idleMs !== null && idleMs < 3000;
  return (
    <span className={`flow ${flowing ? 'on' : 'off'}`} data-testid={testId} data-flowing={flowing}>
      <span className={`live-dot${flowing ? ' on' : ''}`} aria-hidden="true" />
      {flowing ? 'Data flowing' : idleMs === null ? 'No data seen yet' : `No data for ${quietFor(idleMs)}`}
    </span>
  );
}

function quietFor(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

import { useCallback, useMemo, useState } from 'react';
import { LiveSeries } from '../../charts/live-series';
import type { GroupLagHistory } from '../../../../src-shared/consumers';
import type { TimeRange } from '../../../../src-shared/metrics';
import { usePolling } from '../../hooks/use-polling';
import { PROPS_ONLY } from '../../charts/live-reading';
import { LiveChart, PALETTE } from '../../charts/LiveChart';
import { bridge } from '../../bridge';
import { num } from '../../format';

const RANGES: TimeRange[] = ['5m', '15m', '1h', '6h', '24h'];

/** A group's total lag over time, as the back end's metrics sampler recorded it (every 5 s). */
export function GroupLagChart({ groupId, currentLag }: { groupId: string; currentLag: number | null }) {
  const [range, setRange] = useState<TimeRange>('15m');
  const [history, setHistory] = useState<GroupLagHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () => bridge.call('consumers:lagHistory', { groupId, time_range: range }).then((answer) => (setHistory(answer), setError(null)), (caught: Error) => setError(caught.message)),
    [groupId, range],
  );
  usePolling(load, 5000);
  const points = useMemo(() => LiveSeries.of(history?.points ?? []), [history]);
  return (
    <div className="group-lag">
      <div className="toolbar">
        <span className="muted">Total lag over</span>
        <select value={range} onChange={(event) => setRange(event.target.value as TimeRange)} aria-label="Lag chart time range">
          {RANGES.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        {error && <span className="note error">{error}</span>}
      </div>
      <LiveChart
        title="Total lag (records)"
        testId="group-lag-chart"
        source={PROPS_ONLY}
        read={() => ({ lines: [{ name: 'Total lag (records)', points, color: PALETTE[0] }], current: num(currentLag) })}
        format={(value) => num(Math.round(value))}
      />
    </div>
  );
}

import { useMemo, useRef, useState } from 'react';
import { LiveSeries } from '@renderer/charts/live-series';
import type { GroupLagHistory } from '@shared/consumers';
import type { TimeRange } from '@shared/metrics';
import { PROPS_ONLY } from '@renderer/charts/live-reading';
import { LiveChart, PALETTE } from '@renderer/charts/LiveChart';
import { num } from '@renderer/format';
import { lagHistoryStore } from './consumers-store';

const RANGES: TimeRange[] = ['5m', '15m', '1h', '6h', '24h'];

/** A group's total lag over time, as the back end's metrics sampler recorded it (every 5 s). */
export function GroupLagChart({ groupId, currentLag }: { groupId: string; currentLag: number | null }) {
  const [range, setRange] = useState<TimeRange>('15m');
  const { data, error } = lagHistoryStore.use({ groupId, range });
  // the last range's history stays on screen until the new range's arrives
  const shown = useRef<GroupLagHistory | null>(null);
  if (data) shown.current = data;
  const history = data ?? shown.current;
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

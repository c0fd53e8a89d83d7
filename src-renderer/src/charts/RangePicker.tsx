import { memo } from 'react';
import { TimeRange } from '@shared/metrics';

export function RangePicker({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Time range">
      {TimeRange.options.map((range) => (
        <button key={range} className={range === value ? 'on' : undefined} aria-pressed={range === value} onClick={() => onChange(range)}>
          {range}
        </button>
      ))}
    </div>
  );
}

/** The same choice in a chart's header, where five buttons would not fit (memo: a live update need not redraw it). */
export const CompactRangePicker = memo(function CompactRangePicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: TimeRange;
  onChange: (range: TimeRange) => void;
}) {
  return (
    <select className="range-select" aria-label={label} value={value} onChange={(event) => onChange(event.target.value as TimeRange)}>
      {TimeRange.options.map((range) => (
        <option key={range} value={range}>
          {range}
        </option>
      ))}
    </select>
  );
});

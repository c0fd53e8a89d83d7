import { TimeRange } from '../../../src-shared/metrics';

export function RangePicker({ value, onChange }: { value: TimeRange; onChange(range: TimeRange): void }) {
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

// The shape of every "change with a preview first" (a consumer group's offset reset, a connector's
// offsets): Preview runs the change as a dry run and shows current → next per partition; Apply
// runs it for real, only after a preview and only while the change is allowed.
import { useState, type ReactNode } from 'react';

export interface PreviewOutcome {
  applied: boolean;
}

/** The preview held, the last error, and `run(dryRun)`; `onApplied` follows a real run. */
export function usePreviewApply<R extends PreviewOutcome>(call: (dryRun: boolean) => Promise<R>, onApplied: () => void) {
  const [preview, setPreview] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const result = await call(dryRun);
      setError(null);
      setPreview(result);
      if (!dryRun) onApplied();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  /** Forget the preview (the change was edited): Apply waits for a new one. */
  const clear = () => setPreview(null);
  return { preview, error, busy, run, clear, fail: setError };
}

interface ButtonsProps {
  /** Why Apply is not allowed now (shown beside it), or null. */
  blocked: string | null;
  state: { preview: PreviewOutcome | null; busy: boolean; run: (dryRun: boolean) => Promise<void> };
  /** Test ids are `<prefix>-preview` and `<prefix>-apply`. */
  prefix: string;
}

/** Preview and Apply: Apply only once previewed, not yet applied, and not blocked. */
export function PreviewApplyButtons({ blocked, state, prefix }: ButtonsProps) {
  return (
    <>
      <button disabled={state.busy} onClick={() => void state.run(true)} data-testid={`${prefix}-preview`}>
        Preview
      </button>
      <button
        className="primary"
        disabled={state.busy || blocked !== null || !state.preview || state.preview.applied}
        title={blocked ?? undefined}
        onClick={() => void state.run(false)}
        data-testid={`${prefix}-apply`}
      >
        Apply
      </button>
    </>
  );
}

export interface ChangeColumn<T> {
  label: string;
  render: (row: T) => ReactNode;
  right?: boolean;
}

/** A preview's rows: one per partition, the columns the caller names (where, current, new). */
export function ChangesTable<T>({
  rows,
  columns,
  rowKey,
  testId,
}: {
  rows: readonly T[];
  columns: ChangeColumn<T>[];
  rowKey: (row: T) => string;
  testId: string;
}) {
  return (
    <table className="grid compact" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} className={column.right ? 'right' : undefined}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((column) => (
              <td key={column.label} className={column.right ? 'right' : undefined}>
                {column.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { ReassignmentPlan } from '@shared/reassignments';
import type { TopicDetail } from '@shared/topics';
import { bytes } from '@renderer/format';

const ids = (list: number[]) => (list.length === 0 ? '—' : list.join(', '));

/** Per partition: the replicas now, the new ones (editable once a plan exists), and from the preview what changes and what it copies. */
export function PlanTable({
  detail,
  plan,
  rows,
  errorOf,
  onEdit,
}: {
  detail: TopicDetail;
  plan: ReassignmentPlan | null;
  rows: Record<string, string> | null;
  errorOf: (partition: number) => string | undefined;
  onEdit: (partition: number, text: string) => void;
}) {
  const planned = new Map(plan?.partitions.map((p) => [p.partition, p]));
  return (
    <table className="grid compact" data-testid="reassign-plan">
      <thead>
        <tr>
          <th>Partition</th>
          <th>Replicas now</th>
          <th>New replicas</th>
          <th>Adds</th>
          <th>Removes</th>
          <th className="right">Copies</th>
        </tr>
      </thead>
      <tbody>
        {detail.partitions.map(({ partition, replicas }) => {
          const row = planned.get(partition);
          const error = errorOf(partition);
          return (
            <tr key={partition} data-testid={`plan-row-${partition}`}>
              <td>{partition}</td>
              <td>{ids(replicas)}</td>
              <td>
                {rows ? (
                  <input
                    className={error ? 'invalid' : undefined}
                    value={rows[String(partition)] ?? replicas.join(', ')}
                    onChange={(event) => onEdit(partition, event.target.value)}
                    aria-label={`New replicas of partition ${partition}`}
                    data-testid={`plan-replicas-${partition}`}
                  />
                ) : (
                  <span className="muted">generate a plan</span>
                )}
                {error && <div className="field-error">{error}</div>}
              </td>
              <td className={row?.adding.length ? 'warn' : 'muted'}>{row ? ids(row.adding) : ''}</td>
              <td className={row?.removing.length ? 'warn' : 'muted'}>{row ? ids(row.removing) : ''}</td>
              <td className="right">{row ? bytes(row.moveBytes) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

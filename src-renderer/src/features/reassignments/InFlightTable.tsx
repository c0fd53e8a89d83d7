import type { PartitionProgress } from '@shared/reassignments';
import { bytes } from '@renderer/format';
import { hrefOf } from '@renderer/router';

const ids = (list: number[]) => (list.length === 0 ? '—' : list.join(', '));

/** Partitions being reassigned: the replica set while it moves, what it adds and removes, and the bytes still to copy. */
export function InFlightTable({ partitions, showTopic, testId }: { partitions: PartitionProgress[]; showTopic: boolean; testId: string }) {
  return (
    <table className="grid compact" data-testid={testId}>
      <thead>
        <tr>
          {showTopic && <th>Topic</th>}
          <th>Partition</th>
          <th>Replicas</th>
          <th>Adding</th>
          <th>Removing</th>
          <th className="right">To copy</th>
        </tr>
      </thead>
      <tbody>
        {partitions.map((p) => (
          <tr key={`${p.topic}/${p.partition}`} data-testid={`in-flight-${p.topic}-${p.partition}`}>
            {showTopic && (
              <td>
                <a href={hrefOf('topics', p.topic)}>{p.topic}</a>
              </td>
            )}
            <td>{p.partition}</td>
            <td>{ids(p.replicas)}</td>
            <td className={p.adding.length > 0 ? 'warn' : 'muted'}>{ids(p.adding)}</td>
            <td className={p.removing.length > 0 ? 'warn' : 'muted'}>{ids(p.removing)}</td>
            <td className="right">{bytes(p.bytesToGo)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

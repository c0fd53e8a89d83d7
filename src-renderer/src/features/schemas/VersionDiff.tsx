import { useMemo, useState } from 'react';
import type { SchemaVersion } from '@shared/schemas';
import { lineDiff, readableSchema, type DiffRow } from './line-diff';

/** Two versions side by side, line by line: removed on the left, added on the right, changed on both. */
export function VersionDiff({ versions }: { versions: SchemaVersion[] }) {
  const last = versions.length - 1;
  // until a version is picked, the two newest: a version registered meanwhile moves them along
  const [leftNo, setLeftNo] = useState<number | null>(null);
  const [rightNo, setRightNo] = useState<number | null>(null);
  const left = versions.find((v) => v.version === leftNo) ?? versions[Math.max(0, last - 1)];
  const right = versions.find((v) => v.version === rightNo) ?? versions[last];
  const { rows, exact } = useMemo(() => lineDiff(readableSchema(left.schema), readableSchema(right.schema)), [left, right]);
  const count = (kind: DiffRow['kind']) => rows.filter((row) => row.kind === kind).length;
  return (
    <section className="panel" data-testid="version-diff">
      <header>
        <h2>Compare versions</h2>
        <div className="actions">
          <VersionSelect versions={versions} value={left.version} onChange={setLeftNo} testId="diff-left" />
          <span className="muted">→</span>
          <VersionSelect versions={versions} value={right.version} onChange={setRightNo} testId="diff-right" />
        </div>
      </header>
      <div className="muted" data-testid="diff-summary">
        {left.version === right.version
          ? 'The same version on both sides.'
          : `${count('added')} added, ${count('removed')} removed, ${count('changed')} changed lines${exact ? '' : ' (long schemas: compared line by line at the same positions)'}`}
      </div>
      <table className="diff">
        <tbody>
          {rows.map((row, n) => (
            <DiffLine key={n} row={row} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function VersionSelect({ versions, value, onChange, testId }: { versions: SchemaVersion[]; value: number; onChange: (v: number) => void; testId: string }) {
  return (
    <select value={value} onChange={(event) => onChange(Number(event.target.value))} data-testid={testId}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          version {v.version} (id {v.id}){v.deleted ? ' — soft-deleted' : ''}
        </option>
      ))}
    </select>
  );
}

function DiffLine({ row }: { row: DiffRow }) {
  const leftText = row.kind === 'added' ? null : row.left;
  const rightText = row.kind === 'removed' ? null : row.right;
  const leftNo = row.kind === 'added' ? '' : row.leftNo;
  const rightNo = row.kind === 'removed' ? '' : row.rightNo;
  return (
    <tr className={`diff-${row.kind}`} data-kind={row.kind}>
      <td className="diff-no">{leftNo}</td>
      <td className={`diff-text${leftText === null ? ' diff-blank' : ''}`}>{leftText}</td>
      <td className="diff-no">{rightNo}</td>
      <td className={`diff-text${rightText === null ? ' diff-blank' : ''}`}>{rightText}</td>
    </tr>
  );
}

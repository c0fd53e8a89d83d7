// A line diff of two schema texts (longest common subsequence), for the versions side by side.
// Schemas are small (hundreds of lines), so the quadratic table is fine; past the cap the texts are
// compared line by line at the same positions instead, and the result says so.

export type DiffRow =
  | { kind: 'same'; left: string; right: string; leftNo: number; rightNo: number }
  | { kind: 'removed'; left: string; leftNo: number }
  | { kind: 'added'; right: string; rightNo: number }
  | { kind: 'changed'; left: string; right: string; leftNo: number; rightNo: number };

/** Above this many cells (lines × lines) the table would cost too much memory. */
const MAX_CELLS = 4_000_000;

export function lineDiff(leftText: string, rightText: string): { rows: DiffRow[]; exact: boolean } {
  const left = leftText.split('\n');
  const right = rightText.split('\n');
  if (left.length * right.length > MAX_CELLS) return { rows: byPosition(left, right), exact: false };
  return { rows: pairChanges(lcsRows(left, right)), exact: true };
}

/** A JSON schema (Avro, JSON Schema) pretty-printed so a one-line registration diffs field by field; anything else as it is. */
export function readableSchema(schema: string): string {
  try {
    return JSON.stringify(JSON.parse(schema), null, 2);
  } catch {
    return schema;
  }
}

function lcsRows(left: string[], right: string[]): DiffRow[] {
  const width = right.length + 1;
  // lengths[i][j]: the longest common subsequence of left[i..] and right[j..]
  const lengths = new Uint32Array((left.length + 1) * width);
  for (let i = left.length - 1; i >= 0; i--)
    for (let j = right.length - 1; j >= 0; j--)
      lengths[i * width + j] = left[i] === right[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i < left.length && j < right.length && left[i] === right[j]) {
      rows.push({ kind: 'same', left: left[i], right: right[j], leftNo: i + 1, rightNo: j + 1 });
      i++;
      j++;
    } else if (j < right.length && (i === left.length || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j])) {
      rows.push({ kind: 'added', right: right[j], rightNo: j + 1 });
      j++;
    } else {
      rows.push({ kind: 'removed', left: left[i], leftNo: i + 1 });
      i++;
    }
  }
  return rows;
}

/** A run of removals next to a run of additions reads best side by side: pair them as changed lines. */
function pairChanges(rows: DiffRow[]): DiffRow[] {
  const out: DiffRow[] = [];
  for (let k = 0; k < rows.length;) {
    if (rows[k].kind === 'same') {
      out.push(rows[k++]);
      continue;
    }
    const removed: Extract<DiffRow, { kind: 'removed' }>[] = [];
    const added: Extract<DiffRow, { kind: 'added' }>[] = [];
    for (; k < rows.length && rows[k].kind !== 'same'; k++) {
      const row = rows[k];
      if (row.kind === 'removed') removed.push(row);
      else if (row.kind === 'added') added.push(row);
    }
    for (let n = 0; n < Math.max(removed.length, added.length); n++) {
      const l = removed[n];
      const r = added[n];
      if (l && r) out.push({ kind: 'changed', left: l.left, right: r.right, leftNo: l.leftNo, rightNo: r.rightNo });
      else out.push(l ?? r);
    }
  }
  return out;
}

function byPosition(left: string[], right: string[]): DiffRow[] {
  return Array.from({ length: Math.max(left.length, right.length) }, (_, n): DiffRow => {
    if (n >= left.length) return { kind: 'added', right: right[n], rightNo: n + 1 };
    if (n >= right.length) return { kind: 'removed', left: left[n], leftNo: n + 1 };
    const kind = left[n] === right[n] ? 'same' : 'changed';
    return { kind, left: left[n], right: right[n], leftNo: n + 1, rightNo: n + 1 };
  });
}

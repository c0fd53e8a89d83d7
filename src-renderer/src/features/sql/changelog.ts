// A result table kept as Flink's changelog says: +I and +U add a row, -U and -D remove the row with
// the same fields (the newest such row: a GROUP BY updates the row it inserted last). Rows are kept
// in arrival order. The index by row content is built at the first retraction only: an append-only
// result (a scan of a million rows) never pays for it. Pure: unit-tested.
import type { SqlRow } from '@shared/sql';

export class ChangelogTable {
  /** Live rows in arrival order; a removed row's slot is null until compaction. */
  private slots: Array<unknown[] | null> = [];
  private readonly byContent = new Map<string, number[]>();
  private indexed = false;
  private live = 0;
  /** The slot a -U just emptied: the +U that follows takes it, so an updated row stays where it was. */
  private freedSlot: number | null = null;
  /** Bumped on every change, so a view knows to paint again. */
  version = 0;

  get size(): number {
    return this.live;
  }

  apply(rows: readonly SqlRow[]): void {
    for (const row of rows) {
      if (row.op === '+U' && this.freedSlot !== null) this.insert(row.fields, this.freedSlot);
      else if (row.op === '+I' || row.op === '+U') this.insert(row.fields);
      else this.remove(row.fields, row.op === '-U');
      if (row.op !== '-U') this.freedSlot = null;
    }
    if (this.slots.length > 1024 && this.live < this.slots.length / 2) this.compact();
    this.version++;
  }

  /** The live rows from `start` (in arrival order), at most `count`. */
  slice(start: number, count: number): unknown[][] {
    if (this.live === this.slots.length) return this.slots.slice(start, start + count) as unknown[][];
    this.compact();
    return this.slots.slice(start, start + count) as unknown[][];
  }

  clear(): void {
    this.freedSlot = null;
    this.slots = [];
    this.byContent.clear();
    this.indexed = false;
    this.live = 0;
    this.version++;
  }

  private insert(fields: unknown[], slot?: number): void {
    let at: number;
    if (slot === undefined) at = this.slots.push(fields) - 1;
    else {
      this.slots[slot] = fields;
      at = slot;
    }
    this.live++;
    if (this.indexed) this.index(fields, at);
  }

  private index(fields: unknown[], at: number): void {
    const key = JSON.stringify(fields);
    const list = this.byContent.get(key);
    if (list) list.push(at);
    else this.byContent.set(key, [at]);
  }

  private remove(fields: unknown[], updating: boolean): void {
    if (!this.indexed) this.reindex();
    const key = JSON.stringify(fields);
    const list = this.byContent.get(key);
    const at = list?.pop();
    if (at === undefined) return; // a retraction of a row we never saw (a limit cut it off): nothing to undo
    if (list!.length === 0) this.byContent.delete(key);
    this.slots[at] = null;
    this.live--;
    if (updating) this.freedSlot = at;
  }

  private compact(): void {
    this.freedSlot = null;
    this.slots = this.slots.filter((r): r is unknown[] => r !== null);
    if (this.indexed) this.reindex();
  }

  private reindex(): void {
    this.byContent.clear();
    this.slots.forEach((fields, i) => fields && this.index(fields, i));
    this.indexed = true;
  }
}

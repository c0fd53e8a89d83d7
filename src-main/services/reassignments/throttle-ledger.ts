// The replication throttles StreamDesk set, written down before they are set, so they are removed when their
// reassignment ends even if StreamDesk was closed meanwhile: the first progress read after a start finds them here.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ThrottleEntry {
  topic: string;
  /** The brokers whose leader/follower.replication.throttled.rate StreamDesk set. */
  brokers: number[];
  bytesPerSec: number;
  /** Set once StreamDesk asked to cancel, so the end is reported as a cancel. */
  cancelled?: boolean;
}

type Ledger = Record<string, ThrottleEntry[]>;

/** One JSON file for every cluster, keyed by the cluster's bootstrap list; `file` null keeps it in memory only. */
export class ThrottleLedger {
  private memory: Ledger = {};

  constructor(private readonly file: string | null) {}

  entries(cluster: string): ThrottleEntry[] {
    return this.read()[cluster] ?? [];
  }

  put(cluster: string, entry: ThrottleEntry): void {
    const ledger = this.read();
    ledger[cluster] = [...(ledger[cluster] ?? []).filter((e) => e.topic !== entry.topic), entry];
    this.write(ledger);
  }

  remove(cluster: string, topic: string): void {
    const ledger = this.read();
    ledger[cluster] = (ledger[cluster] ?? []).filter((e) => e.topic !== topic);
    if (ledger[cluster].length === 0) delete ledger[cluster];
    this.write(ledger);
  }

  private read(): Ledger {
    if (!this.file) return this.memory;
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Ledger;
    } catch {
      return {};
    }
  }

  private write(ledger: Ledger): void {
    this.memory = ledger;
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    // written whole then renamed: a crash leaves the old ledger or the new one, never half of one
    writeFileSync(`${this.file}.tmp`, JSON.stringify(ledger, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

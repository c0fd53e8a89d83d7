// The table schemas a user reviewed and saved, per profile and topic, in one small JSON file under
// the data dir: written whole to a temporary file and renamed, read through zod (a hand-edited file
// that no longer fits is ignored, not trusted).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SqlTableColumn } from '@shared/sql';

const SchemasFile = z.object({ version: z.literal(1), profiles: z.record(z.string(), z.record(z.string(), z.array(SqlTableColumn))) }).strict();
type SchemasFile = z.infer<typeof SchemasFile>;

export class TableSchemasStore {
  constructor(
    private readonly file: string,
    /** The same topic name on two clusters is two tables. */
    private readonly profileId: () => string,
  ) {}

  get(topic: string): SqlTableColumn[] | null {
    return this.read().profiles[this.profileId()]?.[topic] ?? null;
  }

  set(topic: string, columns: SqlTableColumn[]): void {
    const doc = this.read();
    const next: SchemasFile = {
      version: 1,
      profiles: { ...doc.profiles, [this.profileId()]: { ...(doc.profiles[this.profileId()] ?? {}), [topic]: columns } },
    };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }

  private read(): SchemasFile {
    try {
      const parsed = SchemasFile.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : { version: 1, profiles: {} };
    } catch {
      return { version: 1, profiles: {} };
    }
  }
}

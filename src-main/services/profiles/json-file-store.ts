import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setAsideFile, type KeyValueFile, type ReadResult } from './key-value-file';

export type JsonFileFs = Pick<typeof nodeFs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'rmSync' | 'readFileSync' | 'mkdirSync'>;

/**
 * A JSON document in one file, for `serve` and the CLI. Writes are atomic: a temp file in the
 * same folder (so rename stays on one file system), fsynced, then renamed over the old file.
 * The file is created 0600 because it holds encrypted secrets and the user's cluster addresses.
 */
export class JsonFileStore implements KeyValueFile {
  constructor(
    readonly location: string,
    private readonly fs: JsonFileFs = nodeFs,
    private readonly now: () => number = Date.now,
  ) {}

  read(): ReadResult {
    let text: string;
    try {
      text = this.fs.readFileSync(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw error; // unreadable (permissions...): not the same as corrupt, and must not be replaced
    }
    try {
      return { kind: 'ok', document: JSON.parse(text) as unknown };
    } catch (error) {
      return { kind: 'corrupt', reason: `it is not valid JSON (${(error as Error).message})` };
    }
  }

  write(document: unknown): void {
    const dir = dirname(this.location);
    this.fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${basename(this.location)}.${process.pid}.${this.now()}.tmp`);
    const fd = this.fs.openSync(temp, 'wx', 0o600);
    try {
      try {
        this.fs.writeSync(fd, `${JSON.stringify(document, null, 2)}\n`);
        this.fs.fsyncSync(fd);
      } finally {
        this.fs.closeSync(fd);
      }
      this.fs.renameSync(temp, this.location);
    } catch (error) {
      this.fs.rmSync(temp, { force: true });
      throw error;
    }
    this.syncDir(dir);
  }

  setAside(): string {
    return setAsideFile(this.location, this.now, this.fs.renameSync);
  }

  /** Makes the rename itself durable; some file systems refuse to fsync a directory, which is fine. */
  private syncDir(dir: string): void {
    try {
      const fd = this.fs.openSync(dir, 'r');
      try {
        this.fs.fsyncSync(fd);
      } finally {
        this.fs.closeSync(fd);
      }
    } catch {
      /* best effort */
    }
  }
}

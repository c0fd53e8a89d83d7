// electron-store behind KeyValueFile: atomic writes (conf's `atomically`: temp file + rename), file mode 0600.
import { join } from 'node:path';
import Store from 'electron-store';
import { setAsideFile, type KeyValueFile, type ReadResult } from '../services/profiles/key-value-file';

const KEY = 'document';

export class ElectronStoreFile implements KeyValueFile {
  readonly location: string;
  private store: Store<Record<string, unknown>> | null = null;

  /** `cwd` is passed explicitly (the host gives app.getPath('userData')) so the path is known even when the file cannot be parsed. */
  constructor(
    private readonly cwd: string,
    private readonly name = 'profiles',
  ) {
    this.location = join(cwd, `${name}.json`);
  }

  read(): ReadResult {
    let store: Store<Record<string, unknown>>;
    try {
      // clearInvalidConfig false: electron-store throws on bad JSON instead of emptying the file
      store = this.open();
    } catch (error) {
      return { kind: 'corrupt', reason: (error as Error).message };
    }
    return store.has(KEY) ? { kind: 'ok', document: store.get(KEY) } : { kind: 'missing' };
  }

  write(document: unknown): void {
    this.open().set(KEY, document);
  }

  setAside(): string {
    this.store = null;
    return setAsideFile(this.location);
  }

  private open(): Store<Record<string, unknown>> {
    this.store ??= new Store<Record<string, unknown>>({ cwd: this.cwd, name: this.name, clearInvalidConfig: false, configFileMode: 0o600 });
    return this.store;
  }
}

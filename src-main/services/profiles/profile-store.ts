import type { Logger } from '@main/core/logger';
import type { KeyValueFile } from './key-value-file';
import { EMPTY_DOCUMENT, ProfilesDocument } from './stored-profile';

/**
 * The profile document, loaded once and kept in memory. A file that cannot be understood is
 * moved aside and reported in `problems`; it is never silently replaced by an empty one.
 */
export class ProfileStore {
  private doc: ProfilesDocument | null = null;
  private readonly found: string[] = [];
  /** Set when a bad file could not be moved aside: then writing would destroy it. */
  private blocked: string | null = null;

  constructor(
    private readonly file: KeyValueFile,
    private readonly logger: Logger,
  ) {}

  get problems(): string[] {
    this.document();
    return [...this.found];
  }

  document(): ProfilesDocument {
    if (!this.doc) this.doc = this.load();
    return this.doc;
  }

  /** Writes first, then adopts: if the write fails, memory still matches the file. */
  replace(next: ProfilesDocument): void {
    this.document();
    if (this.blocked) throw new Error(this.blocked);
    this.file.write(next);
    this.doc = next;
  }

  private load(): ProfilesDocument {
    const read = this.file.read();
    if (read.kind === 'missing') return structuredClone(EMPTY_DOCUMENT);
    if (read.kind === 'ok') {
      const parsed = ProfilesDocument.safeParse(read.document);
      if (parsed.success) return parsed.data;
      const first = parsed.error.issues[0];
      return this.quarantine(`it does not hold StreamDesk profiles (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown shape'})`);
    }
    return this.quarantine(read.reason);
  }

  private quarantine(reason: string): ProfilesDocument {
    try {
      const aside = this.file.setAside();
      this.found.push(
        `The profile file ${this.file.location} could not be read: ${reason}. It was kept as ${aside}; StreamDesk started with no saved profiles.`,
      );
    } catch (error) {
      this.blocked = `The profile file ${this.file.location} could not be read (${reason}) nor moved aside (${(error as Error).message}); profiles cannot be saved until it is fixed or removed.`;
      this.found.push(this.blocked);
    }
    this.logger.warn(this.found[this.found.length - 1] ?? 'profile store problem');
    return structuredClone(EMPTY_DOCUMENT);
  }
}

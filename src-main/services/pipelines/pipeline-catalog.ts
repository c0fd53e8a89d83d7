// The pipeline catalog: built-in SQL pipelines (code) plus the user's SQL pipelines and uploaded
// jars, kept in one JSON file under the data dir. The file holds only user entries.
import { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { ParsedArgs } from '@shared/contract';
import { type JarPipelineDefinition, PipelineDefinition, type SqlPipelineDefinition, splitSqlStatements } from '@shared/pipelines';
import { JsonFileStore } from '../profiles/json-file-store';
import { BUILTIN_PIPELINES } from './builtin-pipelines';

const CatalogFile = z.object({ version: z.literal(1), pipelines: z.array(PipelineDefinition) });

export class PipelineCatalog {
  private readonly store: JsonFileStore;

  constructor(
    /** e.g. <dataDir>/pipelines.json */
    readonly file: string,
    private readonly builtIns: readonly SqlPipelineDefinition[] = BUILTIN_PIPELINES,
  ) {
    this.store = new JsonFileStore(file);
  }

  list(): PipelineDefinition[] {
    return [...this.builtIns, ...this.userPipelines()];
  }

  get(name: string): PipelineDefinition {
    const p = this.list().find((x) => x.name === name);
    if (!p)
      throw new StreamdeskError(
        'not-found',
        `pipelineName: no pipeline named "${name}" (known: ${this.list()
          .map((x) => x.name)
          .join(', ')})`,
      );
    return p;
  }

  has(name: string): boolean {
    return this.list().some((x) => x.name === name);
  }

  /** The dispatcher has checked `a` against the contract; what is left is what only the catalog knows. */
  saveSql(a: ParsedArgs<'pipelines:saveSql'>): SqlPipelineDefinition {
    this.assertNotBuiltIn(a.name);
    const statements = splitSqlStatements(a.sql);
    if (statements.length === 0) throw invalidField(['sql'], 'holds no statement');
    if (!statements.some((s) => /^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(INSERT|EXECUTE)\b/i.test(s)))
      throw invalidField(['sql'], 'needs an INSERT INTO (or EXECUTE STATEMENT SET) that writes somewhere; a pipeline without one starts no job');
    const def: SqlPipelineDefinition = {
      kind: 'sql',
      name: a.name,
      description: a.description,
      builtIn: false,
      statements,
      sourceTopic: a.sourceTopic,
      sinkTopic: a.sinkTopic,
      resultEventTimeField: a.resultEventTimeField,
      resultOldestEventTimeField: a.resultOldestEventTimeField,
    };
    this.put(def);
    return def;
  }

  saveJar(a: Omit<ParsedArgs<'pipelines:uploadJarBytes'>, 'fileName' | 'bytes'>, jarId: string): JarPipelineDefinition {
    this.assertNotBuiltIn(a.name);
    const def: JarPipelineDefinition = {
      kind: 'jar',
      name: a.name,
      description: a.description,
      builtIn: false,
      jarId,
      entryClass: a.entryClass,
      programArgs: a.programArgs,
      sourceTopic: a.sourceTopic,
      sinkTopic: a.sinkTopic,
      resultEventTimeField: a.resultEventTimeField,
      resultOldestEventTimeField: a.resultOldestEventTimeField,
    };
    this.put(def);
    return def;
  }

  /** Removes a user pipeline; returns it (so a jar's file can be deleted from Flink too). */
  remove(name: string): PipelineDefinition {
    this.assertNotBuiltIn(name);
    const user = this.userPipelines();
    const found = user.find((p) => p.name === name);
    if (!found) throw new StreamdeskError('not-found', `name: no user pipeline named "${name}"`);
    this.write(user.filter((p) => p.name !== name));
    return found;
  }

  private assertNotBuiltIn(name: string): void {
    if (this.builtIns.some((b) => b.name === name)) throw invalidField(['name'], `"${name}" is a built-in pipeline; choose another name`, 'conflict');
  }

  private put(def: PipelineDefinition): void {
    this.write([...this.userPipelines().filter((p) => p.name !== def.name), def]);
  }

  private userPipelines(): PipelineDefinition[] {
    const r = this.store.read();
    if (r.kind === 'missing') return [];
    if (r.kind === 'corrupt') throw new StreamdeskError('internal', `pipeline catalog ${this.file}: ${r.reason}`);
    const parsed = CatalogFile.safeParse(r.document);
    if (!parsed.success)
      throw new StreamdeskError('internal', `pipeline catalog ${this.file}: not a catalog file (${parsed.error.issues[0]?.message ?? 'invalid'})`);
    return parsed.data.pipelines;
  }

  private write(pipelines: PipelineDefinition[]): void {
    this.store.write({ version: 1, pipelines });
  }
}

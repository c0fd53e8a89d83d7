// The pipelines a user can start: the catalog's definitions, and the jars Flink holds for them.
import type { ParsedArgs } from '@shared/contract';
import { invalidField } from '@shared/errors';
import type { FlinkJar } from '@shared/flink';
import type { JarPipelineDefinition, PipelineDefinition, SqlPipelineDefinition } from '@shared/pipelines';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import type { PipelineCatalog } from './pipeline-catalog';

/** A jar pipeline's settings as the dispatcher parsed them; the jar itself travels beside them. */
export type JarPipelineSettings = Omit<ParsedArgs<'pipelines:uploadJarBytes'>, 'fileName' | 'bytes'>;

export class PipelineCatalogService {
  constructor(
    private readonly flink: FlinkRestClient,
    private readonly catalog: PipelineCatalog,
  ) {}

  listPipelines(): PipelineDefinition[] {
    return this.catalog.list();
  }
  getPipeline(name: string): PipelineDefinition {
    return this.catalog.get(name);
  }
  saveSqlPipeline(args: ParsedArgs<'pipelines:saveSql'>): SqlPipelineDefinition {
    return this.catalog.saveSql(args);
  }

  /** Upload a jar to Flink and register it as a pipeline. */
  async uploadJarPipeline(args: JarPipelineSettings, jar: { fileName: string; bytes: Uint8Array }): Promise<JarPipelineDefinition> {
    if (!jar.fileName.toLowerCase().endsWith('.jar')) throw invalidField(['fileName'], `"${jar.fileName}" is not a .jar file`);
    // a jar is a zip: local file header "PK\x03\x04" (an empty zip, "PK\x05\x06", holds no class to run)
    const b = jar.bytes;
    if (b.byteLength < 4 || b[0] !== 0x50 || b[1] !== 0x4b || b[2] !== 0x03 || b[3] !== 0x04)
      throw invalidField(['bytes'], `"${jar.fileName}" is not a jar (no zip header)`);
    // checked before the upload, so a name clash leaves nothing behind in Flink
    if (this.catalog.has(args.name) && this.catalog.get(args.name).builtIn)
      throw invalidField(['name'], `"${args.name}" is a built-in pipeline; choose another name`, 'conflict');
    const jarId = await this.flink.uploadJar(jar.fileName, jar.bytes);
    return this.catalog.saveJar(args, jarId);
  }

  /** The jars Flink holds, with the catalog pipelines that run each. */
  async listJars(): Promise<FlinkJar[]> {
    const list = await this.flink.jars();
    const pipelines = this.catalog.list();
    return (list.files ?? []).map((f) => ({
      id: f.id,
      name: f.name ?? f.id,
      uploadedAt: f.uploaded ?? null,
      entryClasses: (f.entry ?? []).map((e) => e.name).filter((n): n is string => Boolean(n)),
      pipelines: pipelines.filter((p) => p.kind === 'jar' && p.jarId === f.id).map((p) => p.name),
    }));
  }

  /** Delete a jar from Flink; refused while a catalog pipeline runs it (delete that pipeline instead). */
  async deleteJar(jarId: string): Promise<void> {
    const users = this.catalog
      .list()
      .filter((p) => p.kind === 'jar' && p.jarId === jarId)
      .map((p) => p.name);
    if (users.length > 0)
      throw invalidField(['jarId'], `pipeline ${users.map((n) => `"${n}"`).join(', ')} runs this jar; delete the pipeline (which deletes its jar)`, 'conflict');
    await this.flink.deleteJar(jarId);
  }

  /** Remove a user pipeline; an uploaded jar is deleted from Flink too. */
  async deletePipeline(name: string): Promise<void> {
    const removed = this.catalog.remove(name);
    if (removed.kind === 'jar') await this.flink.deleteJar(removed.jarId).catch(() => undefined);
  }
}

// What a user does to a running job: cancel it, take savepoints, stop it with one; and the
// savepoints kept, on disk and in the jobs' histories.
import { existsSync } from 'node:fs';
import { StreamdeskError } from '@shared/errors';
import type { SavepointInfo } from '@shared/flink';
import type { SavepointResult } from '@shared/pipelines';
import { parseCheckpointStats } from '@main/clients/flink/flink-parse';
import type { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { followAsync, localPath, savepointsInDir } from './savepoints';

export class PipelineOperationsService {
  constructor(
    private readonly flink: FlinkRestClient,
    /** Local folder savepoints go to and are listed from; null: Flink's configured default, nothing listed from disk. */
    private readonly savepointsDir: string | null,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async cancel(jobId: string): Promise<void> {
    await this.flink.cancel(jobId);
  }

  async triggerSavepoint(jobId: string): Promise<SavepointResult> {
    const trigger = await this.flink.triggerSavepoint(jobId, this.targetDir());
    const path = await followAsync(() => this.flink.savepointStatus(jobId, trigger), `savepoint of job ${jobId}`, { sleep: this.sleep });
    if (!path) throw new StreamdeskError('internal', `savepoint of job ${jobId}: Flink reported no location`);
    return { jobId, path };
  }

  async stopWithSavepoint(jobId: string): Promise<SavepointResult> {
    const trigger = await this.flink.stopWithSavepoint(jobId, this.targetDir());
    const path = await followAsync(() => this.flink.savepointStatus(jobId, trigger), `stop of job ${jobId}`, { sleep: this.sleep });
    if (!path) throw new StreamdeskError('internal', `stop of job ${jobId}: Flink reported no savepoint location`);
    return { jobId, path };
  }

  async disposeSavepoint(path: string): Promise<void> {
    const trigger = await this.flink.disposeSavepoint(path);
    await followAsync(() => this.flink.disposalStatus(trigger), `disposal of ${path}`, { sleep: this.sleep });
  }

  /** Savepoints in the local folder, plus those Flink's jobs report (newest first, each path once). */
  async listSavepoints(): Promise<SavepointInfo[]> {
    const jobs = (await this.flink.jobsOverview().catch(() => ({ jobs: [] }))).jobs ?? [];
    const ids = jobs.map((j) => j.jid);
    const out = this.savepointsDir ? savepointsInDir(this.savepointsDir, ids) : [];
    const seen = new Set(out.map((s) => localPath(s.path)));
    for (const id of ids) {
      const c = await this.flink.checkpoints(id).catch(() => null);
      if (!c) continue;
      const stats = parseCheckpointStats(c);
      const savepoints = [stats.latestSavepoint, ...stats.history.filter((h) => h.isSavepoint)];
      for (const sp of savepoints) {
        if (!sp?.externalPath || sp.status !== 'COMPLETED' || seen.has(localPath(sp.externalPath))) continue;
        // a local file: savepoint that was disposed of is gone from disk but still in the job's history
        if (sp.externalPath.startsWith('file:') && this.savepointsDir && !existsSync(localPath(sp.externalPath))) continue;
        seen.add(localPath(sp.externalPath));
        out.push({ path: sp.externalPath, jobId: id, createdAt: sp.triggeredAt, sizeBytes: sp.sizeBytes, source: 'job' });
      }
    }
    return out.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
  }

  private targetDir(): string | null {
    return this.savepointsDir ? `file://${this.savepointsDir}` : null;
  }
}

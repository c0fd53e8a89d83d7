// A jar Flink cannot run: its reason, recorded from a real Flink 1.18.1 (fixtures/README.md),
// reaches the user as a message naming the field to fix.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SaveJarPipelineArgs, StartPipelineArgs } from '@shared/pipelines';
import { FlinkRestClient } from '@main/clients/flink/flink-rest-client';
import { createPipelineServices, PipelineCatalog, type PipelineLaunchService } from '@main/services/pipelines';

const fixture = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'sd-jar-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Flink as recorded: the cluster overview, and the given answer to the run. */
function serviceAnswering(runStatus: number, runBody: unknown): PipelineLaunchService {
  const fetchRecorded = (url: string | URL | Request): Promise<Response> => {
    const path = new URL(url instanceof Request ? url.url : url).pathname;
    if (path === '/overview')
      return Promise.resolve(new Response(JSON.stringify(fixture('overview')), { status: 200, headers: { 'content-type': 'application/json' } }));
    if (path.endsWith('/run'))
      return Promise.resolve(new Response(JSON.stringify(runBody), { status: runStatus, headers: { 'content-type': 'application/json' } }));
    return Promise.reject(new Error(`unexpected ${path}`));
  };
  const catalog = new PipelineCatalog(join(dir, `${Math.random()}.json`));
  catalog.saveJar(SaveJarPipelineArgs.parse({ name: 'sm', entryClass: 'no.such.Main' }), 'abc_flink-examples-streaming-1.18.1.jar');
  return createPipelineServices({
    flink: new FlinkRestClient({ fetch: fetchRecorded, baseUrl: 'http://flink:8081' }),
    gateway: null,
    catalog,
    topics: null,
    kafkaBootstrap: 'k:9092',
    savepointsDir: null,
  }).launch;
}

describe('running a jar Flink refuses', () => {
  it("a missing entry class names entryClass and carries Flink's reason", async () => {
    const error = await serviceAnswering(500, fixture('error-jar-run-no-class'))
      .start(StartPipelineArgs.parse({ pipelineName: 'sm' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-argument' });
    expect((error as Error).message).toMatch(/^entryClass: Flink could not run jar pipeline "sm": .*no\.such\.Main/);
  });
  it('a jar gone from Flink says to upload it again', async () => {
    const error = await serviceAnswering(500, fixture('error-jar-run'))
      .start(StartPipelineArgs.parse({ pipelineName: 'sm' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict' });
    expect((error as Error).message).toContain('pipelineName: the jar of "sm" is gone from Flink');
  });
  it('entry class and program arguments are for jar pipelines only', async () => {
    await expect(serviceAnswering(500, {}).start(StartPipelineArgs.parse({ pipelineName: 'stavanger_parking_realtime', programArgs: ['x'] }))).rejects.toThrow(
      'programArgs: "stavanger_parking_realtime" is a SQL pipeline',
    );
  });
});

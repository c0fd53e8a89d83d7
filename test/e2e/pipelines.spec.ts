import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readE2eEnv } from './stack-env';

/** Flink's own streaming examples from Maven Central, as the integration test fetches them (through the local Maven repository, a cache). */
function examplesJar(dir: string): string {
  const r = spawnSync('mvn', ['-q', '-B', 'dependency:copy', '-Dartifact=org.apache.flink:flink-examples-streaming:1.18.1', `-DoutputDirectory=${dir}`], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const jar = join(dir, 'flink-examples-streaming-1.18.1.jar');
  if (!existsSync(jar)) throw new Error(`mvn dependency:copy gave no jar:\n${r.stdout}${r.stderr}`);
  return jar;
}

function api(path: string) {
  const url = new URL(readE2eEnv().serveUrl);
  return { url: `${url.origin}${path}`, headers: { Authorization: `Bearer ${url.searchParams.get('token')}` } };
}

test('a pipeline started through the Start Pipeline modal runs and its completed checkpoints count up', async ({ page, request }, testInfo) => {
  test.setTimeout(360_000);
  const env = readE2eEnv();
  await page.goto(`${env.serveUrl}#/pipelines`);
  await expect(page.getByTestId('flink-cluster')).toContainText('slots free');
  await page.getByTestId('open-start-pipeline').click();
  const modal = page.getByTestId('start-pipeline-modal');
  await modal.locator('select[name="pipelineName"]').selectOption('stavanger_parking_realtime');
  await modal.locator('input[name="parallelism"]').fill('0');
  await page.getByTestId('start-pipeline-submit').click();
  await expect(modal).toContainText('at least 1');
  await modal.locator('input[name="parallelism"]').fill('1');
  await modal.locator('input[name="checkpointIntervalMs"]').fill('2000');
  await page.screenshot({ path: testInfo.outputPath('start-pipeline-modal.png') });
  await page.getByTestId('start-pipeline-submit').click();
  // a start creates topics, runs the statements in a SQL Gateway session and watches the job settle: slow on a loaded machine
  await expect(page.getByTestId('pipeline-note')).toContainText('Started stavanger_parking_realtime as job', { timeout: 150_000 });

  const job = page.getByTestId('jobs-table').locator('tr[data-job="stavanger_parking_realtime"][data-state="RUNNING"]').first();
  await expect(job).toBeVisible({ timeout: 60_000 });
  const completed = async () => Number(/(\d+) completed/.exec((await job.getByTestId('checkpoints-completed').textContent()) ?? '')?.[1] ?? 0);
  await expect.poll(completed, { timeout: 60_000 }).toBeGreaterThan(0);
  const first = await completed();
  await expect.poll(completed, { timeout: 30_000 }).toBeGreaterThan(first);
  await page.screenshot({ path: testInfo.outputPath('pipelines-running.png'), fullPage: true });

  await job.getByRole('link').click();
  await expect(page.getByTestId('vertices')).toContainText('Source');
  // the checkpoint history chart: a bar per checkpoint Flink still lists (at least the two counted above)
  await expect(page.getByTestId('checkpoint-chart').locator('.recharts-bar-rectangle').nth(1)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('job-detail.png'), fullPage: true });

  // The seed's REST endpoint: an unknown pipeline is 404, bad settings 400.
  const unknown = api('/api/streaming/pipelines');
  expect((await request.post(unknown.url, { headers: unknown.headers, data: { pipeline_name: 'nope', config: {} } })).status()).toBe(404);
  expect(
    (
      await request.post(unknown.url, { headers: unknown.headers, data: { pipeline_name: 'stavanger_parking_realtime', config: { parallelism: -2 } } })
    ).status(),
  ).toBe(400);

  await page.goto(`${env.serveUrl}#/pipelines`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('jobs-table').locator('tr[data-state="RUNNING"]').first().getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('jobs-table').locator('tr[data-job="stavanger_parking_realtime"]').first()).toHaveAttribute('data-state', /CANCEL/, {
    timeout: 60_000,
  });
});

test("POST /api/streaming/pipelines starts a pipeline and answers 201 with Flink's job id", async ({ request }) => {
  test.setTimeout(120_000);
  const call = api('/api/streaming/pipelines');
  const response = await request.post(call.url, {
    headers: call.headers,
    data: { pipeline_name: 'data_quality_check', config: { parallelism: 1, checkpoint_interval_ms: 10000 } },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { job_id: string; pipeline_name: string; settings: { parallelism: number } };
  expect(body.job_id).toMatch(/^[0-9a-f]{32}$/);
  expect(body).toMatchObject({ pipeline_name: 'data_quality_check', settings: { parallelism: 1 } });
  const cancel = api('/api/call/pipelines:cancelJob');
  expect((await request.post(cancel.url, { headers: cancel.headers, data: { jobId: body.job_id } })).status()).toBe(200);
});

test('a job jar uploaded from the browser starts through the modal at parallelism 2 and runs', async ({ page, request }, testInfo) => {
  test.setTimeout(300_000);
  const env = readE2eEnv();
  const jar = examplesJar(testInfo.outputPath('jars'));
  const name = `e2e-statemachine-${Math.random().toString(36).slice(2, 7)}`;
  const upload = api(`/api/pipelines/jars?name=${name}-bad&fileName=notes.jar`);
  // the upload route refuses what is not a jar, naming the field, and adds nothing
  const notJar = await request.post(upload.url, { headers: { ...upload.headers, 'Content-Type': 'application/java-archive' }, data: Buffer.from('just text') });
  expect(notJar.status()).toBe(400);
  expect(((await notJar.json()) as { error: { message: string } }).error.message).toContain('bytes: "notes.jar" is not a jar');
  expect((await request.post(upload.url, { headers: { ...upload.headers, 'Content-Type': 'text/plain' }, data: 'x' })).status()).toBe(415);

  // two slots free: a job an earlier test left running (it failed before its own cancel) is cancelled
  const jobs = api('/api/call/pipelines:jobs');
  const cancel = api('/api/call/pipelines:cancelJob');
  const listed = ((await (await request.post(jobs.url, { headers: jobs.headers, data: {} })).json()) as { result: Array<{ id: string; state: string }> })
    .result;
  for (const running of listed.filter((j) => ['RUNNING', 'CREATED', 'INITIALIZING', 'RESTARTING'].includes(j.state)))
    await request.post(cancel.url, { headers: cancel.headers, data: { jobId: running.id } });
  const cluster = api('/api/call/pipelines:cluster');
  await expect
    .poll(
      async () =>
        ((await (await request.post(cluster.url, { headers: cluster.headers, data: {} })).json()) as { result: { slotsFree: number } }).result.slotsFree,
      { timeout: 60_000 },
    )
    .toBe(2);

  await page.goto(`${env.serveUrl}#/pipelines`);
  await expect(page.getByTestId('flink-cluster')).toContainText('slots free');
  await page.getByTestId('open-upload-jar').click();
  const modal = page.getByTestId('start-pipeline-modal');
  const form = modal.getByTestId('jar-upload');
  // a file that is not a jar is refused before anything is sent
  const notes = testInfo.outputPath('notes.txt');
  writeFileSync(notes, 'not a jar');
  await form.locator('input[name="jarFile"]').setInputFiles(notes);
  await form.getByTestId('jar-upload-submit').click();
  await expect(form).toContainText('is not a .jar file');

  await form.locator('input[name="jarFile"]').setInputFiles(jar);
  await form.locator('input[name="jarPipelineName"]').fill(name);
  await form.locator('input[name="uploadEntryClass"]').fill('org.apache.flink.streaming.examples.statemachine.StateMachineExample');
  await page.screenshot({ path: testInfo.outputPath('jar-upload-form.png') });
  await form.getByTestId('jar-upload-submit').click();
  await expect(modal.locator('select[name="pipelineName"]')).toHaveValue(name, { timeout: 60_000 });
  await expect(modal.locator('input[name="entryClass"]')).toHaveValue('org.apache.flink.streaming.examples.statemachine.StateMachineExample');
  await modal.locator('input[name="parallelism"]').fill('3');
  await expect(modal.getByTestId('slots-warning')).toContainText('Only 2 of 2 slots are free');
  await modal.locator('input[name="parallelism"]').fill('2');
  await modal.locator('input[name="checkpointIntervalMs"]').fill('5000');
  await page.screenshot({ path: testInfo.outputPath('start-jar-modal.png') });
  await page.getByTestId('start-pipeline-submit').click();
  await expect(page.getByTestId('pipeline-note')).toContainText(`Started ${name} as job`, { timeout: 90_000 });

  // the jar names its own job ("State machine job"); it runs at the requested parallelism
  const job = page.getByTestId('jobs-table').locator('tr[data-job="State machine job"][data-state="RUNNING"]').first();
  await expect(job).toBeVisible({ timeout: 60_000 });
  await expect(job.locator('td').nth(2)).toHaveText('2');
  await expect(page.getByTestId('jars').locator('tr', { hasText: name })).toContainText('flink-examples-streaming-1.18.1.jar');
  await page.screenshot({ path: testInfo.outputPath('jar-running.png'), fullPage: true });

  page.once('dialog', (dialog) => void dialog.accept());
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('jobs-table').locator('tr[data-job="State machine job"]').first()).toHaveAttribute('data-state', /CANCEL/, { timeout: 60_000 });
  const remove = api('/api/call/pipelines:delete');
  expect((await request.post(remove.url, { headers: remove.headers, data: { name } })).status()).toBe(200);
});

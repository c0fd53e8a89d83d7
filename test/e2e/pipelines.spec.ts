import { expect, test } from '@playwright/test';
import { readE2eEnv } from './stack-env';

function api(path: string) {
  const url = new URL(readE2eEnv().serveUrl);
  return { url: `${url.origin}${path}`, headers: { Authorization: `Bearer ${url.searchParams.get('token')}` } };
}

test('a pipeline started through the Start Pipeline modal runs and its completed checkpoints count up', async ({ page, request }, testInfo) => {
  test.setTimeout(240_000);
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
  await expect(page.getByTestId('pipeline-note')).toContainText('Started stavanger_parking_realtime as job', { timeout: 60_000 });

  const job = page.getByTestId('jobs-table').locator('tr[data-job="stavanger_parking_realtime"][data-state="RUNNING"]').first();
  await expect(job).toBeVisible({ timeout: 60_000 });
  const completed = async () => Number(/(\d+) completed/.exec((await job.getByTestId('checkpoints-completed').textContent()) ?? '')?.[1] ?? 0);
  await expect.poll(completed, { timeout: 60_000 }).toBeGreaterThan(0);
  const first = await completed();
  await expect.poll(completed, { timeout: 30_000 }).toBeGreaterThan(first);
  await page.screenshot({ path: testInfo.outputPath('pipelines-running.png'), fullPage: true });

  await job.getByRole('link').click();
  await expect(page.getByTestId('vertices')).toContainText('Source');
  await page.screenshot({ path: testInfo.outputPath('job-detail.png'), fullPage: true });

  // The seed's REST endpoint: an unknown pipeline is 404, bad settings 400.
  const unknown = api('/api/streaming/pipelines');
  expect((await request.post(unknown.url, { headers: unknown.headers, data: { pipeline_name: 'nope', config: {} } })).status()).toBe(404);
  expect((await request.post(unknown.url, { headers: unknown.headers, data: { pipeline_name: 'stavanger_parking_realtime', config: { parallelism: -2 } } })).status()).toBe(400);

  await page.goto(`${env.serveUrl}#/pipelines`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('jobs-table').locator('tr[data-state="RUNNING"]').first().getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('jobs-table').locator('tr[data-job="stavanger_parking_realtime"]').first()).toHaveAttribute('data-state', /CANCEL/, { timeout: 60_000 });
});

test('POST /api/streaming/pipelines starts a pipeline and answers 201 with Flink\'s job id', async ({ request }) => {
  test.setTimeout(120_000);
  const call = api('/api/streaming/pipelines');
  const response = await request.post(call.url, { headers: call.headers, data: { pipeline_name: 'data_quality_check', config: { parallelism: 1, checkpoint_interval_ms: 10000 } } });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { job_id: string; pipeline_name: string; settings: { parallelism: number } };
  expect(body.job_id).toMatch(/^[0-9a-f]{32}$/);
  expect(body).toMatchObject({ pipeline_name: 'data_quality_check', settings: { parallelism: 1 } });
  const cancel = api('/api/call/flink:cancel');
  expect((await request.post(cancel.url, { headers: cancel.headers, data: { jobId: body.job_id } })).status()).toBe(200);
});

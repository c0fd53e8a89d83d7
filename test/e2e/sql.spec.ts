// The SQL page in Chromium against serve on the real stack: a topic from the catalog queried with
// completion, a GROUP BY whose rows stream in and update in place, Flink's error with its position,
// the templates, and a query saved as a pipeline that runs. Its own topics; it cancels what it starts.
import { expect, test, type Page } from '@playwright/test';
import { call } from './contract-call';
import { readE2eEnv } from './stack-env';

const run = Math.random().toString(36).slice(2, 8);
const TOPIC = `e2e-sql.${run}-orders`;
const CUSTOMERS = ['ana', 'bo', 'cy', 'dee'];

async function typeStatement(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('sql-input').first();
  await input.fill(text);
}

test.beforeAll(async () => {
  await call('topics:create', { name: TOPIC, partitions: 2, replicationFactor: 1, retentionHours: null, cleanupPolicy: 'delete' });
  await call('messages:ingest', {
    topic: TOPIC,
    records: Array.from({ length: 400 }, (_, i) => ({ order_id: i, customer: CUSTOMERS[(i * 3 + (i >> 2)) % 4], amount: i % 17 })),
  });
});

test.afterAll(async () => {
  const jobs = (await call('pipelines:jobs', {})) as Array<{ id: string; state: string; name: string }>;
  for (const job of jobs.filter((j) => j.state === 'RUNNING' && (j.name === `sql_e2e_${run}` || j.name === 'collect')))
    await call('pipelines:cancelJob', { jobId: job.id }).catch(() => undefined);
  await call('topics:delete', { name: TOPIC }).catch(() => undefined);
  await call('topics:delete', { name: `${TOPIC}-big` }).catch(() => undefined);
});

test('the SQL page queries a topic, streams a GROUP BY, shows errors in place, and saves a query as a running pipeline', async ({ page }, testInfo) => {
  test.setTimeout(360_000);
  const env = readE2eEnv();
  await page.goto(`${env.serveUrl}#/sql`);
  await expect(page.getByTestId('sql-tables')).toContainText(TOPIC);

  // the table's columns, inferred from its records, then completion of a column while typing
  await page.locator(`[data-table="${TOPIC}"] button.link`).first().click();
  await expect(page.getByTestId('sql-columns')).toContainText('customer');
  await typeStatement(page, `SELECT customer, COUNT(*) AS n\nFROM \`${TOPIC}\`\nGROUP BY cus`);
  await page.getByTestId('sql-input').first().press('End');
  await page.getByTestId('sql-input').first().press('Control+Space');
  await expect(page.getByTestId('sql-completions')).toContainText('customer');
  await page.screenshot({ path: testInfo.outputPath('sql-completion.png') });
  await page.getByTestId('sql-input').first().press('Enter');
  await expect(page.getByTestId('sql-input').first()).toHaveValue(/GROUP BY customer$/);

  // a streaming GROUP BY: rows stream in and are updated in place, one per customer
  await page.getByTestId('sql-run').first().click();
  const results = page.getByTestId('sql-results').first();
  await expect(results).toHaveAttribute('data-rows', String(CUSTOMERS.length), { timeout: 120_000 });
  await expect(results).toContainText('ana');
  await page.screenshot({ path: testInfo.outputPath('sql-group-by.png') });
  await page.getByTestId('sql-cancel').first().click();
  await expect(page.getByTestId('sql-status').first()).toHaveAttribute('data-status', 'cancelled');

  // Flink's own message, with the position marked in the editor
  await typeStatement(page, `SELECT nosuch_column\nFROM \`${TOPIC}\``);
  await page.getByTestId('sql-run').first().click();
  await expect(page.getByTestId('sql-failure').first()).toContainText('Line 1, column 8', { timeout: 60_000 });
  await expect(page.getByTestId('sql-failure').first()).toContainText("Column 'nosuch_column' not found");
  await expect(page.locator('.sql-error-mark').first()).toHaveText('nosuch_column');
  await page.screenshot({ path: testInfo.outputPath('sql-error.png') });

  // save a query as a pipeline: the Start Pipeline modal starts it and its job page says RUNNING
  await typeStatement(page, `SELECT order_id, customer, amount\nFROM \`${TOPIC}\`\nWHERE amount > 10`);
  await page.getByTestId('sql-save-as-pipeline').first().click();
  await page.getByTestId('sql-pipeline-name').fill(`sql_e2e_${run}`);
  await page.getByTestId('sql-sink-topic').fill(`${TOPIC}-big`);
  await page.getByTestId('sql-save-pipeline').getByRole('button', { name: 'Save and start…' }).click();
  const start = page.getByTestId('start-pipeline-modal');
  await expect(start.locator('select[name="pipelineName"]')).toHaveValue(`sql_e2e_${run}`);
  await page.getByTestId('start-pipeline-submit').click();
  await expect(page.locator('.page-header')).toContainText(`sql_e2e_${run}`, { timeout: 150_000 });
  await expect(page.locator('.page-header')).toContainText('RUNNING', { timeout: 60_000 });
  await page.screenshot({ path: testInfo.outputPath('sql-pipeline-running.png') });

  // the templates open in a tab of their own
  await page.goto(`${env.serveUrl}#/sql`);
  await page.getByTestId('sql-templates').selectOption({ label: 'MATCH_RECOGNIZE (a garage from free to full in under 5 minutes)' });
  await expect(page.locator('.sql-tab-title.active')).toBeVisible();
  await expect(page.locator('.sql-tab:visible .sql-editor-paint')).toContainText('MATCH_RECOGNIZE');
  await page.screenshot({ path: testInfo.outputPath('sql-template.png') });
});

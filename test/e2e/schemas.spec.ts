import { expect, test, type Page } from '@playwright/test';
import { readE2eEnv } from './stack-env';

// The Schemas page against the local stack's Apicurio: every change made in the page is checked
// with the registry's own REST API. Subject names are this spec's own, so no other spec matters.
const SUBJECT = `e2e-garages-${Date.now()}-value`;
const field = (name: string, type: unknown, extra: object = {}) => ({ name, type, ...extra });
const garage = (...fields: object[]) => JSON.stringify({ type: 'record', name: 'Garage', namespace: 'e2e', fields }, null, 2);
const V1 = garage(field('garage', 'string'));
const REFUSED = garage(field('garage', 'string'), field('owner', 'string'));
const V2 = garage(field('garage', 'string'), field('bays', 'int', { default: 0 }));

function registryUrl(): string {
  const { stackArgs } = readE2eEnv();
  return `http://127.0.0.1:${stackArgs[stackArgs.indexOf('--registry-port') + 1]}/apis/ccompat/v7`;
}

async function own(path: string): Promise<unknown> {
  const response = await fetch(`${registryUrl()}${path}`);
  return response.json();
}

async function editSchema(page: Page, text: string) {
  await page.getByTestId('schema-editor').locator('textarea[name="schema"]').fill(text);
}

test('register a subject, check and refuse an incompatible change, diff two versions, soft then hard delete — checked with the registry', async ({
  page,
}, testInfo) => {
  const env = readE2eEnv();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${env.serveUrl}#/schemas`);
  await expect(page.getByTestId('subjects-table')).toBeVisible();

  await page.getByTestId('new-subject').click();
  const modal = page.getByTestId('new-subject-modal');
  await modal.locator('input[name="subject"]').fill(SUBJECT);
  await modal.locator('textarea[name="schema"]').fill('{"type": "recrd"}');
  await page.getByTestId('register-subject').click();
  await expect(modal.locator('.field-error')).toContainText(/./); // the registry's refusal, beside the schema
  await modal.locator('textarea[name="schema"]').fill(V1);
  await page.getByTestId('register-subject').click();
  await expect(page.getByTestId('subject-name')).toHaveText(SUBJECT);
  expect(await own(`/subjects/${SUBJECT}/versions`)).toEqual([1]);

  await page.getByTestId('subject-compatibility').selectOption('BACKWARD');
  await expect.poll(() => own(`/config/${SUBJECT}`)).toMatchObject({ compatibilityLevel: 'BACKWARD' });

  await editSchema(page, REFUSED);
  await page.getByTestId('check-compatibility').click();
  const answer = page.getByTestId('compatibility-answer');
  await expect(answer).toHaveAttribute('data-compatible', 'false');
  await expect(answer).toContainText('owner');
  await answer.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('schemas-compatibility-refused.png') });
  await page.getByTestId('register-schema').click();
  await expect(page.getByTestId('schema-editor')).toContainText('HTTP 409');
  expect(await own(`/subjects/${SUBJECT}/versions`)).toEqual([1]);

  await editSchema(page, V2);
  await page.getByTestId('check-compatibility').click();
  await expect(answer).toHaveAttribute('data-compatible', 'true');
  await page.getByTestId('register-schema').click();
  await expect(page.getByTestId('schema-editor')).toContainText('Registered as version 2');
  expect(await own(`/subjects/${SUBJECT}/versions`)).toEqual([1, 2]);
  await expect(page.getByTestId('diff-summary')).toContainText(/[1-9]\d* added/);
  await page.getByTestId('version-diff').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('schemas-diff.png') });

  const v1 = page.locator('[data-testid="versions-table"] tr[data-version="1"]');
  await v1.getByRole('button', { name: 'Soft delete' }).click();
  await expect(v1).toHaveAttribute('data-deleted', 'true');
  expect(await own(`/subjects/${SUBJECT}/versions`)).toEqual([2]);
  await v1.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(v1).toHaveCount(0);
  expect(await own(`/subjects/${SUBJECT}/versions?deleted=true`)).toEqual([2]);

  await page.goto(`${env.serveUrl}#/schemas`);
  await page.getByTestId('subjects-filter').fill(SUBJECT);
  await expect(page.locator(`tr[data-subject="${SUBJECT}"]`)).toContainText('BACKWARD');
  await page.screenshot({ path: testInfo.outputPath('schemas-subjects.png') });
});

import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { readE2eEnv } from './stack-env';

const LAGGING_TOPIC = 'e2e.alerts-lag';
const LAGGING_GROUP = 'e2e-alerts-laggard';

function bootstrap(): string {
  const args = readE2eEnv().stackArgs;
  return `127.0.0.1:${args[args.indexOf('--kafka-port') + 1]}`;
}

interface PublishedAlert {
  event: string;
  ruleId: string;
  message: string;
  clearedAt: number | null;
  source: string;
}

/** The records of data_quality_alerts as kcat (an independent client) reads them: key and JSON value. */
function publishedAlerts(): { key: string; value: PublishedAlert }[] {
  const out = execFileSync('kcat', ['-b', bootstrap(), '-C', '-t', 'data_quality_alerts', '-e', '-q', '-f', '%k\t%s\n'], { encoding: 'utf8', timeout: 60_000 });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [key, value] = line.split('\t');
      return { key, value: JSON.parse(value) as PublishedAlert };
    });
}

test('an alert fires and clears as its threshold changes, shows a desktop notification, and is published to data_quality_alerts', async ({
  page,
  context,
}, testInfo) => {
  const env = readE2eEnv();
  const { origin, searchParams } = new URL(env.serveUrl);
  const token = searchParams.get('token')!;
  // The seed's alert topic (created by an earlier spec too: 409 then) and a group that lags by 4 records.
  const created = await fetch(`${origin}/api/streaming/topics`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      topic_name: 'data_quality_alerts',
      config: { partitions: 1, replication_factor: 1, retention_hours: 8760, cleanup_policy: 'compact' },
    }),
  });
  expect([201, 409]).toContain(created.status);
  execFileSync('kcat', ['-b', bootstrap(), '-P', '-t', LAGGING_TOPIC], { input: 'a\nb\nc\nd\ne\n', timeout: 60_000 });
  execFileSync('kcat', ['-b', bootstrap(), '-G', LAGGING_GROUP, LAGGING_TOPIC, '-o', 'beginning', '-c', '1', '-q'], { timeout: 60_000 });
  const publishedBefore = publishedAlerts().length;

  // The page's notifications, as the browser is asked to show them.
  await context.grantPermissions(['notifications'], { origin });
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
    const Real = window.Notification;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    };
  });
  await page.goto(`${env.serveUrl}#/alerts`);
  await expect(page.getByText('Desktop notifications on')).toBeVisible();

  const publish = page.getByLabel('Also publish every alert as JSON to data_quality_alerts');
  await publish.check();
  await expect(publish).toBeChecked();
  const threshold = page.getByLabel('Consumer lag threshold');
  // A bad threshold is refused with the field named, and changes nothing.
  await threshold.fill('-5');
  await threshold.blur();
  await expect(page.locator('tr[data-rule="consumer-lag"] .field-error')).toContainText('threshold');
  await threshold.fill('0');
  await threshold.blur();

  const fired = page.getByTestId('alerts-list').locator('tr[data-alert="consumer-lag"][data-cleared="false"]');
  await expect(fired).toContainText(/Consumer lag is [\d,]+ messages \(threshold 0\)/, { timeout: 30_000 });
  await expect(page.getByTestId('statusbar-alerts')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications))
    .toContainEqual({ title: 'StreamDesk: warning', body: expect.stringMatching(/^Consumer lag is/) });
  await page.screenshot({ path: testInfo.outputPath('alert-fired.png'), fullPage: true });

  await threshold.fill('1000000');
  await threshold.blur();
  await expect(page.getByTestId('alerts-list').locator('tr[data-alert="consumer-lag"]').first()).toHaveAttribute('data-cleared', 'true', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('alert-cleared.png'), fullPage: true });

  // Both edges reached the topic, keyed by the alert's id (the topic is compacted: the clear replaces the start).
  await expect
    .poll(
      () =>
        publishedAlerts()
          .slice(publishedBefore)
          .map((record) => `${record.value.ruleId}:${record.value.event}`),
      { timeout: 30_000 },
    )
    .toEqual(['consumer-lag:started', 'consumer-lag:cleared']);
  const [started, cleared] = publishedAlerts().slice(publishedBefore);
  expect(started.key).toBe(cleared.key);
  expect(started.value).toMatchObject({ source: 'streamdesk', clearedAt: null, message: expect.stringMatching(/^Consumer lag is/) });
  expect(cleared.value.clearedAt).toEqual(expect.any(Number));

  // back to the defaults for the specs after this one
  await threshold.fill('10000');
  await threshold.blur();
  await publish.uncheck();
  await expect(publish).not.toBeChecked();
});

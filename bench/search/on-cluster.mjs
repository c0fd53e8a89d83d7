// bench/search --on-cluster: the same filters run by `streamdesk search --on-cluster` (a bounded Flink
// SQL query, one source reader per partition capped by free slots). Its time is split, from Flink's
// REST API, into job start (process start → the source tasks running: CLI, session, planning,
// deployment) and scan (the source vertex's duration), and the scan rate per slot is printed, so how
// it would scale with TaskManagers can be read off. Imported by run.mjs.

/** The newest job of this search (its name is `streamdesk search <topic>`) and its source vertex. */
async function lastSearchJob(flinkUrl, topic) {
  const overview = await (await fetch(`${flinkUrl}/jobs/overview`)).json();
  const job = overview.jobs.filter((j) => j.name === `streamdesk search ${topic}`).sort((a, b) => b['start-time'] - a['start-time'])[0];
  if (!job) throw new Error(`no Flink job named "streamdesk search ${topic}"`);
  const detail = await (await fetch(`${flinkUrl}/jobs/${job.jid}`)).json();
  const source = detail.vertices.find((v) => v.name.startsWith('Source'));
  return { job: detail, source };
}

/** One on-cluster run through the CLI: matches, scanned, and the split of its time. */
export async function onClusterRun({ timed, cli, bootstrap, topic, filter, flinkUrl, gatewayUrl }) {
  const startedAt = Date.now();
  const run = await timed(process.execPath, [
    cli,
    'search',
    topic,
    '--filter',
    filter,
    '--kafka',
    bootstrap,
    '--json',
    '--on-cluster',
    '--flink-url',
    flinkUrl,
    '--sql-gateway-url',
    gatewayUrl,
  ]);
  const scanned = /scanned (\d+) of (\d+)/.exec(run.stderr);
  if (!scanned) throw new Error(`streamdesk search --on-cluster failed (${run.code}): ${run.stderr}`);
  const { source } = await lastSearchJob(flinkUrl, topic);
  const scanSeconds = source.duration / 1000;
  return {
    matches: run.stdout.split('\n').filter(Boolean).length,
    scanned: Number(scanned[1]),
    seconds: run.seconds,
    startSeconds: (source['start-time'] - startedAt) / 1000,
    scanSeconds,
    parallelism: source.parallelism,
    summary: run.stderr.trim(),
  };
}

/** The lines printed for the on-cluster runs (medians), beside the kcat rate. */
export function onClusterReport(list, records, kcatRate) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const total = median(list.map((r) => r.seconds));
  const start = median(list.map((r) => r.startSeconds));
  const scan = median(list.map((r) => r.scanSeconds));
  const parallelism = list[0].parallelism;
  const rate = Math.round(records / total);
  const scanRate = Math.round(records / scan);
  return [
    `streamdesk on-cluster contains         ${rate.toLocaleString('en').padStart(9)} messages/s   ratio ${(rate / kcatRate).toFixed(2)}× kcat   (CLI, whole process, Flink job)`,
    `  of which job start ${start.toFixed(1)} s (CLI, session, planning, deployment), scan ${scan.toFixed(1)} s: ${scanRate.toLocaleString('en')} messages/s over ${parallelism} slot(s) = ${Math.round(scanRate / parallelism).toLocaleString('en')} messages/s per slot`,
  ];
}

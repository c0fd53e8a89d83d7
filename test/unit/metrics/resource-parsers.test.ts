// Parsers of the resource figures, on answers recorded from the real native stack
// (Flink 1.18.1 running stavanger_parking_realtime with a generator feeding it, ZooKeeper 3.8.4,
// the Kafka broker's /proc entries): see fixtures/record.mjs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawCheckpoints, RawJobDetail, RawMetricList } from '@main/clients/flink/flink-rest-types';
import { flinkClusterReadings, flinkJobReadings, taskManagerReadings } from '@main/services/metrics/flink-metrics-parse';
import { cpuPercent, parseProcStat, parseVmRssBytes, ProcessSampler } from '@main/services/metrics/process-metrics';
import type { Reading } from '@main/services/metrics/resource-reading';
import { zookeeperReadings } from '@main/services/metrics/zookeeper-metrics';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const valueOf = (readings: Reading[], metric: string) => readings.find((entry) => entry.metric === metric)?.value;

interface RecordedJob {
  detail: RawJobDetail;
  vertexMetrics: Record<string, RawMetricList>;
  sinkWriters: Record<string, RawMetricList>;
  checkpoints: RawCheckpoints;
  restarts: RawMetricList;
}

describe('Flink figures from recorded REST answers', () => {
  const recorded = JSON.parse(fixture('flink-job-reading.json')) as { jobs: Record<string, RecordedJob> };
  const [id, job] = Object.entries(recorded.jobs)[0];
  const readings = flinkJobReadings({
    id,
    name: job.detail.name ?? id,
    detail: job.detail,
    vertexMetrics: job.vertexMetrics,
    sinkWriters: job.sinkWriters,
    checkpoints: job.checkpoints,
    jobMetrics: job.restarts,
  });

  it("reads a running job: records in at its source, out at its sink's writer, worst busy/backpressure, last checkpoint, restarts", () => {
    expect(valueOf(readings, 'records_in_per_sec')).toBeCloseTo(199.9833, 3);
    // the one-minute window writes a record per garage a minute (10), not the 200/s entering its vertex
    expect(valueOf(readings, 'records_out_per_sec')).toBeCloseTo(10 / 60, 5);
    expect(valueOf(readings, 'busy_ratio')).toBe(0);
    expect(valueOf(readings, 'backpressured_ratio')).toBe(0);
    expect(valueOf(readings, 'checkpoint_duration_ms')).toBe(11);
    expect(valueOf(readings, 'checkpoint_size_bytes')).toBe(13356);
    expect(valueOf(readings, 'restarts')).toBe(0);
    expect(readings.every((entry) => entry.group === 'flink-job' && entry.subject === id && entry.label === 'stavanger_parking_realtime')).toBe(true);
    expect(readings[0].key).toBe(`flink-job|${id}|records_in_per_sec`);
  });

  it('adds jobs up for the cluster, takes the worst for ratios and checkpoint time, and reads 0 records/s with no job', () => {
    const twice = [...readings, ...readings.map((entry) => ({ ...entry, subject: 'other', value: entry.metric === 'busy_ratio' ? 0.5 : entry.value }))];
    const cluster = flinkClusterReadings(twice, 2);
    expect(valueOf(cluster, 'records_in_per_sec')).toBeCloseTo(2 * 199.9833, 3);
    expect(valueOf(cluster, 'busy_ratio')).toBe(0.5);
    expect(valueOf(cluster, 'checkpoint_duration_ms')).toBe(11);
    expect(valueOf(cluster, 'checkpoint_size_bytes')).toBe(2 * 13356);
    const idle = flinkClusterReadings([], 0);
    expect(valueOf(idle, 'records_in_per_sec')).toBe(0);
    expect(valueOf(idle, 'busy_ratio')).toBeUndefined();
  });

  it('leaves out what a job did not answer (a vertex whose metrics call failed, no checkpoints)', () => {
    const partial = flinkJobReadings({ id, name: 'x', detail: job.detail, vertexMetrics: {}, sinkWriters: {}, checkpoints: null, jobMetrics: null });
    expect(partial).toEqual([]);
  });

  it('counts what enters a sink vertex when its sink has no writer metric (an older SinkFunction)', () => {
    const withoutWriter = flinkJobReadings({
      id,
      name: 'x',
      detail: job.detail,
      vertexMetrics: job.vertexMetrics,
      sinkWriters: {},
      checkpoints: null,
      jobMetrics: null,
    });
    expect(valueOf(withoutWriter, 'records_out_per_sec')).toBeCloseTo(199.65, 3);
  });

  it("reads a TaskManager's CPU load and heap (values come as strings)", () => {
    const recordedTms = JSON.parse(fixture('flink-taskmanagers.json')) as { metrics: Record<string, RawMetricList> };
    const [tmId, metrics] = Object.entries(recordedTms.metrics)[0];
    const tm = taskManagerReadings(tmId, metrics);
    expect(valueOf(tm, 'cpu_load')).toBeCloseTo(0.0486, 4);
    expect(valueOf(tm, 'heap_used_bytes')).toBe(27_158_256);
    expect(valueOf(tm, 'heap_max_bytes')).toBe(536_870_912);
    // Flink answers [] until its metric fetcher ran once: nothing, rather than zeros
    expect(taskManagerReadings(tmId, [])).toEqual([]);
  });
});

describe('ZooKeeper latency from a recorded mntr answer', () => {
  it('reads the average and maximum latency and keeps the measured round trip', () => {
    const readings = zookeeperReadings('127.0.0.1:2181', fixture('zookeeper-mntr.txt'), 3);
    expect(valueOf(readings, 'avg_latency_ms')).toBe(5.4749);
    expect(valueOf(readings, 'max_latency_ms')).toBe(69);
    expect(valueOf(readings, 'round_trip_ms')).toBe(3);
  });
});

describe('process CPU and memory from recorded /proc entries', () => {
  const recorded = JSON.parse(fixture('proc-stat.json')) as { pid: number; samples: { at: number; stat: string }[] };
  const [first, second] = recorded.samples;

  it('parses utime+stime and the start time, and VmRSS', () => {
    expect(parseProcStat(first.stat)).toEqual({ cpuTicks: 5443 + 764, startTicks: 988648 });
    expect(parseVmRssBytes(fixture('proc-status.txt'))).toBe(648_392 * 1024);
    expect(parseProcStat('42 (a (weird) name) S 1 42 42 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 555 0 0')).toEqual({ cpuTicks: 10, startTicks: 555 });
  });

  it('turns two readings into percent of a core, and refuses a reused pid', () => {
    const before = parseProcStat(first.stat);
    const after = parseProcStat(second.stat);
    expect(cpuPercent(before, after, second.at - first.at, 100)).toBeCloseTo((35 / 100 / ((second.at - first.at) / 1000)) * 100, 6);
    expect(cpuPercent(before, { ...after, startTicks: after.startTicks + 1 }, 2000, 100)).toBeNull();
  });

  it('gives memory at once and CPU from the second reading on; a vanished process is skipped', () => {
    const files = new Map([
      [`/proc/${recorded.pid}/stat`, first.stat],
      [`/proc/${recorded.pid}/status`, fixture('proc-status.txt')],
    ]);
    let now = first.at;
    const sampler = new ProcessSampler(
      (file) => {
        const text = files.get(file);
        if (text === undefined) throw new Error(`ENOENT ${file}`);
        return text;
      },
      () => now,
    );
    const processes = [
      { service: 'kafka', pid: recorded.pid },
      { service: 'zookeeper', pid: 999_999_999 },
    ];
    expect(sampler.read(processes).map((entry) => entry.metric)).toEqual(['rss_bytes']);
    files.set(`/proc/${recorded.pid}/stat`, second.stat);
    now = second.at;
    const next = sampler.read(processes);
    expect(valueOf(next, 'cpu_percent')).toBeGreaterThan(10);
    expect(next.every((entry) => entry.subject === 'kafka')).toBe(true);
  });
});

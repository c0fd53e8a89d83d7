// End-to-end latency from a sink topic's newest records; program arguments; the jar upload's query.
import { describe, expect, it } from 'vitest';
import { computeLatency, eventTimeOf, LatencyProbe, latencySpecOf, SAMPLE_SPAN_MS, type LatencySpec } from '@main/services/pipelines/pipeline-latency';
import { BUILTIN_PIPELINES } from '@main/services/pipelines/builtin-pipelines';
import { jarUploadArgs } from '@main/hosts/jar-upload';
import { joinProgramArgs, splitProgramArgs, UploadJarBytesArgs } from '@shared/pipelines';

const spec: LatencySpec = { sinkTopic: 'out', eventTimeField: 'newest', oldestEventTimeField: 'oldest' };
const rec = (arrival: number, value: Record<string, unknown> | string | null) => ({
  timestamp: arrival,
  value: value === null ? null : typeof value === 'string' ? value : JSON.stringify(value),
});

describe('computeLatency', () => {
  it('is arrival minus the carried event time: median, min, max, and from the oldest input', () => {
    const l = computeLatency(
      [rec(10_000, { newest: 9_000, oldest: 1_000 }), rec(10_500, { newest: 8_500, oldest: 500 }), rec(11_000, { newest: 10_700, oldest: 2_000 })],
      spec,
      0,
      12_000,
    );
    expect(l).toMatchObject({
      samples: 3,
      minMs: 300,
      maxMs: 2_000,
      p50Ms: 1_000,
      oldestInputP50Ms: 9_000,
      newestArrivalAt: 11_000,
      note: null,
      sinkTopic: 'out',
      eventTimeField: 'newest',
    });
  });

  it('counts only results that arrived since the job started, and within the span of the newest', () => {
    const start = 1_000_000;
    const records = [
      rec(start - 1, { newest: 0 }),
      rec(start + 1_000, { newest: start }),
      rec(start + 1_000 + SAMPLE_SPAN_MS + 10_000, { newest: start + SAMPLE_SPAN_MS + 10_000 }),
    ];
    const l = computeLatency(records, { ...spec, oldestEventTimeField: null }, start, start + 200_000);
    expect(l.samples).toBe(1);
    expect(l.p50Ms).toBe(1_000);
    expect(l.oldestInputP50Ms).toBeNull();
  });

  it('reads ISO-8601 and digit strings; skips records without the field, tombstones and non-JSON', () => {
    const l = computeLatency(
      [
        rec(5_000, { newest: new Date(4_000).toISOString() }),
        rec(5_000, { newest: '4500' }),
        rec(5_000, { other: 1 }),
        rec(5_000, null),
        rec(5_000, 'not json'),
      ],
      spec,
      null,
      6_000,
    );
    expect(l).toMatchObject({ samples: 2, minMs: 500, maxMs: 1_000, p50Ms: 750 });
  });

  it('says why there is no figure', () => {
    expect(computeLatency([], spec, 0, 1).note).toBe('no result in out since the job started');
    const noField = computeLatency([rec(5, { x: 1 })], spec, 0, 6);
    expect(noField.p50Ms).toBeNull();
    expect(noField.note).toContain('carry no "newest" event time');
    // a DataStream KafkaSink stamps records with their event time: nothing to measure on CreateTime
    const stamped = computeLatency([rec(5_000, { newest: 5_000 }), rec(6_000, { newest: 6_000 })], spec, 0, 7_000);
    expect(stamped.p50Ms).toBeNull();
    expect(stamped.note).toContain('LogAppendTime');
  });

  it('keeps a negative figure and says event times lie in the future', () => {
    const l = computeLatency([rec(1_000, { newest: 3_000 })], spec, 0, 2_000);
    expect(l.p50Ms).toBe(-2_000);
    expect(l.note).toContain('future');
  });

  it('eventTimeOf: numbers, digits, ISO text; null otherwise', () => {
    expect(eventTimeOf(12)).toBe(12);
    expect(eventTimeOf('1700000000000')).toBe(1_700_000_000_000);
    expect(eventTimeOf('2026-01-01T00:00:00Z')).toBe(Date.UTC(2026, 0, 1));
    expect([eventTimeOf(null), eventTimeOf(''), eventTimeOf('soon'), eventTimeOf(Number.NaN), eventTimeOf({})]).toEqual([null, null, null, null, null]);
  });
});

describe('LatencyProbe', () => {
  it('samples a topic at most once per TTL and turns a failed read into a note', async () => {
    let now = 100_000;
    let reads = 0;
    let fail = false;
    const probe = new LatencyProbe(
      (topic, limit) => {
        reads++;
        expect([topic, limit]).toEqual(['out', 50]);
        return fail ? Promise.reject(new Error('broker gone')) : Promise.resolve([rec(99_000, { newest: 98_000 })]);
      },
      () => now,
      5_000,
    );
    expect((await probe.of('j', spec, 0)).p50Ms).toBe(1_000);
    now += 4_000;
    await probe.of('j', spec, 0);
    expect(reads).toBe(1);
    now += 2_000;
    fail = true;
    const failed = await probe.of('j', spec, 0);
    expect(reads).toBe(2);
    expect(failed).toMatchObject({ p50Ms: null, note: 'could not read out: broker gone' });
  });
});

describe('built-in pipelines name the event time their results carry', () => {
  it('windowed ones measure from the newest input and show the oldest; the quality check from its record', () => {
    expect(Object.fromEntries(BUILTIN_PIPELINES.map((p) => [p.name, latencySpecOf(p)]))).toEqual({
      stavanger_parking_realtime: {
        sinkTopic: 'stavanger_parking_occupancy_1m',
        eventTimeField: 'newest_event_time_ms',
        oldestEventTimeField: 'oldest_event_time_ms',
      },
      data_quality_check: { sinkTopic: 'data_quality_alerts', eventTimeField: 'event_time', oldestEventTimeField: null },
      system_metrics_rollup: { sinkTopic: 'system_metrics_1m', eventTimeField: 'newest_event_time_ms', oldestEventTimeField: 'oldest_event_time_ms' },
    });
    for (const p of BUILTIN_PIPELINES) {
      const sql = p.statements.join('\n');
      expect(sql).toContain(`${p.resultEventTimeField} BIGINT`);
    }
  });
});

describe('program arguments', () => {
  it('split at spaces with quotes and escapes, and join back', () => {
    expect(splitProgramArgs(`--input a  --name "two words" --q 'it''s' x\\ y ""`)).toEqual(['--input', 'a', '--name', 'two words', '--q', 'its', 'x y', '']);
    expect(splitProgramArgs('   ')).toEqual([]);
    const args = ['--a', 'two words', 'q"uote', ''];
    expect(splitProgramArgs(joinProgramArgs(args))).toEqual(args);
  });
});

describe('jar upload arguments', () => {
  it('takes the settings from the query; programArgs must be a JSON array of strings', () => {
    expect(
      jarUploadArgs(new URL('http://h/api/pipelines/jars?name=sm&fileName=x.jar&entryClass=a.B&programArgs=%5B%22--p%22%2C%222%22%5D&sinkTopic=')),
    ).toEqual({ ok: true, args: { name: 'sm', fileName: 'x.jar', entryClass: 'a.B', programArgs: ['--p', '2'] } });
    expect(jarUploadArgs(new URL('http://h/x?programArgs=--p'))).toEqual({
      ok: false,
      message: 'programArgs: must be a JSON array of strings, e.g. ["--input","x"]',
    });
  });
  it('the contract refuses a non-jar name, empty bytes and bytes that are not bytes, naming the field', () => {
    const issue = (v: unknown) => {
      const r = UploadJarBytesArgs.safeParse(v);
      return r.success ? 'ok' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(issue({ name: 'a', fileName: 'a.jar', bytes: new Uint8Array([0x50, 0x4b, 3, 4]) })).toBe('ok');
    expect(issue({ name: 'a', fileName: 'a.zip', bytes: new Uint8Array([1]) })).toBe('fileName: must name a .jar file');
    expect(issue({ name: 'a', fileName: 'a.jar', bytes: new Uint8Array() })).toBe('bytes: the file is empty');
    expect(issue({ name: 'a', fileName: 'a.jar', bytes: { 0: 80 } })).toContain('bytes: must be the jar file');
  });
});

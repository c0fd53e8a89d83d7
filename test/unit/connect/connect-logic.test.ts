// The connect area's pure parts over recorded answers of a real worker: the form's definition and issues, masking,
// the offsets preview, failed-first ordering and the workers read from the Connect group.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MASKED_SECRET } from '@shared/connect';
import { StreamdeskError } from '@shared/errors';
import type { ConfigValidation, ConnectorExpanded, ConnectorOffsets } from '@main/clients/connect/connect-types';
import { toConfigValidation, validationIssues } from '@main/services/connect/config-validation';
import { maskConfig, unmaskConfig } from '@main/services/connect/config-secrets';
import { alterPreview, resetPreview, sinkOffsetIssues } from '@main/services/connect/offset-changes';
import { failedFirst, hasFailure, toSummary } from '@main/services/connect/connector-view';
import { groupOfCluster, workerIdOfMetadata } from '@main/clients/connect/connect-group-members';
import { recorded } from './recorded-connect';

const answer = <T>(key: string) => recorded.answers[key].body as T;

describe('config validation as the form needs it', () => {
  const validation = answer<ConfigValidation>('PUT /connector-plugins/FileStreamSourceConnector/config/validate');

  it('lists each group once, settings without a group under Common', () => {
    const form = toConfigValidation('FileStreamSource', validation);
    expect(new Set(form.groups).size).toBe(form.groups.length);
    expect(form.fields.every((f) => f.group !== null && form.groups.includes(f.group))).toBe(true);
    expect(form.errorCount).toBe(validation.error_count);
  });

  it("puts each of the worker's errors on its setting, the name at `name`", () => {
    const issues = validationIssues(validation);
    expect(issues).toHaveLength(validation.configs.reduce((n, c) => n + c.value.errors.length, 0));
    for (const issue of issues) expect(issue.path[0] === 'name' || (issue.path[0] === 'config' && typeof issue.path[1] === 'string')).toBe(true);
  });
});

describe('secrets in configs', () => {
  const passwords = new Set(['connection.pwd']);
  const stored = {
    'connection.pwd': 's3cret',
    'database.password': 'hunter2',
    'sasl.jaas.config': 'x required password="p";',
    topic: 't',
    'db.password': '${file:/run/s.properties:pw}',
  };

  it('are masked by declared type and by name, provider references kept', () => {
    const masked = maskConfig(stored, passwords);
    expect(masked['connection.pwd']).toBe(MASKED_SECRET);
    expect(masked['database.password']).toBe(MASKED_SECRET);
    expect(masked['sasl.jaas.config']).toBe(MASKED_SECRET);
    expect(masked['db.password']).toBe(stored['db.password']);
    expect(masked.topic).toBe('t');
  });

  it('come back from the stored config when sent back masked; a mask with nothing stored is an error on its field', () => {
    expect(unmaskConfig(maskConfig(stored, passwords), stored)).toEqual(stored);
    try {
      unmaskConfig({ 'database.password': MASKED_SECRET }, null);
      expect.unreachable();
    } catch (e) {
      expect((e as StreamdeskError).issues[0].path).toEqual(['config', 'database.password']);
    }
  });
});

describe('the offsets preview', () => {
  const current = answer<ConnectorOffsets>('GET /connectors/fixture-source/offsets').offsets;

  it('matches partitions whatever their key order, and shows the ones it does not know as new', () => {
    const [first] = current;
    const reordered = Object.fromEntries(Object.entries(first.partition).reverse());
    const rows = alterPreview(current, [
      { partition: reordered, offset: { position: 3 } },
      { partition: { filename: '/elsewhere' }, offset: { position: 1 } },
    ]);
    expect(rows[0]).toEqual({ partition: reordered, current: first.offset, next: { position: 3 } });
    expect(rows[1].current).toBeNull();
    expect(resetPreview(current).every((r) => r.next === null)).toBe(true);
  });

  it('names each field of a sink offset that is not a Kafka position', () => {
    const issues = sinkOffsetIssues([
      { partition: { kafka_topic: 'orders', kafka_partition: 0 }, offset: { kafka_offset: 5 } },
      { partition: { kafka_topic: '', kafka_partition: -1 }, offset: { kafka_offset: 'x' } },
    ]);
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'change.offsets.1.partition.kafka_topic',
      'change.offsets.1.partition.kafka_partition',
      'change.offsets.1.offset.kafka_offset',
    ]);
  });
});

describe('connectors', () => {
  it('come failed first (a FAILED connector or task), then by name', () => {
    const expanded = answer<Record<string, ConnectorExpanded>>('GET /connectors?expand=status&expand=info');
    const summaries = Object.values(expanded).map((c) => toSummary('http://a', c.info, c.status, []));
    const failed = summaries.filter(hasFailure).map((c) => c.name);
    expect(failed.length).toBeGreaterThan(0);
    const ordered = failedFirst([...summaries].reverse(), ['http://a']).map((c) => c.name);
    expect(ordered).toEqual([
      ...failed.sort(),
      ...summaries
        .map((c) => c.name)
        .filter((n) => !failed.includes(n))
        .sort(),
    ]);
  });
});

describe('the Connect group', () => {
  const group = (
    JSON.parse(readFileSync(new URL('fixtures/connect-group.json', import.meta.url), 'utf8')) as {
      groups: { groupId: string; members: { memberMetadata: string }[] }[];
    }
  ).groups[0];

  it("names each member by its REST URL's host:port, as Connect's statuses name workers", () => {
    expect(workerIdOfMetadata(Buffer.from(group.members[0].memberMetadata, 'base64'))).toBe('127.0.0.1:18084');
    expect(workerIdOfMetadata(Buffer.from([0, 1]))).toBeNull();
  });

  it("is found by the cluster's URL, or by the workers its statuses name", () => {
    const groups = [
      { groupId: 'other', workers: ['10.0.0.1:8083'] },
      { groupId: group.groupId, workers: ['127.0.0.1:18084'] },
    ];
    expect(groupOfCluster(groups, 'http://127.0.0.1:18084', [])?.groupId).toBe(group.groupId);
    expect(groupOfCluster(groups, 'http://connect.lb:80', ['10.0.0.1:8083'])?.groupId).toBe('other');
    expect(groupOfCluster(groups, 'http://connect.lb:80', [])).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { PRESET_TOPICS } from '@shared/preset-topics';
import { checkConfigValue, checkTopicName, collidingTopic } from '@shared/topic-configs';
import { CreateTopicArgs } from '@shared/topics';
import { createTopicFromSeed, ingestFromSeed, SeedRequestError } from '@main/hosts/seed-requests';
import { presetTopicState } from '@main/services/preset-topics/preset-topics-service';

describe("Kafka's topic-name rules", () => {
  it.each([
    ['', 'empty'],
    ['.', '"." or ".."'],
    ['..', '"." or ".."'],
    ['a'.repeat(250), 'limit is 249'],
    ['has space', 'only letters'],
    ['ünïcode', 'only letters'],
    ['semi;colon', 'only letters'],
  ])('refuses %j (%s)', (name, why) => {
    expect(checkTopicName(name)).toContain(why);
  });
  it.each(['orders', 'a'.repeat(249), 'stavanger_parking_events', 'my-topic.v2', '__consumer_offsets'])('accepts %j', (name) => {
    expect(checkTopicName(name)).toBeNull();
  });
  it('finds a name that differs only by "." and "_"', () => {
    expect(collidingTopic('orders.eu', ['orders_eu', 'other'])).toBe('orders_eu');
    expect(collidingTopic('orders.eu', ['orders.eu'])).toBeNull();
  });
});

describe('topic config values', () => {
  it.each([
    ['retention.ms', '-1', null],
    ['retention.ms', '-2', 'at least -1'],
    ['retention.ms', '1.5', 'whole number'],
    ['min.insync.replicas', '0', 'at least 1'],
    ['cleanup.policy', 'compact,delete', null],
    ['cleanup.policy', 'compact,compact', 'twice'],
    ['cleanup.policy', 'archive', 'must be delete, compact'],
    ['compression.type', 'brotli', 'one of'],
    ['preallocate', 'yes', 'true or false'],
    ['min.cleanable.dirty.ratio', '1.5', 'between 0 and 1'],
    ['max.message.bytes', '99999999999', 'at most'],
    ['colour', 'blue', 'not a topic config'],
    // names inherited from Object.prototype are unknown configs, not a crash (found by the hostile-input property test)
    ['constructor', 'zz-hostile-a', 'not a topic config'],
    ['toString', '1', 'not a topic config'],
    ['__proto__', '1', 'not a topic config'],
  ])('%s=%s → %s', (name, value, problem) => {
    const result = checkConfigValue(name, value);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });

  it('the create arguments name each bad field', () => {
    const result = CreateTopicArgs.safeParse({
      name: 'ok',
      partitions: 0,
      replicationFactor: 1.5,
      retentionHours: -3,
      cleanupPolicy: 'archive',
      configs: { 'min.insync.replicas': '0' },
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['partitions', 'replicationFactor', 'retentionHours', 'cleanupPolicy', 'configs.min.insync.replicas']));
  });

  it('refuses retention and cleanup given twice (as a field and as a config)', () => {
    const result = CreateTopicArgs.safeParse({
      name: 'ok',
      partitions: 1,
      replicationFactor: 1,
      retentionHours: 1,
      cleanupPolicy: 'delete',
      configs: { 'retention.ms': '5' },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toContain('own field');
  });
});

describe("the seed's REST bodies", () => {
  it('maps create_streaming_topic with the seed defaults and Kafka configs', () => {
    expect(createTopicFromSeed({ topic_name: 'x', config: { partitions: 2, 'min.insync.replicas': 1 } })).toEqual({
      name: 'x',
      partitions: 2,
      replicationFactor: 1,
      retentionHours: 168,
      cleanupPolicy: 'delete',
      configs: { 'min.insync.replicas': '1' },
    });
    expect(createTopicFromSeed({ topic_name: 'x', config: { retention_hours: -1 } }).retentionHours).toBeNull();
  });
  it.each([
    [null, 'body'],
    [[], 'body'],
    [{ config: {} }, 'topic_name'],
    [{ topic_name: 'x', colour: 1 }, 'colour'],
    [{ topic_name: 'x', config: { colour: 'blue' } }, 'config.colour'],
    [{ topic_name: 'x', config: { constructor: 1 } }, 'config.constructor'], // not Object.prototype's
  ])('refuses %j naming %s', (body, field) => {
    expect(() => createTopicFromSeed(body)).toThrow(SeedRequestError);
    expect(() => createTopicFromSeed(body)).toThrow(new RegExp(`^${field.replace('.', '\\.')}:`));
  });
  it('ingests one object or an array', () => {
    expect(ingestFromSeed('t', { a: 1 }).records).toEqual([{ a: 1 }]);
    expect(ingestFromSeed('t', [{ a: 1 }, { a: 2 }]).records).toHaveLength(2);
    expect(() => ingestFromSeed('t', 'text')).toThrow('body:');
  });
});

describe('preset topic drift', () => {
  const [parking] = PRESET_TOPICS;
  const topic = {
    name: parking.topic,
    internal: false,
    partitions: 3,
    replicationFactor: 1,
    retentionMs: 168 * 3_600_000,
    cleanupPolicy: 'delete',
    messageCount: 0,
    sizeBytes: 0,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
  };
  it('is missing, ok, or drifted with what differs', () => {
    expect(presetTopicState(parking, undefined).state).toBe('missing');
    expect(presetTopicState(parking, topic)).toMatchObject({ state: 'ok', differences: [] });
    const drifted = presetTopicState(parking, { ...topic, partitions: 5, retentionMs: -1, cleanupPolicy: 'compact' });
    expect(drifted.state).toBe('drifted');
    expect(drifted.differences).toEqual([
      { field: 'partitions', desired: '3', actual: '5', fixable: false },
      { field: 'retentionHours', desired: '168', actual: 'forever', fixable: true },
      { field: 'cleanupPolicy', desired: 'delete', actual: 'compact', fixable: true },
    ]);
  });
});

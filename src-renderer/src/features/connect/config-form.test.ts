import { describe, expect, it } from 'vitest';
import { MASKED_SECRET, type ConfigField, type ConfigValidation } from '@shared/connect';
import { buildForm, configOf, errorsByField, inputKind, otherSettings, parseRawJson, rawJsonOf, valuesOf } from './config-form';

function field(name: string, type: string, more: Partial<ConfigField> = {}): ConfigField {
  return {
    name,
    displayName: name,
    type,
    required: false,
    defaultValue: null,
    importance: 'MEDIUM',
    documentation: `what ${name} does`,
    group: 'Common',
    order: 0,
    width: 'NONE',
    dependents: [],
    value: null,
    recommendedValues: [],
    errors: [],
    visible: true,
    secret: false,
    ...more,
  };
}

// The shape of a FileStreamSource's validation, with a secret and a hidden setting added.
const validation: ConfigValidation = {
  plugin: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
  errorCount: 1,
  groups: ['Common', 'Transforms', 'Error Handling'],
  fields: [
    field('name', 'STRING', { required: true, order: 1, errors: ['Missing required configuration "name" which has no default value.'] }),
    field('connector.class', 'STRING', { required: true, order: 2 }),
    field('tasks.max', 'INT', { defaultValue: '1', order: 3, importance: 'HIGH' }),
    field('errors.tolerance', 'STRING', { group: 'Error Handling', order: 2, defaultValue: 'none', recommendedValues: ['none', 'all'] }),
    field('errors.log.enable', 'BOOLEAN', { group: 'Error Handling', order: 1, defaultValue: 'false' }),
    field('transforms', 'LIST', { group: 'Transforms', order: 1 }),
    field('file', 'STRING', { group: null, order: 1, errors: ['must name a readable file'] }),
    field('topic', 'STRING', { group: null, order: 0, required: true }),
    field('source.password', 'PASSWORD', { group: null, order: 2, value: MASKED_SECRET, secret: true }),
    field('poll.hidden', 'LONG', { group: null, order: 3, visible: false }),
  ],
};

describe('buildForm', () => {
  it("groups the visible settings in the plugin's order, ungrouped ones under Common, name and class left to their own inputs", () => {
    const groups = buildForm(validation);
    expect(groups.map((group) => [group.name, group.fields.map((entry) => entry.name)])).toEqual([
      ['Common', ['topic', 'file', 'source.password', 'tasks.max']],
      ['Transforms', ['transforms']],
      ['Error Handling', ['errors.log.enable', 'errors.tolerance']],
    ]);
  });

  it('turns types into input kinds, defaults into placeholders, and keeps docs, required, importance and errors', () => {
    const byName = Object.fromEntries(buildForm(validation).flatMap((group) => group.fields.map((entry) => [entry.name, entry])));
    expect(byName['tasks.max']).toMatchObject({ kind: 'number', placeholder: '1', importance: 'HIGH', required: false });
    expect(byName['errors.log.enable']).toMatchObject({ kind: 'boolean', options: ['true', 'false'], placeholder: 'false' });
    expect(byName['errors.tolerance']).toMatchObject({ kind: 'select', options: ['none', 'all'] });
    expect(byName.transforms.kind).toBe('list');
    expect(byName['source.password'].kind).toBe('password');
    expect(byName.topic).toMatchObject({ kind: 'text', required: true, help: 'what topic does' });
    expect(byName.file.errors).toEqual(['must name a readable file']);
  });

  it('takes every number type as a number and a secret STRING as a password', () => {
    for (const type of ['INT', 'SHORT', 'LONG', 'DOUBLE']) expect(inputKind({ type, secret: false, recommendedValues: [] })).toBe('number');
    expect(inputKind({ type: 'STRING', secret: true, recommendedValues: [] })).toBe('password');
    expect(inputKind({ type: 'CLASS', secret: false, recommendedValues: [] })).toBe('text');
  });
});

describe('settings the plugin does not define', () => {
  it('are shown under Other settings, a masked one as a password', () => {
    const other = otherSettings(buildForm(validation), { topic: 't', 'transforms.x.type': 'Y', 'db.password': MASKED_SECRET, name: 'n' });
    expect(other?.name).toBe('Other settings');
    expect(other?.fields.map((entry) => [entry.name, entry.kind])).toEqual([
      ['db.password', 'password'],
      ['transforms.x.type', 'text'],
    ]);
    expect(otherSettings(buildForm(validation), { topic: 't' })).toBeNull();
  });
});

describe('the config sent', () => {
  it("has the plugin's class and only the settings given a value, trimmed", () => {
    expect(configOf('FileStreamSource', { topic: ' orders ', file: '', 'tasks.max': '2', name: 'ignored' })).toEqual({
      'connector.class': 'FileStreamSource',
      topic: 'orders',
      'tasks.max': '2',
    });
  });

  it('sends a stored secret left untouched back as MASKED_SECRET (the back end keeps it), and a new one as typed', () => {
    const stored = { 'connector.class': 'X', name: 'c1', 'source.password': MASKED_SECRET, topic: 't' };
    const values = valuesOf(stored);
    expect(values).toEqual({ 'source.password': MASKED_SECRET, topic: 't' });
    expect(configOf('X', values)['source.password']).toBe(MASKED_SECRET);
    expect(configOf('X', { ...values, 'source.password': 'n3w' })['source.password']).toBe('n3w');
  });

  it("puts each setting's errors by name, the connector name's included", () => {
    expect(errorsByField(validation)).toEqual({ name: 'Missing required configuration "name" which has no default value.', file: 'must name a readable file' });
    expect(errorsByField(null)).toEqual({});
  });
});

describe('the raw JSON view', () => {
  it('round-trips with the form', () => {
    const values = { topic: 'orders', 'tasks.max': '1', 'source.password': MASKED_SECRET };
    const parsed = parseRawJson(rawJsonOf('FileStreamSource', values));
    expect(parsed).toEqual({ ok: true, plugin: 'FileStreamSource', values });
    if (parsed.ok) expect(rawJsonOf(parsed.plugin, parsed.values)).toBe(rawJsonOf('FileStreamSource', values));
  });

  it('takes numbers and booleans as text and refuses what Connect cannot hold, naming the setting', () => {
    expect(parseRawJson('{"connector.class": "X", "tasks.max": 2, "errors.log.enable": true}')).toEqual({
      ok: true,
      plugin: 'X',
      values: { 'tasks.max': '2', 'errors.log.enable': 'true' },
    });
    expect(parseRawJson('{"connector.class": "X", "transforms": ["a"]}')).toEqual({ ok: false, error: expect.stringContaining('transforms:') as string });
    expect(parseRawJson('{"topic": "t"}')).toEqual({ ok: false, error: 'connector.class is required' });
    expect(parseRawJson('[1]')).toMatchObject({ ok: false });
    expect(parseRawJson('{oops')).toMatchObject({ ok: false, error: expect.stringContaining('not JSON') as string });
  });
});

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '@shared/messages';
import { kcatCommand, shellQuote, toCsv, toJsonLines } from '@main/services/messages/export';

const base: MessageRecord = {
  partition: 2,
  offset: 7,
  timestamp: 1_700_000_000_000,
  key: 'k1',
  keyEncoding: 'text',
  headers: [],
  value: '{"a":1}',
  valueFormat: 'json',
  sizeBytes: 20,
};
const hostile: MessageRecord = {
  ...base,
  key: `it's "quoted" $(rm -rf /) \`x\` %s \\n`,
  headers: [{ key: 'trace', value: "a'b=c", valueEncoding: 'text' }],
  value: 'line 1\nline 2, "comma", 50% \\ done\r\n<script>alert(1)</script>\u0000',
  valueFormat: 'text',
};

/** What the printf half of a kcat command writes, run by a real shell. */
function printed(command: string): Buffer {
  const printf = command.slice(0, command.indexOf(' | kcat '));
  return execFileSync('sh', ['-c', printf]);
}

describe('export', () => {
  it('writes JSON Lines that parse back to the same records', () => {
    const text = toJsonLines([base, hostile]);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as MessageRecord),
    ).toEqual([base, hostile]);
    expect(toJsonLines([])).toBe('');
  });

  it('writes RFC 4180 CSV: quoted fields, doubled quotes, newlines kept inside quotes', () => {
    const csv = toCsv([base, { ...hostile, key: null }]);
    expect(csv).toBe(
      'partition,offset,timestamp,key,headers,value_format,value,key_schema_id,value_schema_id,decode_reason\r\n' +
        '2,7,1700000000000,"k1",,"json","{""a"":1}",,,\r\n' +
        `2,7,1700000000000,,"{""trace"":""a'b=c""}","text","line 1\nline 2, ""comma"", 50% \\ done\r\n<script>alert(1)</script>\u0000",,,\r\n`,
    );
  });

  const avro: MessageRecord = {
    ...base,
    value: '000000000706537472',
    valueFormat: 'binary',
    valueDecoding: { status: 'decoded', format: 'avro', schemaId: 7, subject: 'garages-value', version: 2, json: '{"garage":"Kyrre","free":3}' },
    keyDecoding: { status: 'raw', reason: 'schema id 99: not found' },
  };

  it('exports a decoded side as its decoded value with format, schema id, subject and version; a raw side with its reason', () => {
    const line = JSON.parse(toJsonLines([avro])) as Record<string, unknown>;
    expect(line).toMatchObject({
      value: { garage: 'Kyrre', free: 3 },
      valueFormat: 'avro',
      valueSchemaId: 7,
      valueSubject: 'garages-value',
      valueVersion: 2,
      key: 'k1',
      keyReason: 'schema id 99: not found',
    });
    expect(line).not.toHaveProperty('valueDecoding');
    expect(toCsv([avro]).split('\r\n')[1]).toBe('2,7,1700000000000,"k1",,"avro","{""garage"":""Kyrre"",""free"":3}",,7,"key: schema id 99: not found"');
  });

  it('quotes for the shell so that no character is interpreted', () => {
    const text = `a'b "c" $HOME \`id\` \\ ; | & \n end`;
    expect(execFileSync('sh', ['-c', `printf '%s' ${shellQuote(text)}`]).toString()).toBe(text);
  });

  it('builds a kcat command whose input is the exact key and value bytes, with partition, headers, and NULL for tombstones', () => {
    const command = kcatCommand(hostile, 'orders.v1', ['b1:9092', 'b2:9092']);
    expect(command).toContain(" | kcat -P -b 'b1:9092,b2:9092' -t 'orders.v1' -p 2 -K '\\x1f' -D '\\x1e' -H 'trace=a'\\''b=c'");
    expect(printed(command)).toEqual(Buffer.concat([Buffer.from(hostile.key!), Buffer.from([0x1f]), Buffer.from(hostile.value!), Buffer.from([0x1e])]));

    const binary = kcatCommand(
      { ...base, key: Buffer.from([0x1f, 0, 255]).toString('base64'), keyEncoding: 'base64', value: '001e1fff', valueFormat: 'binary' },
      't',
      ['b:1'],
    );
    expect(binary).toContain("-K '\\x1d' -D '\\x1c'");
    expect(printed(binary)).toEqual(Buffer.from([0x1f, 0, 255, 0x1d, 0x00, 0x1e, 0x1f, 0xff, 0x1c]));

    const tombstone = kcatCommand({ ...base, key: null, value: null, valueFormat: 'null' }, 't', ['b:1']);
    expect(tombstone).toMatch(/-D '\\x1f' -Z$/);
    expect(tombstone).not.toContain('-K');
    expect(printed(tombstone)).toEqual(Buffer.from([0x1f]));
  });
});

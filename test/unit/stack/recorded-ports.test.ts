import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRecordedPorts, recordPorts, resolvePorts } from '@main/services/stack/recorded-ports';

let dir: string | null = null;
const tempDir = () => (dir = mkdtempSync(join(tmpdir(), 'streamdesk-ports-')));
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('the ports a data dir remembers', () => {
  it('explicit flags win, then the recorded ports, then (absent) the defaults', () => {
    expect(resolvePorts({ kafka: 19092 }, { kafka: 29092, zookeeper: 22181, exporter: 27071 })).toEqual({ kafka: 19092, zookeeper: 22181, exporter: 27071 });
    expect(resolvePorts({}, {})).toEqual({});
    expect(resolvePorts({ kafka: undefined }, { kafka: 29092 })).toEqual({ kafka: 29092 });
  });

  it('round-trips through the data dir and ignores a missing, corrupt or hostile record', () => {
    const d = tempDir();
    expect(readRecordedPorts(d)).toEqual({});
    recordPorts(d, { kafka: 19092, zookeeper: 12181, flinkRest: 18081, sqlGateway: 18083, exporter: 17071, kafkaController: 19095 });
    expect(readRecordedPorts(d)).toEqual({ kafka: 19092, zookeeper: 12181, flinkRest: 18081, sqlGateway: 18083, exporter: 17071, kafkaController: 19095 });
    expect(JSON.parse(readFileSync(join(d, 'stack-ports.json'), 'utf8'))).toMatchObject({ kafka: 19092 });
    writeFileSync(join(d, 'stack-ports.json'), '{"kafka": 70000, "zookeeper": "2181", "flinkRest": -1, "sqlGateway": 8083.5, "exporter": 7072');
    expect(readRecordedPorts(d)).toEqual({});
    writeFileSync(join(d, 'stack-ports.json'), '{"kafka": 70000, "zookeeper": "2181", "flinkRest": -1, "sqlGateway": 8083.5, "exporter": 7072}');
    expect(readRecordedPorts(d)).toEqual({ exporter: 7072 });
  });
});

// Pull / up output lines → per-service progress. Shapes: documented/PROVENANCE.md.
import { describe, expect, it } from 'vitest';
import { LineSplitter, ProgressParser } from '@main/services/stack/compose/progress';
import { ZK_SERVICES } from '@main/services/stack/compose/backend';
import type { ComposeProgress } from '@main/services/stack/compose/types';
import { documented } from './fakes';

function parse(text: string): ComposeProgress[] {
  const p = new ProgressParser(ZK_SERVICES);
  return text.split('\n').map((l) => p.feed(l)).filter((e): e is ComposeProgress => e !== null);
}

describe('ProgressParser', () => {
  it('reads Compose 2.x plain pull output', () => {
    const events = parse(documented('pull-v2-plain.txt'));
    const perService = events.filter((e) => e.service !== null).map((e) => `${e.service}:${e.phase}`);
    expect(perService).toEqual([
      'zookeeper:pulling', 'kafka:pulling', 'kafka-ui:pulling', 'flink-jobmanager:pulling', 'flink-taskmanager:pulling', 'flink-sql-gateway:pulling',
      'zookeeper:pulled', 'kafka:skipped', 'flink-taskmanager:skipped', 'flink-sql-gateway:skipped', 'flink-jobmanager:pulled', 'kafka-ui:error',
    ]);
    expect(events.find((e) => e.service === 'kafka-ui' && e.phase === 'error')?.message).toMatch(/^Error pull access denied for provectuslabs\/kafka-ui/);
    const layers = events.filter((e) => e.service === null);
    expect(layers.at(-1)).toMatchObject({ phase: 'downloading', layersDone: 2, layersTotal: 2 });
    expect(layers[2].message).toContain('11.53MB/31.42MB');
  });

  it('reads the same words behind TTY spinners and check marks', () => {
    expect(parse(' ✔ kafka Pulled \n ⠿ zookeeper Pulling ')).toEqual([
      { service: 'kafka', phase: 'pulled', message: undefined },
      { service: 'zookeeper', phase: 'pulling', message: undefined },
    ]);
  });

  it('reads Compose 2.x plain up output by container name', () => {
    const events = parse(documented('up-v2-plain.txt')).map((e) => `${e.service}:${e.phase}`);
    expect(events).toEqual([
      'zookeeper:creating', 'zookeeper:creating', 'kafka:creating', 'kafka:creating',
      'zookeeper:starting', 'zookeeper:started', 'zookeeper:waiting', 'zookeeper:healthy',
      'kafka:starting', 'kafka:started', 'kafka:error',
    ]);
  });

  it('reads Compose 1.x pull output with padded names and ERROR lines', () => {
    const events = parse(documented('pull-v1.txt'));
    expect(events.map((e) => `${e.service}:${e.phase}`)).toEqual([
      'zookeeper:pulling', 'kafka:pulling', 'flink-jobmanager:pulling', 'zookeeper:pulled', 'kafka:error', 'flink-jobmanager:pulled', 'kafka:error',
    ]);
    expect(events.at(-1)?.message).toContain('manifest unknown');
  });

  it('maps 1.x and 2.x container names to services', () => {
    const p = new ProgressParser(ZK_SERVICES);
    expect(p.serviceOfContainer('streamdesk-flink-sql-gateway-1')).toBe('flink-sql-gateway');
    expect(p.serviceOfContainer('streamdesk_flink-taskmanager_1')).toBe('flink-taskmanager');
    expect(p.serviceOfContainer('other-kafka-1')).toBeNull();
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks and handles \\r\\n', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push('kafka-1  | a');
    s.push('bc\r\nkafka-1  | d\n');
    s.push('tail');
    s.end();
    expect(lines).toEqual(['kafka-1  | abc', 'kafka-1  | d', 'tail']);
  });
});

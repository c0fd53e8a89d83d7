// Debezium's PostgreSQL connector through StreamDesk's own back end: the plugin added to the harness's worker with
// `stack:addConnectPlugin` (fetched, copied into plugin.path, the worker restarted), a real PostgreSQL started by the
// test (logical decoding, a password login over TCP), the connector created with `connect:create`, and the change
// events of a table's snapshot, inserts, updates and deletes read back with kcat; psql shows the slot Debezium holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKED_SECRET } from '@shared/connect';
import { startPostgres, startTestStack, type TestPostgres, type TestStack } from '../stack';
import { connectBackend, connectRest, kcatKeyed, until, type ConnectBackend } from './connect-support';

const DEBEZIUM_POSTGRES = 'io.debezium.connector.postgresql.PostgresConnector';
const PREFIX = 'itcdc';
const TOPIC = `${PREFIX}.public.garages`;

let pg: TestPostgres;
let stack: TestStack;
let sd: ConnectBackend;

beforeAll(async () => {
  // PostgreSQL first: when it cannot start (not installed), the suite fails at once with what to install
  pg = await startPostgres();
  stack = await startTestStack({ kraft: true, connect: true, only: ['kafka', 'kafka-connect'] });
  sd = connectBackend(stack);
});

afterAll(async () => {
  await sd?.backend.dispose();
  // the worker first, so Debezium's replication session ends before the database goes
  await stack?.stop();
  await pg?.stop();
});

interface ChangeEvent {
  op: 'r' | 'c' | 'u' | 'd';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source: { table: string; schema: string; snapshot: string };
}

/** The topic's records as kcat reads them: keys and Debezium's envelopes (JSON without schemas), a tombstone as null. */
function changeEvents(): Array<{ key: unknown; event: ChangeEvent | null }> {
  return kcatKeyed(stack.bootstrap, TOPIC).map(({ key, value }) => ({
    key: JSON.parse(key) as unknown,
    event: value === null ? null : (JSON.parse(value) as ChangeEvent),
  }));
}

function debeziumConfig(): Record<string, string> {
  return {
    'connector.class': DEBEZIUM_POSTGRES,
    'tasks.max': '1',
    'plugin.name': 'pgoutput',
    'database.hostname': pg.host,
    'database.port': String(pg.port),
    'database.user': pg.user,
    'database.password': pg.password,
    'database.dbname': pg.database,
    'topic.prefix': PREFIX,
    'table.include.list': 'public.garages',
    'slot.name': 'streamdesk_it',
    'publication.name': 'streamdesk_it',
    'publication.autocreate.mode': 'filtered',
    // plain JSON envelopes: what kcat shows is what the test compares
    'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable': 'false',
    'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
    'value.converter.schemas.enable': 'false',
  };
}

describe("Debezium's PostgreSQL connector on the local worker", () => {
  it('is added to the worker through stack:addConnectPlugin and listed by connect:plugins', async () => {
    const status = await sd.call('stack:addConnectPlugin', { plugin: 'debezium-postgres' });
    expect(status.connectPlugins).toContain('debezium-connector-postgres');
    const plugins = await sd.call('connect:plugins', { cluster: sd.cluster });
    expect(plugins).toContainEqual(expect.objectContaining({ class: DEBEZIUM_POSTGRES, type: 'source' }));
    const own = await connectRest<Array<{ class: string }>>(sd.cluster, '/connector-plugins');
    expect(own.body.map((p) => p.class)).toContain(DEBEZIUM_POSTGRES);
  });

  it("streams a table's snapshot, inserts, updates and deletes into <prefix>.public.<table>", async () => {
    // before-images of updates and deletes carry every column
    pg.sql('CREATE TABLE garages (id int PRIMARY KEY, name text NOT NULL, bays int NOT NULL); ALTER TABLE garages REPLICA IDENTITY FULL;');
    pg.sql("INSERT INTO garages VALUES (1, 'Jåttåvågen', 120)");

    const created = await sd.call('connect:create', { cluster: sd.cluster, name: 'it-debezium', config: debeziumConfig() });
    expect(created).toMatchObject({ name: 'it-debezium', type: 'source', className: DEBEZIUM_POSTGRES });
    // the password is the worker's to keep: StreamDesk answers it masked
    expect(created.config['database.password']).toBe(MASKED_SECRET);
    await until('it-debezium RUNNING', async () => {
      const detail = await sd.call('connect:connector', { cluster: sd.cluster, name: 'it-debezium' });
      return detail.state === 'RUNNING' && detail.tasks[0]?.state === 'RUNNING' ? detail : null;
    });
    // the snapshot's read, once the slot exists (psql: Debezium's slot on the pgoutput plugin)
    await until('the snapshot reached the topic', () => (changeEvents().length === 1 ? true : null));
    expect(pg.sql("SELECT slot_name, plugin FROM pg_replication_slots WHERE slot_name = 'streamdesk_it'").trim()).toBe('streamdesk_it|pgoutput');

    pg.sql("INSERT INTO garages VALUES (2, 'Forum', 80)");
    pg.sql('UPDATE garages SET bays = 95 WHERE id = 2');
    pg.sql('DELETE FROM garages WHERE id = 1');
    // r, c, u, d, and the delete's tombstone
    const events = await until('the changes reached the topic', () => {
      const got = changeEvents();
      return got.length >= 5 ? got : null;
    });
    expect(events.map(({ key, event }) => [key, event?.op ?? 'tombstone', event?.before ?? null, event?.after ?? null])).toEqual([
      [{ id: 1 }, 'r', null, { id: 1, name: 'Jåttåvågen', bays: 120 }],
      [{ id: 2 }, 'c', null, { id: 2, name: 'Forum', bays: 80 }],
      [{ id: 2 }, 'u', { id: 2, name: 'Forum', bays: 80 }, { id: 2, name: 'Forum', bays: 95 }],
      [{ id: 1 }, 'd', { id: 1, name: 'Jåttåvågen', bays: 120 }, null],
      [{ id: 1 }, 'tombstone', null, null],
    ]);
    expect(events.every(({ event }) => event === null || (event.source.schema === 'public' && event.source.table === 'garages'))).toBe(true);
    // Debezium names its topics itself: Connect's active topics say which (StreamDesk asks again within 2 s while it has none, every 30 s once it has some)
    const own = await connectRest<Record<string, { topics: string[] }>>(sd.cluster, '/connectors/it-debezium/topics');
    expect(own.body['it-debezium']?.topics).toEqual([TOPIC]);
    await until(
      'connect:connector names the table topic',
      async () => {
        const detail = await sd.call('connect:connector', { cluster: sd.cluster, name: 'it-debezium' });
        return detail.topics.includes(TOPIC) ? true : null;
      },
      45_000,
    );
  });
});

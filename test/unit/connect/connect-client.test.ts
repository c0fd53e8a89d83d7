// The Connect client against answers recorded from the native stack's worker (Kafka Connect 4.1.1, file connectors).
import { describe, expect, it } from 'vitest';
import { ConnectClient } from '@main/clients/connect/connect-client';
import { StreamdeskError } from '@shared/errors';
import { CONNECT_URL, recorded, recordedFetch } from './recorded-connect';

function client() {
  const rf = recordedFetch();
  return { rf, connect: new ConnectClient({ url: `${CONNECT_URL}/`, fetch: rf.fetch }) };
}

const SOURCE = recorded.answers['POST /connectors'].body as { config: Record<string, string> };
const LINES_FILE = SOURCE.config.file;

async function failure(promise: Promise<unknown>): Promise<StreamdeskError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamdeskError);
  return error as StreamdeskError;
}

describe('ConnectClient on a recorded worker', () => {
  it('reads the worker, its plugins and every connector with its states in one round trip', async () => {
    const { rf, connect } = client();
    const info = await connect.info();
    expect(info.version).toBe('4.1.1');
    expect(info.commit).toMatch(/^[0-9a-f]{16}$/);
    expect(info.kafka_cluster_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await connect.plugins()).map((p) => p.class)).toContain('org.apache.kafka.connect.mirror.MirrorSourceConnector');
    const all = await connect.connectors();
    expect(Object.keys(all).sort()).toEqual(['fixture-broken', 'fixture-sink', 'fixture-source']);
    const broken = all['fixture-broken'].status.tasks[0];
    expect(broken.state).toBe('FAILED');
    expect(broken.trace).toMatch(/^org\.apache\.kafka\.connect\.errors\.ConnectException: Couldn't find or create file/);
    expect(all['fixture-source'].info).toMatchObject({ type: 'source', config: { topic: 'fixture.lines' } });
    expect(rf.calls.map((c) => c.request)).toEqual(['GET /', 'GET /connector-plugins', 'GET /connectors?expand=status&expand=info']);
  });

  it('validates a config with the plugin its connector.class names: each setting with its errors', async () => {
    const { rf, connect } = client();
    const answer = await connect.validate('org.apache.kafka.connect.file.FileStreamSourceConnector', {
      name: 'fixture-invalid',
      file: LINES_FILE,
      'tasks.max': 'zero',
    });
    expect(answer.error_count).toBe(3);
    const errors = Object.fromEntries(answer.configs.filter((c) => c.value.errors.length > 0).map((c) => [c.definition.name, c.value.errors]));
    expect(errors.topic).toEqual(['Missing required configuration "topic" which has no default value.']);
    expect(errors['tasks.max']?.[0]).toBe('Invalid value zero for configuration tasks.max: Not a number of type INT');
    expect(rf.calls[0]).toMatchObject({
      request: 'PUT /connector-plugins/FileStreamSourceConnector/config/validate',
      body: { 'connector.class': 'org.apache.kafka.connect.file.FileStreamSourceConnector', name: 'fixture-invalid', 'tasks.max': 'zero' },
    });
  });

  it("maps Connect's errors to codes and keeps its own message", async () => {
    const { rf, connect } = client();
    rf.labels['POST /connectors'] = 'taken';
    const taken = await failure(connect.create('fixture-source', SOURCE.config));
    expect(taken.code).toBe('conflict');
    expect(taken.message).toBe(`Kafka Connect at ${CONNECT_URL}: create fixture-source: HTTP 409: Connector fixture-source already exists`);
    const missing = await failure(connect.connector('no-such-connector'));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('Connector no-such-connector not found');
    rf.labels['PATCH /connectors/fixture-source/offsets'] = 'running';
    const running = await failure(connect.alterOffsets('fixture-source', { offsets: [{ partition: { filename: LINES_FILE }, offset: { position: 0 } }] }));
    expect(running.code).toBe('invalid-argument');
    expect(running.message).toContain('Connectors must be in the STOPPED state before their offsets can be modified');
  });

  it('operates a connector: pause, resume, restarts (with the states restarted), stop, delete', async () => {
    const { rf, connect } = client();
    await connect.pause('fixture-sink');
    await connect.resume('fixture-sink');
    const restarted = await connect.restart('fixture-broken', { includeTasks: true, onlyFailed: true });
    expect(restarted?.tasks[0]).toMatchObject({ id: 0, state: 'RESTARTING' });
    expect(await connect.restart('fixture-sink')).toBeNull();
    await connect.stop('fixture-source');
    await connect.delete('fixture-broken');
    expect(rf.calls.map((c) => c.request)).toEqual([
      'PUT /connectors/fixture-sink/pause',
      'PUT /connectors/fixture-sink/resume',
      'POST /connectors/fixture-broken/restart?includeTasks=true&onlyFailed=true',
      'POST /connectors/fixture-sink/restart?includeTasks=false&onlyFailed=false',
      'PUT /connectors/fixture-source/stop',
      'DELETE /connectors/fixture-broken',
    ]);
  });

  it('reads, alters and resets offsets (KIP-875)', async () => {
    const { rf, connect } = client();
    expect(await connect.offsets('fixture-source')).toEqual({ offsets: [{ partition: { filename: LINES_FILE }, offset: { position: 34 } }] });
    const altered = { offsets: [{ partition: { filename: LINES_FILE }, offset: { position: 11 } }] };
    expect(await connect.alterOffsets('fixture-source', altered)).toEqual({ message: 'The offsets for this connector have been altered successfully' });
    expect(rf.calls.at(-1)?.body).toEqual(altered);
    rf.labels['GET /connectors/fixture-source/offsets'] = 'altered';
    expect(await connect.offsets('fixture-source')).toEqual(altered);
    expect(await connect.resetOffsets('fixture-source')).toEqual({ message: 'The offsets for this connector have been reset successfully' });
    rf.labels['GET /connectors/fixture-source/offsets'] = 'reset';
    expect(await connect.offsets('fixture-source')).toEqual({ offsets: [] });
  });

  it('sends basic auth on every call, and names an unreachable worker', async () => {
    const rf = recordedFetch();
    const connect = new ConnectClient({ url: CONNECT_URL, fetch: rf.fetch, auth: { kind: 'basic', username: 'ops', password: 's3cret' } });
    await connect.info();
    expect(rf.calls[0]?.authorization).toBe(`Basic ${Buffer.from('ops:s3cret').toString('base64')}`);
    rf.down.value = true;
    const down = await failure(connect.info());
    expect(down.code).toBe('unavailable');
    expect(down.message).toBe(`Kafka Connect at ${CONNECT_URL} did not answer (worker info): connect ECONNREFUSED 127.0.0.1:8084`);
    expect(down.message).not.toContain('s3cret');
  });
});

// Readiness probes that speak each server's own protocol (node built-ins only).
import { get } from 'node:http';
import { connect, createServer } from 'node:net';

/** Send a ZooKeeper four-letter word (e.g. 'ruok', 'srvr') and return the whole answer. */
export function zkFourLetter(host: string, port: number, word: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sock = connect({ host, port });
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`zookeeper ${host}:${port} timed out`)));
    sock.on('connect', () => sock.write(word));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export interface KafkaBroker {
  nodeId: number;
  host: string;
  port: number;
}

/**
 * One Kafka Metadata v4 round trip (supported by 3.x and 4.x brokers; 4.0 dropped v0-v3)
 * asking for no topics: returns the live brokers the cluster reports.
 */
export function kafkaMetadataBrokers(host: string, port: number, timeoutMs = 3_000): Promise<KafkaBroker[]> {
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('streamdesk-probe');
    const correlationId = 0x5d5d;
    // header v1: api_key, api_version, correlation_id, client_id (nullable string); body: topics(array=0), allow_auto_topic_creation
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
    let o = 0;
    o = body.writeInt16BE(3, o); // Metadata
    o = body.writeInt16BE(4, o);
    o = body.writeInt32BE(correlationId, o);
    o = body.writeInt16BE(clientId.length, o);
    o += clientId.copy(body, o);
    o = body.writeInt32BE(0, o); // no topics
    body.writeInt8(0, o);
    const frame = Buffer.alloc(4 + body.length);
    frame.writeInt32BE(body.length, 0);
    body.copy(frame, 4);

    let buf = Buffer.alloc(0);
    const sock = connect({ host, port });
    const fail = (e: Error): void => {
      sock.destroy();
      reject(e);
    };
    sock.setTimeout(timeoutMs, () => fail(new Error(`kafka ${host}:${port} timed out`)));
    sock.on('connect', () => sock.write(frame));
    sock.on('error', fail);
    sock.on('close', () => reject(new Error(`kafka ${host}:${port} closed the connection`)));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4) return;
      const size = buf.readInt32BE(0);
      if (buf.length < 4 + size) return;
      try {
        let p = 4;
        const corr = buf.readInt32BE(p);
        p += 4;
        if (corr !== correlationId) throw new Error('kafka: unexpected correlation id');
        p += 4; // throttle_time_ms
        const n = buf.readInt32BE(p);
        p += 4;
        const brokers: KafkaBroker[] = [];
        for (let i = 0; i < n; i++) {
          const nodeId = buf.readInt32BE(p);
          p += 4;
          const hl = buf.readInt16BE(p);
          p += 2;
          const h = buf.toString('utf8', p, p + hl);
          p += hl;
          const bp = buf.readInt32BE(p);
          p += 4;
          const rl = buf.readInt16BE(p); // rack: nullable string
          p += 2 + Math.max(rl, 0);
          brokers.push({ nodeId, host: h, port: bp });
        }
        sock.removeAllListeners('close');
        sock.destroy();
        resolve(brokers);
      } catch (e) {
        fail(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** GET a JSON document over plain HTTP. */
export function getJson(url: string, timeoutMs = 3_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 400) return reject(new Error(`${url}: HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
        try {
          resolve(JSON.parse(text));
        } catch {
          reject(new Error(`${url}: not JSON: ${text.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out`)));
    req.on('error', reject);
  });
}

export interface FlinkOverview {
  taskmanagers: number;
  'slots-total': number;
  'slots-available': number;
  'flink-version'?: string;
}

export async function flinkOverview(host: string, port: number): Promise<FlinkOverview> {
  const o = (await getJson(`http://${host}:${port}/overview`)) as Partial<FlinkOverview>;
  if (typeof o.taskmanagers !== 'number') throw new Error('flink /overview has no taskmanagers field');
  return o as FlinkOverview;
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    sock.setTimeout(timeoutMs, () => {
      sock.destroy();
      resolve(false);
    });
    sock.on('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.on('error', () => resolve(false));
  });
}

/** True when host:port can be bound right now. */
export function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/**
 * Listening ports are drawn from below Linux's ephemeral range (32768–60999), the range outgoing
 * connections and port-0 binds take their ports from: a port the OS picked there was free a moment
 * ago, but a JVM binding it seconds later could find it taken meanwhile (a test broker once failed
 * so, while Flink started beside it). Each process starts at its own place in the range.
 */
const LISTEN_PORTS = { from: 20_000, to: 32_000 };
let nextListenPort = LISTEN_PORTS.from + ((process.pid * 7919) % (LISTEN_PORTS.to - LISTEN_PORTS.from));

/** A port that is free now and that the OS does not hand out by itself. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let tried = 0; tried < LISTEN_PORTS.to - LISTEN_PORTS.from; tried += 1) {
    const port = nextListenPort;
    nextListenPort = port + 1 >= LISTEN_PORTS.to ? LISTEN_PORTS.from : port + 1;
    if (await portFree(host, port)) return port;
  }
  throw new Error(`no free port on ${host} between ${LISTEN_PORTS.from} and ${LISTEN_PORTS.to}`);
}

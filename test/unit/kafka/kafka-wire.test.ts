import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kafkaWire } from '@main/clients/kafka/kafka-wire';
import { platformaticKafka } from '@main/clients/kafka/platformatic';

describe("the raw protocol loaded from @platformatic/kafka's files", () => {
  it('is the very objects its index exports, whichever is loaded first (instanceof ResponseError holds across both)', () => {
    // the wire first, as the health poll loads it before anything needs a client
    const wire = kafkaWire();
    const whole = platformaticKafka();
    expect(wire.Connection).toBe(whole.Connection);
    expect(wire.ResponseError).toBe(whole.ResponseError);
    expect(wire.SASLMechanisms).toBe(whole.SASLMechanisms);
    expect(wire.apiVersionsV3).toBe(whole.apiVersionsV3);
    expect(wire.metadataV12).toBe(whole.metadataV12);
    expect(wire.describeQuorumV2).toBe(whole.describeQuorumV2);
    expect(kafkaWire()).toBe(whole);
  });

  it('still validates a strict client’s options, each schema compiled at its first use (a bad option is refused, naming it)', () => {
    const { Admin } = platformaticKafka();
    const brokers = ['127.0.0.1:9092'];
    expect(() => new Admin({ clientId: 42 as unknown as string, bootstrapBrokers: brokers, strict: true })).toThrow(/clientId/);
    expect(() => new Admin({ clientId: 'ok', bootstrapBrokers: brokers, retries: -1, strict: true })).toThrow(/retries/);
    void new Admin({ clientId: 'ok', bootstrapBrokers: brokers, strict: true }).close();
  });
});

describe("the main build's bundle of @platformatic/kafka (out/main/platformatic-kafka.js, npm run build)", () => {
  const bundle = path.resolve('out/main/platformatic-kafka.js');

  it('is one file that loads none of the package’s files, and still refuses a strict client’s bad option (ajv at first use)', () => {
    expect(existsSync(bundle), `${bundle} is missing: run \`npm run build\``).toBe(true);
    // a process of its own: what this one already loaded does not count
    const probe = `
      const kafka = require(${JSON.stringify(bundle)});
      let refused = '';
      try { new kafka.Admin({ clientId: 42, bootstrapBrokers: ['127.0.0.1:9092'], strict: true }); } catch (error) { refused = error.message; }
      const fromPackage = Object.keys(require.cache).filter((file) => file.includes('/node_modules/@platformatic/kafka/'));
      console.log(JSON.stringify({ refused, fromPackage, wire: typeof kafka.metadataV12.api, connection: typeof kafka.Connection }));
    `;
    const answer = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as {
      refused: string;
      fromPackage: string[];
      wire: string;
      connection: string;
    };
    expect(answer.refused).toMatch(/clientId/);
    expect(answer).toMatchObject({ fromPackage: [], wire: 'function', connection: 'function' });
  });
});

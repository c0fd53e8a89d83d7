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

import type { Admin } from 'kafkajs';
import { kafkaError } from './kafka-errors';
import { kafkaClient, type KafkaTarget } from './kafka-target';

/** Runs `work` with a connected kafkajs admin and always disconnects; errors become StreamdeskErrors. */
export async function withKafkaAdmin<T>(target: KafkaTarget, action: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkaClient(target, { clientId: 'streamdesk-admin' }).admin();
  try {
    await admin.connect();
    return await work(admin);
  } catch (error) {
    throw kafkaError(error, action);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

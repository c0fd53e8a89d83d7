import type { z } from 'zod';
import { invalidField, StreamdeskError } from '@shared/errors';
import type { AlterBrokerConfigsArgs, BrokerConfigs, BrokersOverview, Quorum } from '@shared/brokers';
import { alterBrokerConfigs, brokerIds, brokerMessages, describeBrokerConfigs, readClusterLayout } from '@main/clients/kafka/broker-admin';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { brokerConfigEntries, checkAlterable, refusedField } from './broker-configs';
import { brokersOverview } from './brokers-overview';
import { readQuorum } from './quorum-reader';

const QUORUM_TIMEOUT_MS = 5000;

/** What @platformatic/kafka threw, as an error that says what failed in the broker's own words. */
function failure(error: unknown, action: string): StreamdeskError {
  if (error instanceof StreamdeskError) return error;
  const words = brokerMessages(error).join('; ') || String(error);
  return new StreamdeskError(/authoriz/i.test(words) ? 'forbidden' : 'unavailable', `${action}: ${words}`);
}

/** The Brokers page: brokers with their log dirs, a broker's configs and their changes, the metadata quorum. */
export class BrokersService {
  constructor(
    private readonly target: () => KafkaTarget,
    private readonly zookeeper: () => string | null,
  ) {}

  async list(): Promise<BrokersOverview> {
    const [layout, quorum] = await Promise.all([
      readClusterLayout(this.target()).catch((error: unknown) => {
        throw failure(error, 'read the brokers');
      }),
      // the page still lists brokers when the quorum cannot be read; only the controller is then the metadata's
      this.quorumOrNull(),
    ]);
    const logDirsError = 'error' in layout.logDirs ? failure(layout.logDirs.error, 'read the log dirs').message : null;
    return brokersOverview(layout, quorum, logDirsError);
  }

  async configs(brokerId: number): Promise<BrokerConfigs> {
    await this.requireBroker(brokerId);
    const raw = await describeBrokerConfigs(this.target(), brokerId).catch((error: unknown) => {
      throw failure(error, `read broker ${brokerId}'s configs`);
    });
    return { brokerId, configs: brokerConfigEntries(raw) };
  }

  /** Checked by StreamDesk (known, dynamic), then by the broker (validateOnly), and only then applied. */
  async alterConfigs({ brokerId, set, reset }: z.output<typeof AlterBrokerConfigsArgs>): Promise<BrokerConfigs> {
    checkAlterable((await this.configs(brokerId)).configs, brokerId, set, reset);
    const target = this.target();
    try {
      await alterBrokerConfigs(target, brokerId, set, reset, true);
    } catch (error) {
      const words = brokerMessages(error).join('; ') || String(error);
      throw invalidField(refusedField(words, set, reset), `broker ${brokerId} refused it: ${words}`);
    }
    await alterBrokerConfigs(target, brokerId, set, reset, false).catch((error: unknown) => {
      throw failure(error, `change broker ${brokerId}'s configs`);
    });
    return this.configsOnceApplied(brokerId, set, reset);
  }

  /**
   * The configs once the change shows: in KRaft a broker learns its new dynamic configs from the metadata log a moment
   * after the controller accepted them, so a read at once can still show the old value (bounded: then as they stand).
   */
  private async configsOnceApplied(brokerId: number, set: Record<string, string>, reset: string[]): Promise<BrokerConfigs> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const read = await this.configs(brokerId);
      const byName = new Map(read.configs.map((c) => [c.name, c]));
      const shows =
        Object.entries(set).every(([name, value]) => byName.get(name)?.value === value) && reset.every((name) => byName.get(name)?.source !== 'dynamic-broker');
      if (shows || Date.now() > deadline) return read;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async quorum(): Promise<Quorum> {
    const quorum = await readQuorum(this.target(), this.zookeeper(), QUORUM_TIMEOUT_MS).catch((error: unknown) => {
      throw failure(error, 'read the metadata quorum');
    });
    if (!quorum)
      throw new StreamdeskError('not-found', 'this cluster is not KRaft (its brokers offer no DescribeQuorum) and the connection names no ZooKeeper');
    return quorum;
  }

  private quorumOrNull(): Promise<Quorum | null> {
    return readQuorum(this.target(), this.zookeeper(), QUORUM_TIMEOUT_MS).catch(() => null);
  }

  private async requireBroker(brokerId: number): Promise<void> {
    const ids = await brokerIds(this.target()).catch((error: unknown) => {
      throw failure(error, 'read the brokers');
    });
    if (!ids.includes(brokerId)) throw new StreamdeskError('not-found', `brokerId: no broker ${brokerId} in the cluster (brokers: ${ids.join(', ')})`);
  }
}

// The `connect` area: the active connection's Connect clusters, their plugins and connectors, create/update validated
// by the worker, the operations, and KIP-875 offsets with a preview. Secrets are masked before anything leaves.
import type { z } from 'zod';
import type {
  ChangeOffsetsArgs,
  ChangeOffsetsResult,
  ConfigValidation,
  ConnectCluster,
  ConnectOverview,
  ConnectorDetail,
  ConnectorSummary,
  ConnectPlugin,
  OffsetsResult,
  RestartConnectorArgs,
  RestartResult,
} from '@shared/connect';
import { StreamdeskError, invalidField } from '@shared/errors';
import type { ConnectClient, ConnectTarget } from '@main/clients/connect/connect-client';
import { ConnectClusters, requireVersion } from './connect-clusters';
import { failedFirst, toSummary } from './connector-view';
import { maskConfig, unmaskConfig } from './config-secrets';
import { passwordSettings, toConfigValidation, validationIssues } from './config-validation';
import { alterPreview, resetPreview, sinkOffsetIssues } from './offset-changes';
import { ConnectorWatch } from './connector-watch';
import { groupOfCluster, type ConnectGroup } from '@main/clients/connect/connect-group-members';

export interface ConnectServiceOptions {
  clusters: () => ConnectTarget[];
  /** The Connect groups in the connection's Kafka: their members are the live workers. */
  groups?: () => Promise<ConnectGroup[]>;
  /** Announces that a connector's state moved (`connect:changed`). */
  onChanged: (change: { cluster: string; name: string }) => void;
}

type Ref = { cluster?: string; name: string };

export class ConnectService {
  private readonly clusters: ConnectClusters;
  private readonly watch: ConnectorWatch;
  /** PASSWORD settings per cluster and plugin class: a plugin's definition does not change while the worker runs. */
  private readonly passwords = new Map<string, Promise<Set<string>>>();

  constructor(private readonly options: ConnectServiceOptions) {
    this.clusters = new ConnectClusters(options.clusters);
    this.watch = new ConnectorWatch(options.onChanged);
  }

  async overview(): Promise<ConnectOverview> {
    const clients = this.clusters.all();
    const [answers, groups] = await Promise.all([
      Promise.all(clients.map((client) => this.clusterOverview(client))),
      clients.length > 0 && this.options.groups ? this.options.groups().catch(() => null) : null,
    ]);
    // a cluster that does not answer keeps no workers: its dead member lingers in the group until its session times out
    for (const { cluster } of answers.filter((a) => a.cluster.error === null)) {
      const group = groups ? groupOfCluster(groups, cluster.url, cluster.workers) : null;
      if (group) Object.assign(cluster, { workers: group.workers, groupId: group.groupId });
    }
    return {
      clusters: answers.map((a) => a.cluster),
      connectors: failedFirst(
        answers.flatMap((a) => a.connectors),
        clients.map((c) => c.url),
      ),
    };
  }

  async plugins(cluster: string | undefined): Promise<ConnectPlugin[]> {
    const plugins = await this.clusters.of(cluster).plugins(true);
    return plugins.map((p) => ({ class: p.class, type: p.type, version: p.version ?? null }));
  }

  async connector({ cluster, name }: Ref): Promise<ConnectorDetail> {
    const client = this.clusters.of(cluster);
    const [info, worker] = await Promise.all([client.connector(name), client.info()]);
    const summary = await this.watch.summary(client, name, info);
    const passwords = await this.passwordSettings(client, info.config['connector.class'] ?? '');
    return { ...summary, config: maskConfig(info.config, passwords), workerVersion: worker.version };
  }

  async validate(args: { cluster?: string; plugin: string; config: Record<string, string>; name?: string }): Promise<ConfigValidation> {
    const client = this.clusters.of(args.cluster);
    const stored = args.name ? await this.storedConfig(client, args.name) : null;
    const config = unmaskConfig(args.config, stored);
    const validation = await client.validate(args.plugin, { ...(args.name ? { name: args.name } : {}), ...config });
    return toConfigValidation(args.plugin, validation);
  }

  /** Validated by the worker first; 409 on `name` when it is taken. */
  async create({ cluster, name, config }: Ref & { config: Record<string, string> }): Promise<ConnectorDetail> {
    const client = this.clusters.of(cluster);
    if (await this.storedConfig(client, name)) throw invalidField(['name'], `a connector named "${name}" exists on ${client.url}`, 'conflict');
    const checked = await this.checked(client, name, unmaskConfig(config, null));
    await client.create(name, checked);
    this.options.onChanged({ cluster: client.url, name });
    return this.connector({ cluster: client.url, name });
  }

  async update({ cluster, name, config }: Ref & { config: Record<string, string> }): Promise<ConnectorDetail> {
    const client = this.clusters.of(cluster);
    const stored = await this.storedConfig(client, name);
    if (!stored) throw invalidField(['name'], `no connector named "${name}" on ${client.url}`, 'not-found');
    const checked = await this.checked(client, name, unmaskConfig(config, stored));
    await client.putConfig(name, checked);
    this.options.onChanged({ cluster: client.url, name });
    return this.connector({ cluster: client.url, name });
  }

  pause(ref: Ref): Promise<ConnectorSummary> {
    return this.operate(ref, (c) => c.pause(ref.name), ['PAUSED']);
  }

  resume(ref: Ref): Promise<ConnectorSummary> {
    return this.operate(ref, (c) => c.resume(ref.name), ['RUNNING', 'FAILED']);
  }

  async stop(ref: Ref): Promise<ConnectorSummary> {
    const client = this.clusters.of(ref.cluster);
    requireVersion((await client.info()).version, 3, 5, 'Stopping a connector');
    return this.operate(ref, (c) => c.stop(ref.name), ['STOPPED']);
  }

  async restart(args: z.output<typeof RestartConnectorArgs>): Promise<RestartResult> {
    const client = this.clusters.of(args.cluster);
    const before = await this.watch.summary(client, args.name);
    const started = Date.now();
    const answer = await client.restart(args.name, { includeTasks: args.includeTasks, onlyFailed: args.onlyFailed });
    // 204 (the connector alone, restarted before the answer) or 202 with the instances it restarts
    const restarting = answer
      ? [
          ...(answer.connector.state === 'RESTARTING' ? [{ task: null, state: answer.connector.state }] : []),
          ...answer.tasks.filter((t) => t.state === 'RESTARTING').map((t) => ({ task: t.id, state: t.state })),
        ]
      : [];
    const { summary, settled } =
      restarting.length > 0
        ? await this.watch.untilRestarted(
            client,
            args.name,
            restarting.map((r) => r.task),
            before,
          )
        : await this.watch.untilSettled(client, args.name);
    return { restarting, after: summary, settled, tookMs: Date.now() - started };
  }

  async delete({ cluster, name }: Ref): Promise<void> {
    const client = this.clusters.of(cluster);
    await client.delete(name);
    this.options.onChanged({ cluster: client.url, name });
  }

  async offsets({ cluster, name }: Ref): Promise<OffsetsResult> {
    const client = this.clusters.of(cluster);
    requireVersion((await client.info()).version, 3, 6, "Reading a connector's offsets");
    const [offsets, status] = await Promise.all([client.offsets(name), client.status(name)]);
    return { cluster: client.url, name, type: status.type, state: status.connector.state, offsets: offsets.offsets };
  }

  /** Only while STOPPED (Connect's rule, said before it is asked); the preview reads the offsets now. */
  async changeOffsets(args: z.output<typeof ChangeOffsetsArgs>): Promise<ChangeOffsetsResult> {
    const now = await this.offsets(args);
    if (now.state !== 'STOPPED') {
      throw new StreamdeskError('conflict', `Stop "${args.name}" first: its offsets can change only while it is STOPPED (it is ${now.state})`);
    }
    const { change } = args;
    if (change.kind === 'alter' && now.type === 'sink') {
      const issues = sinkOffsetIssues(change.offsets);
      if (issues.length > 0) throw new StreamdeskError('invalid-argument', `${issues.length} offset(s) are not Kafka positions`, issues);
    }
    const changes = change.kind === 'reset' ? resetPreview(now.offsets) : alterPreview(now.offsets, change.offsets);
    if (args.dryRun) return { name: args.name, applied: false, changes, message: null };
    const client = this.clusters.of(args.cluster);
    const { message } = change.kind === 'reset' ? await client.resetOffsets(args.name) : await client.alterOffsets(args.name, { offsets: change.offsets });
    this.options.onChanged({ cluster: client.url, name: args.name });
    return { name: args.name, applied: true, changes, message };
  }

  private async clusterOverview(client: ConnectClient): Promise<{ cluster: ConnectCluster; connectors: ConnectorSummary[] }> {
    try {
      const [info, expanded] = await Promise.all([client.info(), client.connectors()]);
      const connectors = await Promise.all(
        Object.values(expanded).map(async (c) => toSummary(client.url, c.info, c.status, await this.watch.activeTopics(client, c.info.name))),
      );
      const workers = [...new Set(connectors.flatMap((c) => [c.workerId, ...c.tasks.map((t) => t.workerId)]).filter((w) => w !== ''))].sort();
      const cluster = {
        url: client.url,
        error: null,
        version: info.version,
        commit: info.commit,
        kafkaClusterId: info.kafka_cluster_id,
        workers,
        groupId: null,
      };
      return { cluster, connectors };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      return { cluster: { url: client.url, error, version: null, commit: null, kafkaClusterId: null, workers: [], groupId: null }, connectors: [] };
    }
  }

  /** The worker validates with the name included; its errors become issues on their fields and nothing is saved. */
  private async checked(client: ConnectClient, name: string, config: Record<string, string>): Promise<Record<string, string>> {
    const withName = { ...config, name };
    const validation = await client.validate(config['connector.class'], withName);
    if (validation.error_count > 0) {
      const issues = validationIssues(validation);
      throw new StreamdeskError(
        'invalid-argument',
        `Kafka Connect refused the config: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    return withName;
  }

  private async storedConfig(client: ConnectClient, name: string): Promise<Record<string, string> | null> {
    try {
      return (await client.connector(name)).config;
    } catch (e) {
      if (e instanceof StreamdeskError && e.code === 'not-found') return null;
      throw e;
    }
  }

  private passwordSettings(client: ConnectClient, plugin: string): Promise<Set<string>> {
    const key = `${client.url} ${plugin}`;
    let found = this.passwords.get(key);
    if (!found) {
      found = client.validate(plugin, {}).then(passwordSettings);
      // a failed read is not kept: the next detail asks again
      found.catch(() => this.passwords.delete(key));
      this.passwords.set(key, found);
    }
    return found.catch(() => new Set<string>());
  }

  private async operate(ref: Ref, call: (client: ConnectClient) => Promise<void>, until: string[]): Promise<ConnectorSummary> {
    const client = this.clusters.of(ref.cluster);
    await call(client);
    return (await this.watch.untilState(client, ref.name, until)).summary;
  }
}

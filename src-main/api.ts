import type { Api } from '../src-shared/contract';
import type { Connection } from '../src-shared/connection';
import type { HealthMonitor } from './services/health/health-monitor';
import type { GeneratorService } from './services/generator/generator-service';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { invalidField, StreamdeskError } from '../src-shared/errors';
import type { ReplayProgress, SearchMatches, SearchProgress } from '../src-shared/messages';
import type { ReplayService } from './services/messages/replay-service';
import type { AlertService } from './services/alerts/alert-service';
import type { ConsumerGroupsService } from './services/consumers/consumer-groups-service';
import type { MessagesService } from './services/messages/messages-service';
import type { SearchService } from './services/messages/search-service';
import type { PipelineServices } from './services/pipelines/pipeline-services';
import type { MetricsSampler } from './services/metrics/metrics-sampler';
import type { ResourceSampler } from './services/metrics/resource-sampler';
import type { ProfileService } from './services/profiles';
import type { ProducerService } from './services/messages/producer-service';
import type { PresetTopicsService } from './services/preset-topics/preset-topics-service';
import type { TopicsService } from './services/topics/topics-service';
import type { StackService } from './services/stack/stack-service';

export interface Services {
  version: string;
  connection: () => Connection;
  health: HealthMonitor;
  stack: StackService;
  topics: TopicsService;
  presetTopics: PresetTopicsService;
  producer: ProducerService;
  generators: GeneratorService;
  metrics: MetricsSampler;
  resources: ResourceSampler;
  alerts: AlertService;
  messages: MessagesService;
  search: SearchService;
  /** Where search progress and matches go (the event bus). */
  onSearch: { progress(progress: SearchProgress): void; matches(matches: SearchMatches): void };
  replay: ReplayService;
  /** Where replay progress goes (the event bus). */
  onReplay(progress: ReplayProgress): void;
  consumers: ConsumerGroupsService;
  /** The pipelines of the active cluster (rebuilt when the profile switches Flink). */
  pipelines: () => PipelineServices;
  /** Absent only where profiles make no sense (an explicit command-line connection in tests). */
  profiles: ProfileService | null;
}

/** The whole back end behind the contract. Hosts call this and hold no logic of their own. */
export function createApi(services: Services): Api {
  const profiles = () => {
    if (!services.profiles) throw new StreamdeskError('unavailable', 'Profiles are off: this back end was started with an explicit connection (--kafka …)');
    return services.profiles;
  };
  return {
    'app:info': async () => ({ name: 'StreamDesk', version: services.version, connection: services.connection() }),
    'health:get': () => services.health.current(),
    'health:refresh': () => services.health.check(),
    'stack:status': () => services.stack.status(),
    'stack:up': async ({ kraft }) => {
      const status = await services.stack.up(kraft);
      void services.health.check();
      return status;
    },
    'stack:down': async () => {
      const status = await services.stack.down();
      void services.health.check();
      return status;
    },
    'stack:setBackend': ({ backend }) => services.stack.setBackend(backend),
    'stack:restartService': async ({ service }) => {
      const status = await services.stack.restartService(service);
      void services.health.check();
      return status;
    },
    'stack:logs': async ({ service, lines }) => services.stack.logs(service, lines),
    'stack:reset': () => services.stack.reset(),
    'topics:list': ({ includeInternal, configs, offsets }) => services.topics.list(includeInternal, { configs: configs ?? true, offsets: offsets ?? true }),
    'topics:describe': ({ name }) => services.topics.describe(name),
    'topics:create': (args) => services.topics.create(args),
    'topics:alterConfigs': (args) => services.topics.alterConfigs(args),
    'topics:addPartitions': ({ name, totalPartitions }) => services.topics.addPartitions(name, totalPartitions),
    'topics:delete': async ({ name }) => {
      await services.topics.delete(name);
      return { deleted: name };
    },
    'presetTopics:list': () => services.presetTopics.status(),
    'presetTopics:apply': () => services.presetTopics.apply(),
    'presetTopics:fix': ({ topic }) => services.presetTopics.fix(topic),
    'messages:produce': (args) => services.producer.produce(args),
    'messages:ingest': (args) => services.producer.ingest(args),
    'generator:start': (args) => services.generators.start(args),
    'generator:stop': ({ id }) => services.generators.stop(id),
    'generator:list': async () => services.generators.list(),
    'metrics:topic': ({ topic, time_range }) => services.metrics.topicMetrics(topic, time_range),
    'metrics:cluster': async ({ time_range }) => services.metrics.clusterMetrics(time_range),
    'metrics:resources': async ({ time_range }) => services.resources.metrics(time_range),
    'profiles:list': async () => profiles().list(),
    'profiles:save': async ({ profile }) => profiles().save(profile),
    'profiles:delete': async ({ id }) => profiles().delete(id),
    'profiles:activate': async ({ id }) => {
      profiles().activate(id);
      return profiles().list();
    },
    'profiles:test': (args) => profiles().testConnection(args),
    'pipelines:cluster': () => services.pipelines().insight.cluster(),
    'pipelines:jobs': () => services.pipelines().insight.jobs(),
    'pipelines:job': ({ jobId }) => services.pipelines().insight.job(jobId),
    'pipelines:cancelJob': async ({ jobId }) => {
      await services.pipelines().operations.cancel(jobId);
      return { jobId };
    },
    'pipelines:savepoint': ({ jobId }) => services.pipelines().operations.triggerSavepoint(jobId),
    'pipelines:stopWithSavepoint': ({ jobId }) => services.pipelines().operations.stopWithSavepoint(jobId),
    'pipelines:savepoints': () => services.pipelines().operations.listSavepoints(),
    'pipelines:disposeSavepoint': async ({ path }) => {
      await services.pipelines().operations.disposeSavepoint(path);
      return { path };
    },
    'pipelines:jars': () => services.pipelines().catalog.listJars(),
    'pipelines:deleteJar': async ({ jarId }) => {
      await services.pipelines().catalog.deleteJar(jarId);
      return { jarId };
    },
    'pipelines:list': async () => services.pipelines().catalog.listPipelines(),
    'pipelines:saveSql': async (args) => services.pipelines().catalog.saveSqlPipeline(args),
    'pipelines:uploadJar': async ({ jarPath, ...args }) => {
      const bytes = await readFile(jarPath).catch((error: Error) => {
        throw invalidField(['jarPath'], `cannot read ${jarPath}: ${error.message}`);
      });
      return services.pipelines().catalog.uploadJarPipeline(args, { fileName: basename(jarPath), bytes });
    },
    'pipelines:uploadJarBytes': async ({ fileName, bytes, ...args }) => services.pipelines().catalog.uploadJarPipeline(args, { fileName: basename(fileName.replace(/\\/g, '/')), bytes }),
    'pipelines:delete': async ({ name }) => {
      await services.pipelines().catalog.deletePipeline(name);
      return { name };
    },
    'pipelines:start': (args) => services.pipelines().launch.start(args),
    'pipelines:resume': (args) => services.pipelines().launch.resume(args),
    'messages:browse': (args) => services.messages.browse(args),
    'messages:search': async (args) => {
      const running = await services.search.start(args, services.onSearch);
      return { searchId: running.searchId };
    },
    'messages:cancelSearch': async ({ searchId }) => ({ cancelled: services.search.cancel(searchId) }),
    'messages:tail': (args) => services.messages.tailPoll(args),
    'messages:kcatCommand': (ref) => services.messages.kcatCommand(ref),
    'messages:replay': async (args) => ({ replayId: services.replay.start(args, services.onReplay).replayId }),
    'consumers:list': () => services.consumers.list(),
    'consumers:detail': ({ groupId }) => services.consumers.detail(groupId),
    'consumers:resetOffsets': (args) => services.consumers.resetOffsets(args),
    'consumers:delete': async (args) => {
      await services.consumers.delete(args);
      return { groupId: args.groupId };
    },
    'consumers:lagHistory': async ({ groupId, time_range }) => services.metrics.groupLag(groupId, time_range),
    'alerts:state': async () => services.alerts.state(),
    'alerts:updateRule': async (args) => services.alerts.updateRule(args),
    'alerts:setPublishing': async ({ topic }) => services.alerts.setPublishTopic(topic),
  };
}

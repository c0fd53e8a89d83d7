import type { Api } from '../src-shared/contract';
import type { Connection } from '../src-shared/connection';
import type { HealthMonitor } from './services/health/health-monitor';
import type { GeneratorService } from './services/generator/generator-service';
import type { ProducerService } from './services/kafka/producer-service';
import type { StreamsService } from './services/kafka/streams-service';
import type { TopicsService } from './services/kafka/topics-service';
import type { StackService } from './services/stack/stack-service';

export interface Services {
  version: string;
  connection: () => Connection;
  health: HealthMonitor;
  stack: StackService;
  topics: TopicsService;
  streams: StreamsService;
  producer: ProducerService;
  generators: GeneratorService;
}

/** The whole back end behind the contract. Hosts call this and hold no logic of their own. */
export function createApi(services: Services): Api {
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
    'kafka:listTopics': ({ includeInternal }) => services.topics.list(includeInternal),
    'kafka:describeTopic': ({ name }) => services.topics.describe(name),
    'kafka:createTopic': (args) => services.topics.create(args),
    'kafka:alterTopicConfigs': (args) => services.topics.alterConfigs(args),
    'kafka:addPartitions': ({ name, totalPartitions }) => services.topics.addPartitions(name, totalPartitions),
    'kafka:deleteTopic': async ({ name }) => {
      await services.topics.delete(name);
      return { deleted: name };
    },
    'kafka:streams': () => services.streams.status(),
    'kafka:applyStreams': () => services.streams.apply(),
    'kafka:fixStream': ({ topic }) => services.streams.fix(topic),
    'kafka:produce': (args) => services.producer.produce(args),
    'kafka:ingest': (args) => services.producer.ingest(args),
    'generator:start': (args) => services.generators.start(args),
    'generator:stop': ({ id }) => services.generators.stop(id),
    'generator:list': async () => services.generators.list(),
  };
}

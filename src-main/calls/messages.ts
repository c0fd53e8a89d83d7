import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Messages: produce and ingest, browse, search, tail, replay. */
export function messagesCalls(services: Services): AreaCalls<'messages'> {
  return {
    'messages:produce': (args) => services.producer.produce(args),
    'messages:ingest': (args) => services.producer.ingest(args),
    'messages:ingestValues': (args) => services.producer.ingestValues(args),
    'messages:browse': (args) => services.messages.browse(args),
    'messages:search': async (args) => {
      const running = await services.search.start(args, services.onSearch);
      return { searchId: running.searchId };
    },
    'messages:cancelSearch': ({ searchId }) => Promise.resolve({ cancelled: services.search.cancel(searchId) }),
    'messages:tail': (args) => services.messages.tailPoll(args),
    'messages:kcatCommand': (ref) => services.messages.kcatCommand(ref),
    'messages:decodeSettings': ({ topic }) => Promise.resolve(services.decode.settings(topic)),
    'messages:setDecodeSettings': ({ topic, settings }) => services.decode.save(topic, settings),
    'messages:replay': (args) => Promise.resolve({ replayId: services.replay.start(args, services.onReplay).replayId }),
  };
}

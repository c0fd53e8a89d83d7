// The messages area's calls: browse, produce, search, tail, replay, kcat and decode settings, for its panels.
import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';

export const messageCalls = {
  browse: (args: CallArgs<'messages:browse'>) => bridge.call('messages:browse', args),
  produce: (args: CallArgs<'messages:produce'>) => bridge.call('messages:produce', args),
  search: (args: CallArgs<'messages:search'>) => bridge.call('messages:search', args),
  cancelSearch: (searchId: string) => bridge.call('messages:cancelSearch', { searchId }),
  tail: (args: CallArgs<'messages:tail'>) => bridge.call('messages:tail', args),
  replay: (args: CallArgs<'messages:replay'>) => bridge.call('messages:replay', args),
  kcatCommand: (args: CallArgs<'messages:kcatCommand'>) => bridge.call('messages:kcatCommand', args),
  decodeSettings: (topic: string) => bridge.call('messages:decodeSettings', { topic }),
  setDecodeSettings: (args: CallArgs<'messages:setDecodeSettings'>) => bridge.call('messages:setDecodeSettings', args),
  /** Topic names a replay may write to. */
  topicNames: () => bridge.call('topics:list', { includeInternal: false, configs: false, offsets: false }).then((list) => list.map((entry) => entry.name)),
  onSearchProgressed: (listener: Parameters<typeof bridge.on<'messages:searchProgressed'>>[1]) => bridge.on('messages:searchProgressed', listener),
  onSearchMatched: (listener: Parameters<typeof bridge.on<'messages:searchMatched'>>[1]) => bridge.on('messages:searchMatched', listener),
  onReplayProgressed: (listener: Parameters<typeof bridge.on<'messages:replayProgressed'>>[1]) => bridge.on('messages:replayProgressed', listener),
};

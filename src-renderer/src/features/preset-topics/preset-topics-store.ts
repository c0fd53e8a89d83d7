// The seed's preset topics: their states (read with the topic list), applied in one action, one fixed on request.
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** Each preset topic's state (in place, missing, drifted), read while the Topics page is shown. */
export const presetTopicsStore = createStore({ load: (bridge) => bridge.call('presetTopics:list', {}) });

export const presetTopicCalls = {
  apply: () => bridge.call('presetTopics:apply', {}),
  fix: (topic: string) => bridge.call('presetTopics:fix', { topic }),
};

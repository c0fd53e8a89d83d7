// The seed's preset topics: applied in one action, one fixed on request (their states load with the topics, see topics-store).
import { bridge } from '../../bridge';

export const presetTopicCalls = {
  apply: () => bridge.call('presetTopics:apply', {}),
  fix: (topic: string) => bridge.call('presetTopics:fix', { topic }),
};

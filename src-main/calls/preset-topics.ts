import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** The preset topics the console creates and repairs. */
export function presetTopicsCalls(services: Services): AreaCalls<'presetTopics'> {
  return {
    'presetTopics:list': () => services.presetTopics.status(),
    'presetTopics:apply': () => services.presetTopics.apply(),
    'presetTopics:fix': ({ topic }) => services.presetTopics.fix(topic),
  };
}

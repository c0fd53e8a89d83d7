import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Alert rules, their state and where they are published. */
export function alertsCalls(services: Services): AreaCalls<'alerts'> {
  return {
    'alerts:state': async () => services.alerts.state(),
    'alerts:updateRule': async (args) => services.alerts.updateRule(args),
    'alerts:setPublishing': async ({ topic }) => services.alerts.setPublishTopic(topic),
  };
}

import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Alert rules, their state and where they are published. */
export function alertsCalls(services: Services): AreaCalls<'alerts'> {
  return {
    'alerts:state': () => Promise.resolve(services.alerts.state()),
    'alerts:updateRule': (args) => Promise.resolve(services.alerts.updateRule(args)),
    'alerts:setPublishing': ({ topic }) => Promise.resolve(services.alerts.setPublishTopic(topic)),
  };
}

import type { Api } from '@shared/contract';
import { appCalls } from './calls/app';
import { healthCalls } from './calls/health';
import { stackCalls } from './calls/stack';
import { topicsCalls } from './calls/topics';
import { brokersCalls } from './calls/brokers';
import { aclsCalls } from './calls/acls';
import { usersCalls } from './calls/users';
import { reassignmentsCalls } from './calls/reassignments';
import { presetTopicsCalls } from './calls/preset-topics';
import { messagesCalls } from './calls/messages';
import { generatorCalls } from './calls/generator';
import { metricsCalls } from './calls/metrics';
import { profilesCalls } from './calls/profiles';
import { pipelinesCalls } from './calls/pipelines';
import { consumersCalls } from './calls/consumers';
import { alertsCalls } from './calls/alerts';
import { schemasCalls } from './calls/schemas';
import { connectCalls } from './calls/connect';
import { sqlCalls } from './calls/sql';
import type { Services } from './calls/services';

export type { Services } from './calls/services';

/** The whole back end behind the contract, one builder per contract area (src-main/calls/<area>.ts). Hosts call this and hold no logic of their own. */
export function createApi(services: Services): Api {
  return {
    ...appCalls(services),
    ...healthCalls(services),
    ...stackCalls(services),
    ...topicsCalls(services),
    ...brokersCalls(services),
    ...aclsCalls(services),
    ...usersCalls(services),
    ...reassignmentsCalls(services),
    ...presetTopicsCalls(services),
    ...messagesCalls(services),
    ...generatorCalls(services),
    ...metricsCalls(services),
    ...profilesCalls(services),
    ...pipelinesCalls(services),
    ...consumersCalls(services),
    ...alertsCalls(services),
    ...schemasCalls(services),
    ...connectCalls(services),
    ...sqlCalls(services),
  };
}

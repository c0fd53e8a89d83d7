// Flink through the data layer: the Pipelines page's overview (cluster, jobs, catalog, savepoints),
// the jars Flink holds, one job's detail, and every pipeline operation.
import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** The cluster, its jobs, the catalog and the savepoints, read together every 3 s while shown. */
export const pipelinesStore = createStore({
  load: async () => {
    const [cluster, jobs, pipelines, savepoints] = await Promise.all([
      bridge.call('pipelines:cluster', {}),
      bridge.call('pipelines:jobs', {}),
      bridge.call('pipelines:list', {}),
      bridge.call('pipelines:savepoints', {}).catch(() => []),
    ]);
    return { cluster, jobs, pipelines, savepoints };
  },
  pollMs: 3000,
});

export const jarsStore = createStore({ load: () => bridge.call('pipelines:jars', {}), pollMs: 5000 });

/** The savepoints a start may restore from (the Start dialog reads them once; none when Flink cannot list them). */
export const savepointsStore = createStore({ load: () => bridge.call('pipelines:savepoints', {}).catch(() => []) });

export const jobStore = createStore({ load: (_bridge, { jobId }: { jobId: string }) => bridge.call('pipelines:job', { jobId }), pollMs: 3000 });

export const pipelineCalls = {
  savepoint: (jobId: string) => bridge.call('pipelines:savepoint', { jobId }),
  stopWithSavepoint: (jobId: string) => bridge.call('pipelines:stopWithSavepoint', { jobId }),
  cancelJob: (jobId: string) => bridge.call('pipelines:cancelJob', { jobId }),
  delete: (name: string) => bridge.call('pipelines:delete', { name }),
  disposeSavepoint: (path: string) => bridge.call('pipelines:disposeSavepoint', { path }),
  deleteJar: (jarId: string) => bridge.call('pipelines:deleteJar', { jarId }),
  saveSql: (args: CallArgs<'pipelines:saveSql'>) => bridge.call('pipelines:saveSql', args),
  start: (args: CallArgs<'pipelines:start'>) => bridge.call('pipelines:start', args),
  resume: (args: CallArgs<'pipelines:resume'>) => bridge.call('pipelines:resume', args),
  uploadJarBytes: (args: CallArgs<'pipelines:uploadJarBytes'>) => bridge.call('pipelines:uploadJarBytes', args),
};

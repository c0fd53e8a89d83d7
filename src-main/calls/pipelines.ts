import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { invalidField } from '@shared/errors';
import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** Flink pipelines: the cluster and its jobs, savepoints, jars, the catalog and launches. */
export function pipelinesCalls(services: Services): AreaCalls<'pipelines'> {
  return {
    'pipelines:cluster': () => services.pipelines().insight.cluster(),
    'pipelines:jobs': () => services.pipelines().insight.jobs(),
    'pipelines:job': ({ jobId }) => services.pipelines().insight.job(jobId),
    'pipelines:cancelJob': async ({ jobId }) => {
      await services.pipelines().operations.cancel(jobId);
      return { jobId };
    },
    'pipelines:savepoint': ({ jobId }) => services.pipelines().operations.triggerSavepoint(jobId),
    'pipelines:stopWithSavepoint': ({ jobId }) => services.pipelines().operations.stopWithSavepoint(jobId),
    'pipelines:savepoints': () => services.pipelines().operations.listSavepoints(),
    'pipelines:disposeSavepoint': async ({ path }) => {
      await services.pipelines().operations.disposeSavepoint(path);
      return { path };
    },
    'pipelines:jars': () => services.pipelines().catalog.listJars(),
    'pipelines:deleteJar': async ({ jarId }) => {
      await services.pipelines().catalog.deleteJar(jarId);
      return { jarId };
    },
    'pipelines:list': () => Promise.resolve(services.pipelines().catalog.listPipelines()),
    'pipelines:saveSql': (args) => Promise.resolve(services.pipelines().catalog.saveSqlPipeline(args)),
    'pipelines:uploadJar': async ({ jarPath, ...args }) => {
      const bytes = await readFile(jarPath).catch((error: Error) => {
        throw invalidField(['jarPath'], `cannot read ${jarPath}: ${error.message}`);
      });
      return services.pipelines().catalog.uploadJarPipeline(args, { fileName: basename(jarPath), bytes });
    },
    'pipelines:uploadJarBytes': async ({ fileName, bytes, ...args }) =>
      services.pipelines().catalog.uploadJarPipeline(args, { fileName: basename(fileName.replace(/\\/g, '/')), bytes }),
    'pipelines:delete': async ({ name }) => {
      await services.pipelines().catalog.deletePipeline(name);
      return { name };
    },
    'pipelines:start': (args) => services.pipelines().launch.start(args),
    'pipelines:resume': (args) => services.pipelines().launch.resume(args),
  };
}

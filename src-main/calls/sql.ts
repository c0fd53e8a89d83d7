import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** The SQL workbench: gateway sessions, runs whose rows are pulled, the topics' tables. */
export function sqlCalls(services: Services): AreaCalls<'sql'> {
  return {
    'sql:openSession': (settings) => services.sql.openSession(settings),
    'sql:closeSession': ({ sessionId }) => services.sql.closeSession(sessionId),
    'sql:run': (args) => services.sql.run(args),
    'sql:fetch': (args) => services.sql.fetch(args),
    'sql:cancel': ({ runId }) => services.sql.cancel(runId),
    'sql:catalog': () => services.sql.catalog(),
    'sql:table': ({ topic }) => services.sql.table(topic),
    'sql:saveTable': ({ topic, columns }) => services.sql.saveTable(topic, columns),
    'sql:pipelineSql': (args) => services.sql.pipelineSql(args),
  };
}

import type { AreaCalls } from './area-calls';
import type { Services } from './services';

/** The active connection's Schema Registry: subjects, versions, register, compatibility, deletes, usage. */
export function schemasCalls(services: Services): AreaCalls<'schemas'> {
  return {
    'schemas:subjects': ({ includeDeleted }) => services.schemas.subjects(includeDeleted),
    'schemas:versions': ({ subject, includeDeleted }) => services.schemas.versions(subject, includeDeleted),
    'schemas:register': (args) => services.schemas.register(args),
    'schemas:checkCompatibility': (args) => services.schemas.checkCompatibility(args),
    'schemas:setCompatibility': (args) => services.schemas.setCompatibility(args),
    'schemas:delete': (args) => services.schemas.delete(args),
    'schemas:usage': ({ subject }) => services.schemas.usage(subject),
  };
}

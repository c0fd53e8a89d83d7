// The Schema Registry through the data layer: subjects, one subject's versions, which topics use a
// subject, and the changes the Schemas page makes (register, compatibility, deletes).
import type { CallArgs } from '@shared/contract';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

/** Every subject with its latest version, type and compatibility (soft-deleted ones when asked). */
export const subjectsStore = createStore({
  load: (bridge, { includeDeleted }: { includeDeleted: boolean }) => bridge.call('schemas:subjects', { includeDeleted }),
  pollMs: 15_000,
});

/** A subject's versions with their schema text, soft-deleted ones included (so they can be hard-deleted). */
export const versionsStore = createStore({
  load: (bridge, { subject }: { subject: string }) => bridge.call('schemas:versions', { subject, includeDeleted: true }),
  pollMs: 15_000,
});

/** Which topics use a subject: read once when the page opens and on Refresh (it reads records of many topics). */
export const usageStore = createStore({ load: (bridge, { subject }: { subject: string }) => bridge.call('schemas:usage', { subject }) });

export const schemaCalls = {
  register: (args: CallArgs<'schemas:register'>) => bridge.call('schemas:register', args),
  checkCompatibility: (args: CallArgs<'schemas:checkCompatibility'>) => bridge.call('schemas:checkCompatibility', args),
  setCompatibility: (args: CallArgs<'schemas:setCompatibility'>) => bridge.call('schemas:setCompatibility', args),
  delete: (args: CallArgs<'schemas:delete'>) => bridge.call('schemas:delete', args),
};

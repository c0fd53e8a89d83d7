// What the Produce modal needs of the Schema Registry: the subjects to pick from, a subject's
// versions (with their schema text, shown beside the value), and registering a new version first.
import type { RegisterSchemaArgs } from '@shared/schemas';
import { bridge } from '@renderer/bridge';
import { createStore } from '@renderer/store';

export const produceSubjectsStore = createStore({ load: (bridge) => bridge.call('schemas:subjects', {}) });

/** A subject's versions; the empty subject (nothing chosen) reads nothing. */
export const produceVersionsStore = createStore({
  load: (bridge, { subject }: { subject: string }) => (subject === '' ? Promise.resolve(null) : bridge.call('schemas:versions', { subject })),
  drop: true,
});

export const produceSchemaCalls = {
  register: (args: RegisterSchemaArgs) => bridge.call('schemas:register', args),
};

// The Produce modal's view of a subject's versions. Subjects and registering are the Schemas
// page's (features/schemas/schemas-store.ts); this store differs only in reading nothing while no
// subject is chosen, so the modal's hooks can run before one is.
import { createStore } from '@renderer/store';

export const produceVersionsStore = createStore({
  load: (bridge, { subject }: { subject: string }) => (subject === '' ? Promise.resolve(null) : bridge.call('schemas:versions', { subject })),
  drop: true,
});

import type { Page } from '../router';

const PLANNED: Partial<Record<Page, { title: string; what: string }>> = {
  topics: { title: 'Topics', what: 'Topic list, the create-topic modal, the pre-configured streams, ingest and the data generator.' },
  consumers: { title: 'Consumer groups', what: 'Groups, their lag per partition, and offset resets.' },
};

/** An honest page for what is not built yet: what it will hold, and what to do meanwhile. */
export function Planned({ page }: { page: Page }) {
  const planned = PLANNED[page];
  return (
    <div className="page">
      <h1>{planned?.title ?? page}</h1>
      <div className="callout">
        <strong>Not in this version yet.</strong> {planned?.what}
      </div>
    </div>
  );
}

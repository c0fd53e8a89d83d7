import type { Api } from '../../src-shared/contract';

/** The handlers of one contract area: AreaCalls<'topics'> holds every `topics:*` call. */
export type AreaCalls<Area extends string> = Pick<Api, Extract<keyof Api, `${Area}:${string}`>>;

import type { Api } from '@shared/contract';

/** The handlers of one contract area: AreaCalls<'topics'> holds every `topics:*` call. */
export type AreaCalls<Area extends string> = Pick<Api, Extract<keyof Api, `${Area}:${string}`>>;

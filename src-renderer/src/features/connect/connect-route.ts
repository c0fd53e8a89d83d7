// A connector's address on the Connect page: `#/connect/<name>@<cluster URL>` (a cluster is named by its URL).
import type { ConnectorRef } from '@shared/connect';
import { hrefOf } from '@renderer/router';

export function connectorHref(ref: ConnectorRef): string {
  return hrefOf('connect', `${ref.name}@${ref.cluster}`);
}

/** The connector a page parameter names; a name may hold '@', a cluster URL starts with http(s). */
export function connectorOfParam(param: string): ConnectorRef | null {
  const at = param.search(/@https?:\/\/[^@]*$/);
  if (at <= 0) return null;
  return { cluster: param.slice(at + 1), name: param.slice(0, at) };
}

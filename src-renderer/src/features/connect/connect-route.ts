// A connector's address on the Connect page: `#/connect/<name>@<cluster URL>` (a cluster is named by its URL).
import { hrefOf } from '@renderer/router';

/** A connector as the page names it: always with its cluster (the contract's ConnectorRef may leave the cluster out). */
export interface ConnectorAt {
  cluster: string;
  name: string;
}

export function connectorHref(ref: ConnectorAt): string {
  return hrefOf('connect', `${ref.name}@${ref.cluster}`);
}

/** The connector a page parameter names; a name may hold '@', a cluster URL starts with http(s). */
export function connectorOfParam(param: string): ConnectorAt | null {
  const at = param.search(/@https?:\/\/[^@]*$/);
  if (at <= 0) return null;
  return { cluster: param.slice(at + 1), name: param.slice(0, at) };
}

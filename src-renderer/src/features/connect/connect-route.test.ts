import { describe, expect, it } from 'vitest';
import { connectorHref, connectorOfParam } from './connect-route';

describe("a connector's address", () => {
  it('round-trips a name holding @ and a cluster URL with a path', () => {
    const ref = { cluster: 'https://connect.example:8083/base', name: 'orders@eu-west' };
    const href = connectorHref(ref);
    expect(href.startsWith('#/connect/')).toBe(true);
    expect(connectorOfParam(decodeURIComponent(href.slice('#/connect/'.length)))).toEqual(ref);
  });

  it('is refused without a cluster URL or a name', () => {
    expect(connectorOfParam('orders')).toBeNull();
    expect(connectorOfParam('@http://w:8083')).toBeNull();
  });
});

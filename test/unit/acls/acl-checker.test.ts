import { describe, expect, it } from 'vitest';
import type { AclBinding } from '@shared/acls';
import { checkAcl, parseSuperUsers, type AuthorizerSettings } from '@main/services/acls/acl-checker';

const settings: AuthorizerSettings = { superUsers: ['User:admin'], superUsersHidden: false, allowEveryoneIfNoAcl: false };
const binding = (over: Partial<AclBinding>): AclBinding => ({
  principal: 'User:alice',
  host: '*',
  resourceType: 'topic',
  resourceName: 'orders',
  patternType: 'literal',
  operation: 'write',
  permission: 'allow',
  ...over,
});
const ask = (over: Partial<Parameters<typeof checkAcl>[2]> = {}) => ({
  principal: 'User:alice',
  operation: 'write' as const,
  resourceType: 'topic' as const,
  resourceName: 'orders',
  ...over,
});

describe('checkAcl (Kafka AclAuthorizer rules)', () => {
  it('allows with the allow binding that decides, and denies another topic by default', () => {
    const allow = binding({});
    expect(checkAcl([allow], settings, ask())).toMatchObject({ allowed: true, decision: 'allow', decidedBy: [allow] });
    expect(checkAcl([allow], settings, ask({ resourceName: 'payments' }))).toMatchObject({ allowed: false, decision: 'none', decidedBy: [] });
  });

  it('a deny wins over an allow, and names only the deny', () => {
    const allow = binding({});
    const deny = binding({ permission: 'deny', patternType: 'prefixed', resourceName: 'ord' });
    expect(checkAcl([allow, deny], settings, ask())).toMatchObject({ allowed: false, decision: 'deny', decidedBy: [deny] });
  });

  it('matches literal names, the literal * and prefixes, never a prefixed *', () => {
    expect(checkAcl([binding({ resourceName: '*' })], settings, ask({ resourceName: 'anything' })).allowed).toBe(true);
    expect(checkAcl([binding({ resourceName: 'ord', patternType: 'prefixed' })], settings, ask()).allowed).toBe(true);
    expect(checkAcl([binding({ resourceName: 'orders-eu', patternType: 'prefixed' })], settings, ask()).allowed).toBe(false);
    expect(checkAcl([binding({ resourceName: '*', patternType: 'prefixed' })], settings, ask()).allowed).toBe(false);
    expect(checkAcl([binding({ resourceType: 'group' })], settings, ask()).allowed).toBe(false);
  });

  it('User:* binds every user; a host binds only that host, * every host', () => {
    expect(checkAcl([binding({ principal: 'User:*' })], settings, ask()).allowed).toBe(true);
    expect(checkAcl([binding({ principal: 'User:bob' })], settings, ask()).allowed).toBe(false);
    const fromHost = binding({ host: '10.0.0.7' });
    expect(checkAcl([fromHost], settings, ask({ host: '10.0.0.7' })).allowed).toBe(true);
    expect(checkAcl([fromHost], settings, ask({ host: '10.0.0.8' })).allowed).toBe(false);
    expect(checkAcl([fromHost], settings, ask()).allowed).toBe(false);
  });

  it('ALL implies every operation; DESCRIBE is implied by READ, WRITE, DELETE, ALTER; DESCRIBE_CONFIGS by ALTER_CONFIGS', () => {
    expect(checkAcl([binding({ operation: 'all' })], settings, ask({ operation: 'delete' })).allowed).toBe(true);
    for (const operation of ['read', 'write', 'delete', 'alter'] as const) {
      expect(checkAcl([binding({ operation })], settings, ask({ operation: 'describe' })).allowed).toBe(true);
    }
    expect(checkAcl([binding({ operation: 'create' })], settings, ask({ operation: 'describe' })).allowed).toBe(false);
    expect(checkAcl([binding({ operation: 'alter_configs' })], settings, ask({ operation: 'describe_configs' })).allowed).toBe(true);
    expect(checkAcl([binding({ operation: 'read' })], settings, ask({ operation: 'write' })).allowed).toBe(false);
  });

  it('a deny is not implied: DENY READ does not deny DESCRIBE, DENY ALL denies everything', () => {
    const allowAll = binding({ operation: 'all' });
    expect(checkAcl([allowAll, binding({ operation: 'read', permission: 'deny' })], settings, ask({ operation: 'describe' })).allowed).toBe(true);
    expect(checkAcl([allowAll, binding({ operation: 'all', permission: 'deny' })], settings, ask({ operation: 'describe' })).decision).toBe('deny');
  });

  it('a super user is allowed whatever the bindings say', () => {
    const deny = binding({ principal: 'User:admin', permission: 'deny', operation: 'all' });
    expect(checkAcl([deny], settings, ask({ principal: 'User:admin' }))).toMatchObject({ allowed: true, decision: 'super-user', decidedBy: [] });
  });

  it('allow.everyone.if.no.acl.found allows only a resource no binding names', () => {
    const open = { ...settings, allowEveryoneIfNoAcl: true };
    expect(checkAcl([], open, ask())).toMatchObject({ allowed: true, decision: 'none' });
    expect(checkAcl([binding({ principal: 'User:bob' })], open, ask()).allowed).toBe(false);
  });

  it('says when the broker hides super.users', () => {
    expect(checkAcl([], { ...settings, superUsersHidden: true }, ask()).reason).toMatch(/unless it is a super user/);
  });

  it('reads super.users as the broker holds it', () => {
    expect(parseSuperUsers('User:admin; User:ops ;')).toEqual(['User:admin', 'User:ops']);
    expect(parseSuperUsers(null)).toEqual([]);
  });
});

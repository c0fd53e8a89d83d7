// "Can principal P perform operation O on resource R from host H?" answered from the bindings by Kafka's own rules
// (AclAuthorizer / StandardAuthorizer): super users may do anything; a matching deny wins over any allow; an allow for
// ALL, or for an operation that implies the one asked, allows; no matching binding denies, unless the broker sets
// allow.everyone.if.no.acl.found and the resource has no binding at all.
import type { AclBinding, AclCheckArgs, AclCheckResult, AclOperation } from '@shared/acls';

/** What the broker says beyond its bindings: `super.users` and `allow.everyone.if.no.acl.found`. */
export interface AuthorizerSettings {
  superUsers: string[];
  /**
   * The broker answers `super.users` as sensitive (no value: it is no KafkaConfig of its own, and unknown configs are
   * hidden), so the list above is then only what StreamDesk knows otherwise (the local stack's super user).
   */
  superUsersHidden: boolean;
  allowEveryoneIfNoAcl: boolean;
}

/** DESCRIBE is implied by READ, WRITE, DELETE and ALTER; DESCRIBE_CONFIGS by ALTER_CONFIGS (Kafka's AclAuthorizer). */
const IMPLIED_BY: Partial<Record<AclOperation, AclOperation[]>> = {
  describe: ['describe', 'read', 'write', 'delete', 'alter'],
  describe_configs: ['describe_configs', 'alter_configs'],
};

/** `super.users` as the broker holds it: principals separated by semicolons. */
export function parseSuperUsers(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Whether the binding's resource pattern covers the resource: literal name, literal `*`, or a prefix of the name. */
function patternCovers(binding: AclBinding, resourceType: AclBinding['resourceType'], resourceName: string): boolean {
  if (binding.resourceType !== resourceType) return false;
  if (binding.patternType === 'prefixed') return resourceName.startsWith(binding.resourceName);
  return binding.resourceName === '*' || binding.resourceName === resourceName;
}

const principalMatches = (binding: AclBinding, principal: string): boolean => binding.principal === principal || binding.principal === 'User:*';
const hostMatches = (binding: AclBinding, host: string | undefined): boolean => binding.host === '*' || binding.host === host;

export function checkAcl(bindings: AclBinding[], settings: AuthorizerSettings, q: AclCheckArgs): AclCheckResult {
  const what = `${q.operation} on ${q.resourceType} ${q.resourceName}`;
  if (settings.superUsers.includes(q.principal)) {
    return { allowed: true, decision: 'super-user', decidedBy: [], reason: `${q.principal} is a super user (super.users): it may do anything` };
  }
  const onResource = bindings.filter((b) => patternCovers(b, q.resourceType, q.resourceName));
  const applying = onResource.filter((b) => principalMatches(b, q.principal) && hostMatches(b, q.host));
  const denying = applying.filter((b) => b.permission === 'deny' && (b.operation === q.operation || b.operation === 'all'));
  if (denying.length > 0) {
    return { allowed: false, decision: 'deny', decidedBy: denying, reason: `a deny binding matches ${what}; deny wins over any allow` };
  }
  const allowingOps = IMPLIED_BY[q.operation] ?? [q.operation];
  const allowing = applying.filter((b) => b.permission === 'allow' && (b.operation === 'all' || allowingOps.includes(b.operation)));
  if (allowing.length > 0) {
    return { allowed: true, decision: 'allow', decidedBy: allowing, reason: `an allow binding grants ${what} and no deny binding matches` };
  }
  return noneAnswer(onResource.length, settings, q.principal, what);
}

function noneAnswer(onResource: number, settings: AuthorizerSettings, principal: string, what: string): AclCheckResult {
  if (onResource === 0 && settings.allowEveryoneIfNoAcl) {
    return { allowed: true, decision: 'none', decidedBy: [], reason: `no binding names this resource and the broker sets allow.everyone.if.no.acl.found` };
  }
  const hidden = settings.superUsersHidden ? ' (unless it is a super user StreamDesk cannot see: the broker does not show super.users)' : '';
  return { allowed: false, decision: 'none', decidedBy: [], reason: `no binding allows ${principal} ${what}: the authorizer denies by default${hidden}` };
}

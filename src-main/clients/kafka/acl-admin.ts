// CreateAcls, DescribeAcls and DeleteAcls through @platformatic/kafka's Admin, with the contract's lower-case names
// translated to the protocol's numbers both ways.
import type { Acl, AclFilter as RawFilter } from '@platformatic/kafka';
import type { AclBinding, AclFilter, AclOperation, AclResourceType } from '@shared/acls';
import type { KafkaTarget } from './kafka-target';
import { withAdmin } from './platformatic-admin';
import { platformaticKafka } from './platformatic';

/** The contract's names to the protocol's numbers, made at first use (the numbers are @platformatic/kafka's, loaded lazily). */
function codesOf() {
  const { AclOperations, AclPermissionTypes, ResourcePatternTypes, ResourceTypes } = platformaticKafka();
  const resource: Record<AclResourceType, number> = {
    topic: ResourceTypes.TOPIC,
    group: ResourceTypes.GROUP,
    cluster: ResourceTypes.CLUSTER,
    transactional_id: ResourceTypes.TRANSACTIONAL_ID,
    delegation_token: ResourceTypes.DELEGATION_TOKEN,
  };
  return {
    RESOURCE: resource,
    PATTERN: { literal: ResourcePatternTypes.LITERAL, prefixed: ResourcePatternTypes.PREFIXED, match: ResourcePatternTypes.MATCH },
    PERMISSION: { allow: AclPermissionTypes.ALLOW, deny: AclPermissionTypes.DENY },
    OPERATION: Object.fromEntries(Object.entries(AclOperations).map(([label, value]) => [label.toLowerCase(), value])) as Record<AclOperation, number>,
    ANY: { resource: ResourceTypes.ANY, pattern: ResourcePatternTypes.ANY, operation: AclOperations.ANY, permission: AclPermissionTypes.ANY },
  };
}
let memo: ReturnType<typeof codesOf> | null = null;
const codes = () => (memo ??= codesOf());

const nameOf = <K extends string>(table: Record<K, number>, value: number): K | undefined => (Object.keys(table) as K[]).find((key) => table[key] === value);

/** A binding the broker answered, or null when it holds a kind this contract does not name (a USER resource). */
function fromRaw(acl: Acl): AclBinding | null {
  const { RESOURCE, PATTERN, OPERATION, PERMISSION } = codes();
  const resourceType = nameOf(RESOURCE, acl.resourceType);
  const patternType = nameOf({ literal: PATTERN.literal, prefixed: PATTERN.prefixed }, acl.resourcePatternType);
  const operation = nameOf(OPERATION, acl.operation);
  const permission = nameOf(PERMISSION, acl.permissionType);
  if (!resourceType || !patternType || !operation || !permission) return null;
  return { principal: acl.principal, host: acl.host, resourceType, resourceName: acl.resourceName, patternType, operation, permission };
}

function toRaw(binding: AclBinding): Acl {
  const { RESOURCE, PATTERN, OPERATION, PERMISSION } = codes();
  return {
    principal: binding.principal,
    host: binding.host,
    resourceType: RESOURCE[binding.resourceType] as Acl['resourceType'],
    resourceName: binding.resourceName,
    resourcePatternType: PATTERN[binding.patternType],
    operation: OPERATION[binding.operation] as Acl['operation'],
    permissionType: PERMISSION[binding.permission],
  };
}

function rawFilter(filter: AclFilter): RawFilter {
  const { RESOURCE, PATTERN, OPERATION, PERMISSION, ANY } = codes();
  return {
    principal: filter.principal ?? null,
    host: filter.host ?? null,
    resourceName: filter.resourceName ?? null,
    resourceType: (filter.resourceType ? RESOURCE[filter.resourceType] : ANY.resource) as RawFilter['resourceType'],
    resourcePatternType: filter.patternType ? PATTERN[filter.patternType] : ANY.pattern,
    operation: (filter.operation ? OPERATION[filter.operation] : ANY.operation) as RawFilter['operation'],
    permissionType: filter.permission ? PERMISSION[filter.permission] : ANY.permission,
  };
}

export async function describeAcls(target: KafkaTarget, filter: AclFilter): Promise<AclBinding[]> {
  const resources = await withAdmin(target, (admin) => admin.describeAcls({ filter: rawFilter(filter) }));
  return resources.flatMap((resource) => resource.acls.map((acl) => fromRaw({ ...resource, ...acl }))).filter((b): b is AclBinding => b !== null);
}

export async function createAcls(target: KafkaTarget, bindings: AclBinding[]): Promise<void> {
  await withAdmin(target, (admin) => admin.createAcls({ creations: bindings.map(toRaw) }));
}

/** Removes what the filter matches; answers the bindings the broker removed. */
export async function deleteAcls(target: KafkaTarget, filter: AclFilter): Promise<AclBinding[]> {
  const removed = await withAdmin(target, (admin) => admin.deleteAcls({ filters: [rawFilter(filter)] }));
  return removed.map(fromRaw).filter((b): b is AclBinding => b !== null);
}

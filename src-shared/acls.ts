import { z } from 'zod';

// ACL bindings as Kafka's authorizer holds them (CreateAcls, DescribeAcls, DeleteAcls), and the checker's question and
// answer. Enum values are lower-case words, as the REST routes take them.

export const AclResourceType = z.enum(['topic', 'group', 'cluster', 'transactional_id', 'delegation_token']);
export type AclResourceType = z.infer<typeof AclResourceType>;

/** How a binding's resource name matches: the name itself (or `*`, every name), or every name that starts with it. */
const AclPatternType = z.enum(['literal', 'prefixed']);

export const AclOperation = z.enum([
  'all',
  'read',
  'write',
  'create',
  'delete',
  'alter',
  'describe',
  'cluster_action',
  'describe_configs',
  'alter_configs',
  'idempotent_write',
  'create_tokens',
  'describe_tokens',
]);
export type AclOperation = z.infer<typeof AclOperation>;

const AclPermission = z.enum(['allow', 'deny']);

/** `User:alice`, `User:*` (every user): the type, a colon, the name. */
const Principal = z
  .string()
  .max(300, 'is too long')
  .regex(/^[A-Za-z][A-Za-z0-9]*:\S.*$/, 'must be a principal such as User:alice');

/** `*` (every host) or one IP address: Kafka's authorizer compares hosts as IP addresses. */
const Host = z
  .string()
  .max(100, 'is too long')
  .regex(/^(\*|[0-9.]+|[0-9a-fA-F:]+)$/, 'must be * or an IP address');

const ResourceName = z.string().min(1, 'is required').max(255, 'is too long');

export const AclBinding = z
  .object({
    principal: Principal,
    host: Host.default('*'),
    resourceType: AclResourceType,
    resourceName: ResourceName,
    patternType: AclPatternType.default('literal'),
    operation: AclOperation,
    permission: AclPermission.default('allow'),
  })
  .strict();
export type AclBinding = z.output<typeof AclBinding>;

/**
 * Which bindings a list or a delete is about; a field left out matches any value. `match` (filters only) takes every
 * binding that applies to the named resource: its literal name, `*`, and every prefix of it.
 */
export const AclFilter = z
  .object({
    principal: Principal.optional(),
    host: Host.optional(),
    resourceType: AclResourceType.optional(),
    resourceName: ResourceName.optional(),
    patternType: z.enum(['literal', 'prefixed', 'match']).optional(),
    operation: AclOperation.optional(),
    permission: AclPermission.optional(),
  })
  .strict();
export type AclFilter = z.infer<typeof AclFilter>;

export const AclListing = z.object({ bindings: z.array(AclBinding) });
export type AclListing = z.infer<typeof AclListing>;

/** A delete names at least one field, so no empty filter removes every binding by accident. */
export const DeleteAclsArgs = z
  .object({ filter: AclFilter, dryRun: z.boolean().default(true) })
  .strict()
  .refine((args) => Object.values(args.filter).some((value) => value !== undefined), {
    path: ['filter'],
    message: 'must name at least one field',
  });

/** The bindings the filter matches (dryRun) or removed. */
export const DeleteAclsResult = z.object({ dryRun: z.boolean(), bindings: z.array(AclBinding) });
export type DeleteAclsResult = z.infer<typeof DeleteAclsResult>;

export const AclCheckArgs = z
  .object({
    principal: Principal,
    operation: AclOperation.exclude(['all']),
    resourceType: AclResourceType,
    resourceName: ResourceName,
    /** Left out: a host no binding names, so only bindings for every host (`*`) count. */
    host: Host.optional(),
  })
  .strict();
export type AclCheckArgs = z.infer<typeof AclCheckArgs>;

/** What decided: a super user, a deny binding, an allow binding, or no binding (denied unless the broker allows that). */
const AclDecision = z.enum(['super-user', 'deny', 'allow', 'none']);

export const AclCheckResult = z.object({
  allowed: z.boolean(),
  decision: AclDecision,
  /** The bindings that decide it (every matching deny, or every matching allow); empty for super-user and none. */
  decidedBy: z.array(AclBinding),
  reason: z.string(),
});
export type AclCheckResult = z.infer<typeof AclCheckResult>;

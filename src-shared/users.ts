import { z } from 'zod';

// SCRAM users (KIP-554) and client quotas (KIP-546): the principals a cluster knows and how much each may use.

export const ScramMechanism = z.enum(['scram-sha-256', 'scram-sha-512']);
export type ScramMechanism = z.infer<typeof ScramMechanism>;

const UserName = z
  .string()
  .min(1, 'is required')
  .max(200, 'is too long')
  .regex(/^[A-Za-z0-9._@-]+$/, 'may hold letters, digits, . _ @ and - only');

/** Typed passwords; left out, StreamDesk generates one. Either way it is answered once (generated) or never (typed). */
const Password = z.string().min(8, 'must be at least 8 characters').max(1000, 'is too long');

const ScramUser = z.object({
  name: z.string(),
  mechanisms: z.array(z.object({ mechanism: ScramMechanism, iterations: z.number().int() })),
});

export const UserListing = z.object({
  users: z.array(ScramUser),
  /** The user the active connection signs in as (null without SASL): StreamDesk will not delete it or change its password, which would lock it out. */
  signedInAs: z.string().nullable(),
});
export type UserListing = z.infer<typeof UserListing>;

export const SetUserPasswordArgs = z
  .object({
    name: UserName,
    mechanism: ScramMechanism.default('scram-sha-512'),
    password: Password.optional(),
    /** Kafka accepts 4096 to 16384. */
    iterations: z.number().int('must be a whole number').min(4096, 'must be at least 4096').max(16384, 'must be at most 16384').default(8192),
  })
  .strict();

/** `generatedPassword` is the one time a generated password leaves the back end; a typed one is never sent back. */
export const UserCredentialResult = z.object({ name: z.string(), mechanism: ScramMechanism, generatedPassword: z.string().nullable() });
export type UserCredentialResult = z.infer<typeof UserCredentialResult>;

export const UserRef = z.object({ name: UserName }).strict();

export const DeleteUserResult = z.object({ name: z.string(), mechanisms: z.array(ScramMechanism) });

export const QuotaKey = z.enum(['producer_byte_rate', 'consumer_byte_rate', 'request_percentage']);
export type QuotaKey = z.infer<typeof QuotaKey>;

/** Whom a quota binds: a user, a client id, or both together (Kafka's entity); at least one. */
const QuotaEntityFields = {
  user: UserName.optional(),
  clientId: z.string().min(1, 'is required').max(255, 'is too long').optional(),
};
const namesEntity = (e: { user?: string; clientId?: string }) => e.user !== undefined || e.clientId !== undefined;
const entityIssue = { path: ['user'], message: 'name a user, a client id, or both' };

export const QuotaEntry = z.object({
  user: z.string().nullable(),
  clientId: z.string().nullable(),
  values: z.object({ producer_byte_rate: z.number().optional(), consumer_byte_rate: z.number().optional(), request_percentage: z.number().optional() }),
});
export type QuotaEntry = z.infer<typeof QuotaEntry>;

export const QuotaListing = z.object({ quotas: z.array(QuotaEntry) });
export type QuotaListing = z.infer<typeof QuotaListing>;

/** Lists the quotas of one user or client id when named, else every quota. */
export const QuotaFilterArgs = z.object(QuotaEntityFields).strict();

const Rate = z.number().int('must be a whole number of bytes per second').min(1, 'must be at least 1');

export const SetQuotaArgs = z
  .object({
    ...QuotaEntityFields,
    producerByteRate: Rate.optional(),
    consumerByteRate: Rate.optional(),
    requestPercentage: z.number().min(1, 'must be at least 1').max(10_000, 'must be at most 10000').optional(),
  })
  .strict()
  .refine(namesEntity, entityIssue)
  .refine((a) => a.producerByteRate !== undefined || a.consumerByteRate !== undefined || a.requestPercentage !== undefined, {
    path: ['producerByteRate'],
    message: 'set at least one of producerByteRate, consumerByteRate, requestPercentage',
  });

/** Removes the named keys of the entity's quota, or all of them when none is named. */
export const RemoveQuotaArgs = z
  .object({ ...QuotaEntityFields, keys: z.array(QuotaKey).max(3).optional() })
  .strict()
  .refine(namesEntity, entityIssue);

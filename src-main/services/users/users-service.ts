import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { StreamdeskError } from '@shared/errors';
import type {
  DeleteUserResult,
  QuotaFilterArgs,
  QuotaListing,
  RemoveQuotaArgs,
  SetQuotaArgs,
  SetUserPasswordArgs,
  UserCredentialResult,
  UserListing,
} from '@shared/users';
import { adminFailure } from '@main/clients/kafka/admin-failure';
import type { KafkaTarget } from '@main/clients/kafka/kafka-target';
import { alterQuota, describeQuotas } from '@main/clients/kafka/quota-admin';
import { deleteScramCredentials, describeScramUsers, ScramError, upsertScramCredential } from '@main/clients/kafka/scram-credentials';

/** RESOURCE_NOT_FOUND: DescribeUserScramCredentials names a user without credentials. */
const RESOURCE_NOT_FOUND = 91;

type PasswordArgs = z.output<typeof SetUserPasswordArgs>;

/** 24 random bytes, base64url: 32 characters, no character a shell or a properties file would mangle. */
const generatePassword = () => randomBytes(24).toString('base64url');

/** SCRAM users and client quotas. A password is salted here and never kept, logged or answered, except a generated one once. */
export class UsersService {
  constructor(private readonly target: () => KafkaTarget) {}

  async list(): Promise<UserListing> {
    const users = await describeScramUsers(this.target(), null).catch((error: unknown) => {
      throw failure(error, 'list the users');
    });
    return { users: users.sort((a, b) => a.name.localeCompare(b.name)), signedInAs: this.signedInAs() };
  }

  /** A user who holds a credential for this mechanism already is a conflict: setPassword changes it. */
  async create(args: PasswordArgs): Promise<UserCredentialResult> {
    const known = await this.mechanismsOf(args.name);
    if (known.includes(args.mechanism)) throw new StreamdeskError('conflict', `user ${args.name} exists with ${args.mechanism}; change its password instead`);
    return this.setCredential(args);
  }

  async setPassword(args: PasswordArgs): Promise<UserCredentialResult> {
    this.refuseOwnSignIn(args.name, 'change its password here: the connection would keep the old one');
    if (!(await this.mechanismsOf(args.name)).includes(args.mechanism)) {
      throw new StreamdeskError('not-found', `user ${args.name} has no ${args.mechanism} credential`);
    }
    return this.setCredential(args);
  }

  async delete(name: string): Promise<z.infer<typeof DeleteUserResult>> {
    this.refuseOwnSignIn(name, 'delete it');
    const mechanisms = await this.mechanismsOf(name);
    if (mechanisms.length === 0) throw new StreamdeskError('not-found', `user ${name} does not exist`);
    await deleteScramCredentials(this.target(), name, mechanisms).catch((error: unknown) => {
      throw failure(error, `delete user ${name}`);
    });
    return { name, mechanisms };
  }

  async quotas(entity: z.output<typeof QuotaFilterArgs>): Promise<QuotaListing> {
    const quotas = await describeQuotas(this.target(), entity).catch((error: unknown) => {
      throw failure(error, 'list the quotas');
    });
    return { quotas: quotas.sort((a, b) => `${a.user ?? ''}\u0000${a.clientId ?? ''}`.localeCompare(`${b.user ?? ''}\u0000${b.clientId ?? ''}`)) };
  }

  async setQuota({ user, clientId, producerByteRate, consumerByteRate, requestPercentage }: z.output<typeof SetQuotaArgs>): Promise<QuotaListing> {
    const set = { producer_byte_rate: producerByteRate, consumer_byte_rate: consumerByteRate, request_percentage: requestPercentage };
    const values = Object.fromEntries(Object.entries(set).filter(([, value]) => value !== undefined)) as Record<string, number>;
    await alterQuota(this.target(), { user, clientId }, values, []).catch((error: unknown) => {
      throw failure(error, 'set the quota');
    });
    return this.quotas({ user, clientId });
  }

  async removeQuota({ user, clientId, keys }: z.output<typeof RemoveQuotaArgs>): Promise<QuotaListing> {
    const [current] = (await this.quotas({ user, clientId })).quotas.filter((q) => q.user === (user ?? null) && q.clientId === (clientId ?? null));
    if (!current) throw new StreamdeskError('not-found', 'no quota is set for this user and client id');
    const remove = keys ?? (Object.keys(current.values) as (keyof typeof current.values)[]);
    await alterQuota(this.target(), { user, clientId }, {}, remove).catch((error: unknown) => {
      throw failure(error, 'remove the quota');
    });
    return this.quotas({ user, clientId });
  }

  private signedInAs(): string | null {
    return this.target().sasl?.username ?? null;
  }

  /** Changing the credential StreamDesk itself signs in with would lock this connection out of the cluster on its next sign-in. */
  private refuseOwnSignIn(name: string, what: string): void {
    if (name === this.signedInAs()) throw new StreamdeskError('conflict', `StreamDesk signs in as ${name}; it will not ${what}`);
  }

  private async setCredential({ name, mechanism, password, iterations }: PasswordArgs): Promise<UserCredentialResult> {
    const chosen = password ?? generatePassword();
    await upsertScramCredential(this.target(), name, mechanism, chosen, iterations).catch((error: unknown) => {
      throw failure(error, `set ${name}'s password`);
    });
    return { name, mechanism, generatedPassword: password === undefined ? chosen : null };
  }

  private async mechanismsOf(name: string) {
    try {
      return (await describeScramUsers(this.target(), [name]))[0]?.mechanisms.map((m) => m.mechanism) ?? [];
    } catch (error) {
      if (error instanceof ScramError && error.errorCode === RESOURCE_NOT_FOUND) return [];
      throw failure(error, `read user ${name}`);
    }
  }
}

function failure(error: unknown, action: string): StreamdeskError {
  if (error instanceof ScramError) return new StreamdeskError(/authoriz/i.test(error.message) ? 'forbidden' : 'unavailable', `${action}: ${error.message}`);
  return adminFailure(error, action);
}

// SCRAM credentials (DescribeUserScramCredentials, AlterUserScramCredentials: KIP-554), which @platformatic/kafka's Admin
// does not offer: its raw APIs over one Connection. The broker takes the salted password, never the password itself,
// so the salting (RFC 5802's Hi: PBKDF2 with the mechanism's hash) happens here with a fresh random salt.
import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { alterUserScramCredentialsV0 } from '@platformatic/kafka';
import type { ScramMechanism } from '@shared/users';
import type { KafkaTarget } from './kafka-target';
import { withConnection } from './raw-connection';
import { platformaticKafka } from './platformatic';

const pbkdf2P = promisify(pbkdf2);
const TIMEOUT_MS = 10_000;
/** The protocol's ScramMechanism numbers, and each one's hash and key length. */
const MECHANISM: Record<ScramMechanism, { code: number; hash: string; bytes: number }> = {
  'scram-sha-256': { code: 1, hash: 'sha256', bytes: 32 },
  'scram-sha-512': { code: 2, hash: 'sha512', bytes: 64 },
};
const mechanismOf = (code: number): ScramMechanism | null => (Object.keys(MECHANISM) as ScramMechanism[]).find((m) => MECHANISM[m].code === code) ?? null;

export interface ScramUser {
  name: string;
  mechanisms: { mechanism: ScramMechanism; iterations: number }[];
}

/** A per-user or request-wide error the broker answered, with its code (RESOURCE_NOT_FOUND = 91 for an unknown user). */
export class ScramError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Every user holding a SCRAM credential (`names` null), or the named ones (an unknown name is a ScramError 91). */
export async function describeScramUsers(target: KafkaTarget, names: string[] | null): Promise<ScramUser[]> {
  const answer = await withConnection(target, TIMEOUT_MS, (connection) =>
    // null asks for every user (the protocol's null array); the typing says array only
    platformaticKafka().describeUserScramCredentialsV0.api.async(connection, names === null ? (null as never) : names.map((name) => ({ name }))),
  ).catch(rethrowAnswered);
  return answer.results.map((r) => ({
    name: r.user,
    mechanisms: r.credentialInfos.flatMap((info) => {
      const mechanism = mechanismOf(info.mechanism);
      return mechanism ? [{ mechanism, iterations: info.iterations }] : [];
    }),
  }));
}

/** Sets (creates or replaces) one user's credential for one mechanism. */
export async function upsertScramCredential(target: KafkaTarget, name: string, mechanism: ScramMechanism, password: string, iterations: number) {
  const { code, hash, bytes } = MECHANISM[mechanism];
  const salt = randomBytes(32);
  const saltedPassword = await pbkdf2P(password.normalize('NFKC'), salt, iterations, bytes, hash);
  await alterScram(target, [], [{ name, mechanism: code, iterations, salt, saltedPassword }]);
}

/** Removes the user's credentials for these mechanisms. */
export async function deleteScramCredentials(target: KafkaTarget, name: string, mechanisms: ScramMechanism[]) {
  await alterScram(
    target,
    mechanisms.map((m) => ({ name, mechanism: MECHANISM[m].code })),
    [],
  );
}

type Deletions = Parameters<typeof alterUserScramCredentialsV0.api.async>[1];
type Upsertions = Parameters<typeof alterUserScramCredentialsV0.api.async>[2];

async function alterScram(target: KafkaTarget, deletions: Deletions, upsertions: Upsertions): Promise<void> {
  await withConnection(target, TIMEOUT_MS, (connection) => platformaticKafka().alterUserScramCredentialsV0.api.async(connection, deletions, upsertions)).catch(
    rethrowAnswered,
  );
}

interface Answered {
  errorCode?: number;
  errorMessage?: string | null;
  results?: { user: string; errorCode: number; errorMessage: string | null }[];
}

/** @platformatic/kafka throws a ResponseError holding the answer when any result failed: its first failure as a ScramError. */
function rethrowAnswered(error: unknown): never {
  const answer = (error as { response?: Answered } | null)?.response;
  if (answer?.errorCode) throw new ScramError(answer.errorCode, answer.errorMessage ?? `error ${answer.errorCode}`);
  const failed = answer?.results?.find((r) => r.errorCode !== 0);
  if (failed) throw new ScramError(failed.errorCode, failed.errorMessage ?? `user ${failed.user}: error ${failed.errorCode}`);
  throw error;
}

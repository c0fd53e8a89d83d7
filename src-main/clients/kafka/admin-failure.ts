import { StreamdeskError } from '@shared/errors';
import { brokerMessages } from './broker-admin';

/**
 * What @platformatic/kafka threw while `action` ran, as an error in the broker's own words: refused authorization is
 * `forbidden`, a cluster without an authorizer says so plainly (the ACL calls need one), the rest is `unavailable`.
 */
export function adminFailure(error: unknown, action: string): StreamdeskError {
  if (error instanceof StreamdeskError) return error;
  const words = brokerMessages(error).join('; ') || String(error);
  if (/security.*disabled|no authorizer/i.test(words)) {
    return new StreamdeskError('unavailable', `${action}: this cluster runs no authorizer (start the local stack with --secure)`);
  }
  return new StreamdeskError(/authoriz/i.test(words) ? 'forbidden' : 'unavailable', `${action}: ${words}`);
}

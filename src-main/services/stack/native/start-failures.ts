// Start failures that say nothing about the stack: worth one more start, not an error for the user.

/**
 * Why a failed start is worth one more try, or null. On a loaded machine a ZooKeeper-mode broker
 * can stall long enough while starting for its ZooKeeper session to expire, and Kafka then exits
 * ("Exiting Kafka due to fatal exception during startup", SessionExpiredException); started again
 * it comes up. Seen twice in a row on this 2-core machine at load average 30-48.
 */
export function transientStartFailure(message: string): string | null {
  if (message.includes('exited before it was ready') && message.includes('SessionExpiredException'))
    return 'its ZooKeeper session expired while it started (a busy machine)';
  return null;
}

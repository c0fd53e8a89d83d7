/** Turns low-level connection errors into a sentence that names the service and what failed. */
export function errorReason(error: unknown, what: string): string {
  const code = (error as { code?: string } | null)?.code;
  const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
  switch (code ?? cause) {
    case 'ECONNREFUSED':
      return `${what}: connection refused (nothing listening)`;
    case 'ECONNRESET':
      return `${what}: connection reset`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `${what}: timed out`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${what}: host name not found`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${what}: ${message}`;
}

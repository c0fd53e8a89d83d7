/** A minimal logger the services receive from their host; never given secrets to print. */
export interface Logger {
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

export const consoleLogger: Logger = {
  info: (message, ...rest) => console.log(`[streamdesk] ${message}`, ...rest),
  warn: (message, ...rest) => console.warn(`[streamdesk] ${message}`, ...rest),
  error: (message, ...rest) => console.error(`[streamdesk] ${message}`, ...rest),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

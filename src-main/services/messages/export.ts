import type { MessageRecord } from '@shared/messages';

// The file formats live in src-shared (the UI makes the files); re-exported for the back end's tests and CLI.
export { toCsv, toJsonLines } from '@shared/message-export';

/** POSIX shell single quoting: safe for any text, including quotes, `$`, backticks and newlines. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A printf format that writes `bytes` exactly: printable ASCII as is (with `%` and `\` escaped),
 * everything else as octal escapes, so binary and multi-line values survive the shell.
 */
function printfFormat(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x27 || byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

function bytesOf(text: string | null, encoding: 'text' | 'base64' | 'hex'): Buffer | null {
  if (text === null) return null;
  return encoding === 'text' ? Buffer.from(text, 'utf8') : Buffer.from(text, encoding);
}

/** Separator bytes for kcat's -K/-D, chosen among control characters the record does not contain. */
function separators(parts: Buffer[]): [number, number] {
  const free = [0x1f, 0x1e, 0x1d, 0x1c, 0x1b, 0x1a, 0x19, 0x18].filter((byte) => parts.every((part) => !part.includes(byte)));
  if (free.length < 2) throw new Error('the record holds every candidate delimiter byte; it cannot be written as one kcat command');
  return [free[0], free[1]];
}

const hexEscape = (byte: number) => `'\\x${byte.toString(16).padStart(2, '0')}'`;

/**
 * A shell command that produces the record again with kcat: same key, value (bytes exact,
 * tombstones as NULL), text headers and partition.
 */
export function kcatCommand(record: MessageRecord, topic: string, brokers: string[]): string {
  const key = bytesOf(record.key, record.keyEncoding);
  const value = record.valueFormat === 'null' ? null : bytesOf(record.value, record.valueFormat === 'binary' ? 'hex' : 'text');
  const [first, second] = separators([key ?? Buffer.alloc(0), value ?? Buffer.alloc(0)]);
  const [keySeparator, delimiter] = key ? [first, second] : [first, first];
  const input = Buffer.concat([...(key ? [key, Buffer.from([keySeparator])] : []), value ?? Buffer.alloc(0), Buffer.from([delimiter])]);
  const args = ['kcat', '-P', '-b', shellQuote(brokers.join(',')), '-t', shellQuote(topic), '-p', String(record.partition)];
  if (key) args.push('-K', hexEscape(keySeparator));
  args.push('-D', hexEscape(delimiter));
  if (value === null) args.push('-Z');
  for (const header of record.headers) {
    // kcat -H takes text: a binary header value is passed as the base64 text the UI shows.
    args.push('-H', shellQuote(`${header.key}=${header.value ?? ''}`));
  }
  return `printf ${shellQuote(printfFormat(input))} | ${args.join(' ')}`;
}

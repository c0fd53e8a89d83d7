import net from 'node:net';

/** Sends one ZooKeeper four-letter command and returns everything the server wrote before closing. */
export function fourLetterWord(address: string, command: 'ruok' | 'srvr' | 'mntr', timeoutMs: number): Promise<string> {
  const { host, port } = splitHostPort(address, 2181);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer to ${command} within ${timeoutMs} ms`)));
    socket.on('connect', () => socket.end(command));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

export function splitHostPort(address: string, defaultPort: number): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address.trim());
  if (!match) return { host: address, port: defaultPort };
  return { host: match[1], port: match[2] ? Number(match[2]) : defaultPort };
}

/** `mntr` answers tab-separated `key\tvalue` lines. */
export function parseMntr(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) values.set(line.slice(0, tab).trim(), line.slice(tab + 1).trim());
  }
  return values;
}

/** `srvr` answers `Key: value` lines (Latency min/avg/max, Connections, Mode, Node count...). */
export function parseSrvr(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) values.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return values;
}

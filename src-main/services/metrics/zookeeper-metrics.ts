// ZooKeeper's latency figures from the `mntr` four-letter word.
import { fourLetterWord, parseMntr } from '../health/four-letter-words';
import { finiteNumber, reading, type Reading } from './resource-reading';

/**
 * The server's average and maximum request latency (ms, since it started or its stats were
 * reset: ZooKeeper keeps no shorter window) from a `mntr` answer, plus how long the answer took.
 */
export function zookeeperReadings(address: string, mntr: string, roundTripMs: number | null): Reading[] {
  const values = parseMntr(mntr);
  return [
    ...reading('zookeeper', address, 'ZooKeeper', 'avg_latency_ms', finiteNumber(values.get('zk_avg_latency'))),
    ...reading('zookeeper', address, 'ZooKeeper', 'max_latency_ms', finiteNumber(values.get('zk_max_latency'))),
    ...reading('zookeeper', address, 'ZooKeeper', 'round_trip_ms', roundTripMs),
  ];
}

export async function readZookeeper(address: string, now: () => number = Date.now): Promise<Reading[]> {
  const started = now();
  const answer = await fourLetterWord(address, 'mntr', 2000);
  if (answer.includes('not in the whitelist')) throw new Error('mntr is not whitelisted: set 4lw.commands.whitelist to include mntr');
  if (!answer.includes('zk_avg_latency')) throw new Error(`ZooKeeper answered mntr without latency figures (${answer.trim().slice(0, 80) || 'nothing'})`);
  return zookeeperReadings(address, answer, now() - started);
}

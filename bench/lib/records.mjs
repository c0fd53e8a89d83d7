// The benches' records: bench/search scans them, bench/ingest writes them (~200 bytes of JSON each).
const GARAGES = ['Kyrre', 'Nordre', 'Sentrum', 'Havna', 'Lade', 'Moholt'];

/** The i-th record: one in a thousand is tagged "needle", the rest "hay". */
export function recordOf(i) {
  return {
    id: i,
    garage: GARAGES[i % 6],
    free: (i * 7919) % 500,
    capacity: 500,
    ts: 1_700_000_000_000 + i,
    sensor: `sensor-${i % 97}`,
    note: 'x'.repeat(60),
    tag: i % 1000 === 0 ? 'needle' : 'hay',
  };
}

#!/usr/bin/env node
// bench/soak's heap snapshots: written from a page through CDP, and two of them compared — what
// grew between them, by kind of object (constructor, or V8's own kind for arrays, strings, code),
// and for the kinds that grew most, what holds them (the retainer's kind and the edge's name, three
// levels up). The heap's total after a GC says that it grew; this says what.
//
//   node bench/soak/heap-diff.mjs EARLIER.heapsnapshot LATER.heapsnapshot [--top 12]
import { createWriteStream, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const KB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Writes a heap snapshot of the page behind `cdp` (a Playwright CDPSession) to `file`; taking it collects garbage first. */
export async function writeHeapSnapshot(cdp, file) {
  const out = createWriteStream(file);
  const onChunk = ({ chunk }) => out.write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  }
}

/** Kinds whose names are contents (a string's text, a code object's function): grouped under the kind alone. */
const GROUPED_BY_TYPE = new Set(['string', 'concatenated string', 'sliced string', 'number', 'code', 'bigint', 'symbol']);

/** A parsed snapshot: per node its group ("Array", "(array) (object elements)", "(string)") and self size, and who retains it. */
function readSnapshot(file) {
  const { snapshot, nodes, edges, strings } = JSON.parse(readFileSync(file, 'utf8'));
  const { node_fields: nodeFields, edge_fields: edgeFields, node_types: nodeTypes, edge_types: edgeTypes } = snapshot.meta;
  const [nodeWidth, edgeWidth] = [nodeFields.length, edgeFields.length];
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nodeFields.indexOf(f));
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) => edgeFields.indexOf(f));
  const count = nodes.length / nodeWidth;
  const group = new Array(count);
  const size = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const type = nodeTypes[0][nodes[i * nodeWidth + typeAt]];
    const name = strings[nodes[i * nodeWidth + nameAt]];
    group[i] = GROUPED_BY_TYPE.has(type) ? `(${type})` : type === 'object' || type === 'native' ? name : `(${type}) ${name}`;
    size[i] = nodes[i * nodeWidth + sizeAt];
  }
  // the first strong retainer of each node (weak edges keep nothing alive)
  const retainer = new Int32Array(count).fill(-1);
  const retainerEdge = new Array(count);
  let edge = 0;
  for (let from = 0; from < count; from += 1) {
    const edgeCount = nodes[from * nodeWidth + edgeCountAt];
    for (let e = 0; e < edgeCount; e += 1, edge += edgeWidth) {
      const kind = edgeTypes[0][edges[edge + edgeTypeAt]];
      if (kind === 'weak' || kind === 'shortcut') continue;
      const to = edges[edge + toAt] / nodeWidth;
      if (retainer[to] !== -1) continue;
      retainer[to] = from;
      const nameOrIndex = edges[edge + edgeNameAt];
      retainerEdge[to] = kind === 'element' || kind === 'hidden' ? '[]' : strings[nameOrIndex];
    }
  }
  return { count, group, size, retainer, retainerEdge };
}

function totals(heap) {
  const byGroup = new Map();
  for (let i = 0; i < heap.count; i += 1) {
    const known = byGroup.get(heap.group[i]) ?? { count: 0, size: 0 };
    known.count += 1;
    known.size += heap.size[i];
    byGroup.set(heap.group[i], known);
  }
  return byGroup;
}

/** "Array ← (array) (object elements)[] ← LiveSeries.log": what holds a node, `levels` up. */
function retainerPath(heap, node, levels) {
  const steps = [];
  for (let at = node, level = 0; level < levels; level += 1) {
    const by = heap.retainer[at];
    if (by === -1) break;
    steps.push(`${heap.group[by]}${heap.retainerEdge[at] === '[]' ? '[]' : `.${heap.retainerEdge[at]}`}`);
    at = by;
  }
  return steps.join(' ← ') || '(root)';
}

/** The later heap's nodes of `name` by retainer path, the most bytes first. */
function holders(heap, name, top) {
  const byPath = new Map();
  for (let i = 0; i < heap.count; i += 1) {
    if (heap.group[i] !== name) continue;
    const path = retainerPath(heap, i, 3);
    const known = byPath.get(path) ?? { count: 0, size: 0 };
    known.count += 1;
    known.size += heap.size[i];
    byPath.set(path, known);
  }
  return [...byPath].sort((a, b) => b[1].size - a[1].size).slice(0, top);
}

/** Prints what grew from `earlierFile` to `laterFile`: the `top` kinds by bytes added, each with what holds it in the later heap. */
export function printHeapDiff(earlierFile, laterFile, top = 12) {
  const [earlier, later] = [readSnapshot(earlierFile), readSnapshot(laterFile)];
  const [before, after] = [totals(earlier), totals(later)];
  const sum = (byGroup) => [...byGroup.values()].reduce((all, { size }) => all + size, 0);
  console.log(`  heap snapshot ${KB(sum(before))} (${earlier.count} objects) → ${KB(sum(after))} (${later.count} objects)`);
  // compiled code comes and goes with V8's optimising (a function optimised, deoptimised, flushed): not what a page keeps
  const withoutCode = (byGroup) => sum(byGroup) - (byGroup.get('(code)')?.size ?? 0);
  const [from, to] = [withoutCode(before), withoutCode(after)];
  console.log(`  without compiled code ${KB(from)} → ${KB(to)} (${(((to - from) / from) * 100).toFixed(1)} %)`);
  const grown = [...after]
    .map(([name, { count, size }]) => ({ name, count: count - (before.get(name)?.count ?? 0), size: size - (before.get(name)?.size ?? 0) }))
    .sort((a, b) => b.size - a.size)
    .slice(0, top)
    .filter(({ size }) => size > 0);
  for (const { name, count, size } of grown) {
    console.log(`  +${KB(size).padStart(9)}  ${count >= 0 ? '+' : ''}${count} × ${name}`);
    for (const [path, held] of holders(later, name, 3)) console.log(`      ${KB(held.size).padStart(9)} in ${held.count} held by ${path}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '12' } } });
  if (positionals.length !== 2) throw new Error('usage: node bench/soak/heap-diff.mjs EARLIER.heapsnapshot LATER.heapsnapshot [--top 12]');
  printHeapDiff(positionals[0], positionals[1], Number(values.top));
}

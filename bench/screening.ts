/**
 * `npm run bench:screening`: speed of the screening engine over the full shipped index (OFAC SDN 2024 +
 * consolidated + UN + BIS DPL), single-threaded:
 * - list parsing and index build time, and the heap the index holds;
 * - latency p50/p99 over 10,000 mixed queries and queries per second.
 * The mix: people on no list, UN-listed people as typed by customers, listed names with typos, organisation
 * names, half with a date of birth or country.
 */
import { loadListSnapshot } from '../functions/screening/lists/load-list-snapshot';
import { buildScreeningIndex } from '../functions/screening/matching/screening-index';
import type { ScreeningQuery } from '../functions/kernel/screening/screening-query';
import { DEFAULT_MATCH_THRESHOLD } from '../functions/screening/matching/screening-settings';
import { searchScreeningIndex } from '../functions/screening/matching/search-screening-index';
import { readSyntheticNegatives, readUnPositives } from './screening/evaluation-data';

const QUERY_COUNT = Number(process.env.BENCH_QUERIES ?? 10_000);
const AIMS = { p99Ms: 5, buildMs: 3000, heapMb: 300 };
const PEERS = 'watchman ≈ 18 ms per full-OFAC search; yente with logic-v2 ≈ 4 requests/s per vCPU';

// A fixed-seed generator: every run screens the same queries.
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function addTypo(name: string, random: () => number): string {
  const at = 1 + Math.floor(random() * Math.max(1, name.length - 2));
  const letter = String.fromCharCode(97 + Math.floor(random() * 26));
  return random() < 0.5 ? name.slice(0, at) + letter + name.slice(at + 1) : name.slice(0, at) + name.slice(at + 1);
}

function heapMb(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const baseHeap = heapMb();
let started = performance.now();
const snapshot = loadListSnapshot();
const parseMs = performance.now() - started;
started = performance.now();
const index = buildScreeningIndex(snapshot.entities, snapshot.listVersion);
const buildMs = performance.now() - started;
const indexHeap = heapMb() - baseHeap;

const random = createRandom(42);
const negatives = readSyntheticNegatives();
const positives = readUnPositives();
const listed = index.names.filter((name) => name.strength !== 'WEAK');
const queries: ScreeningQuery[] = [];
while (queries.length < QUERY_COUNT) {
  const roll = random();
  if (roll < 0.5) {
    const person = negatives[Math.floor(random() * negatives.length)]!;
    queries.push({ name: person.name, type: 'PERSON', dateOfBirth: random() < 0.5 ? person.dateOfBirth : undefined });
  } else if (roll < 0.7) {
    const person = positives[Math.floor(random() * positives.length)]!;
    queries.push({ name: person.name, dateOfBirth: person.dateOfBirth });
  } else {
    const name = listed[Math.floor(random() * listed.length)]!;
    const entity = index.entities[name.entityIndex]!;
    queries.push({
      name: addTypo(name.name, random),
      type: entity.type,
      country: random() < 0.5 ? entity.countries[0] : undefined,
    });
  }
}

const options = { threshold: DEFAULT_MATCH_THRESHOLD, limit: 10 };
for (const query of queries.slice(0, 500)) searchScreeningIndex(index, query, options); // warm up the JIT
const latencies = new Float64Array(queries.length);
let hits = 0;
const runStarted = performance.now();
queries.forEach((query, i) => {
  const t = performance.now();
  hits += searchScreeningIndex(index, query, options).hits.length;
  latencies[i] = performance.now() - t;
});
const totalMs = performance.now() - runStarted;
latencies.sort();
const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;

const row = (name: string, value: string, aim: string, ok?: boolean): string =>
  `| ${name} | ${value} | ${aim} | ${ok === undefined ? '' : ok ? 'met' : 'missed'} |`;
console.log(
  `Screening benchmark on Node ${process.version}: ${snapshot.entities.length} entities, ${index.names.length} names`,
);
console.log(`(${snapshot.listVersion}); ${queries.length} queries, ${hits} hits at threshold ${options.threshold}\n`);
console.log('| measure | value | aim | |');
console.log('| --- | --- | --- | --- |');
console.log(row('parse list files', `${parseMs.toFixed(0)} ms`, ''));
console.log(row('build index', `${buildMs.toFixed(0)} ms`, `≤ ${AIMS.buildMs} ms`, buildMs <= AIMS.buildMs));
console.log(row('parse + build', `${(parseMs + buildMs).toFixed(0)} ms`, ''));
console.log(
  row('heap held by lists + index', `${indexHeap.toFixed(0)} MB`, `≤ ${AIMS.heapMb} MB`, indexHeap <= AIMS.heapMb),
);
console.log(row('latency p50', `${percentile(0.5).toFixed(3)} ms`, ''));
console.log(
  row('latency p99', `${percentile(0.99).toFixed(3)} ms`, `≤ ${AIMS.p99Ms} ms`, percentile(0.99) <= AIMS.p99Ms),
);
console.log(row('latency max', `${latencies[latencies.length - 1]!.toFixed(3)} ms`, ''));
console.log(row('queries/s (one thread)', `${((queries.length / totalMs) * 1000).toFixed(0)}`, ''));
console.log(`\nPeers: ${PEERS}.`);
if (!global.gc) console.log('(heap measured without --expose-gc: includes garbage)');

/**
 * `npm run bench:cold-start`: for every Lambda function, the size of its bundle (built with the same
 * esbuild settings CDK deploys) and the time a fresh Node process takes to import it, median of 10.
 * Set BENCH_NODE to a Node 22 binary to time imports on the Lambda runtime's Node version; by default
 * they run on the Node that runs the benchmark.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { listFunctions } from '../functions/function-catalog';
import { functionBundling } from '../infra/function-bundling';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const repositoryRoot = path.resolve(__dirname, '..');
const nodeBinary = process.env.BENCH_NODE ?? process.execPath;
const aims = { bundleKb: 500, importMs: 150 };

/** The environment a deployed function has, with dummy values: importing must not need AWS. */
const functionEnvironment = {
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'trustflow',
  DOCUMENTS_BUCKET: 'trustflow-documents',
  NODE_OPTIONS: '',
  POWERTOOLS_SERVICE_NAME: 'trustflow',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

async function bundle(entry: string, outdir: string): Promise<string> {
  const outfile = path.join(outdir, 'index.js');
  await build({
    entryPoints: [path.join(repositoryRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: functionBundling.target,
    format: functionBundling.format,
    minify: functionBundling.minify,
    sourcemap: functionBundling.sourceMap ? 'external' : false,
    sourcesContent: functionBundling.sourcesContent,
    mainFields: [...functionBundling.mainFields],
    external: functionBundling.externalModules,
    logLevel: 'error',
  });
  return outfile;
}

function timeImport(file: string): number {
  const script =
    `const t=process.hrtime.bigint();require(${JSON.stringify(file)});` +
    `process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(execFileSync(nodeBinary, ['-e', script], { env: functionEnvironment, encoding: 'utf8' }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'trustflow-bench-'));
  const nodeVersion = execFileSync(nodeBinary, ['-v'], { encoding: 'utf8' }).trim();
  console.log(
    `Cold start: esbuild bundle (${functionBundling.target}, minified) and import time on Node ${nodeVersion}, median of ${runs}\n`,
  );
  const rows: { id: string; kb: number; ms: number; min: number; max: number }[] = [];
  try {
    for (const definition of listFunctions()) {
      const outfile = await bundle(definition.entry, path.join(workDir, definition.id));
      const samples = Array.from({ length: runs }, () => timeImport(outfile));
      rows.push({
        id: definition.id,
        kb: statSync(outfile).size / 1024,
        ms: median(samples),
        min: Math.min(...samples),
        max: Math.max(...samples),
      });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((row) => row.id.length), 'function'.length);
  const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');
  console.log(
    `${'function'.padEnd(width)}  bundle KB  ≤${aims.bundleKb}  import ms (median)  min–max ms  ≤${aims.importMs}`,
  );
  for (const row of rows) {
    const range = `${row.min.toFixed(0)}–${row.max.toFixed(0)}`;
    console.log(
      `${row.id.padEnd(width)}  ${row.kb.toFixed(1).padStart(9)}  ${mark(row.kb <= aims.bundleKb).padStart(4)}  ` +
        `${row.ms.toFixed(1).padStart(17)}  ${range.padStart(10)}  ${mark(row.ms <= aims.importMs).padStart(4)}`,
    );
  }
  console.log(`\naim: bundle <= ${aims.bundleKb} KB and import <= ${aims.importMs} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

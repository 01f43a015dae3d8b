import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ListSources } from '../../functions/screening/lists/list-sources';
import { shippedSnapshotLayout } from '../../functions/screening/lists/load-list-snapshot';
import {
  createS3IndexArtifactStore,
  type IndexArtifactStore,
} from '../../functions/screening/repositories/index-artifact-store';
import { loadScreeningIndex } from '../../functions/screening/usecases/load-screening-index';
import {
  downloadWithFetch,
  ListRefreshError,
  refreshScreeningLists,
} from '../../functions/screening/usecases/refresh-screening-lists';
import { suiteStack } from './support/api-client';
import { createLocalS3Client } from './support/s3-client';

const { endpoints } = suiteStack();
const layout = shippedSnapshotLayout();
/** What the publishers' server answers, per path; tests change it to break one file. */
let files: Record<string, { body: Buffer; announcedLength?: number; status?: number }>;

function shippedFiles(): typeof files {
  return {
    '/sdn.csv': { body: readFileSync(path.join(layout.ofacSdn.folder, 'sdn.csv')) },
    '/cons_prim.csv': { body: readFileSync(path.join(layout.ofacConsolidated.folder, 'cons_prim.csv')) },
    '/cons_alt.csv': { body: readFileSync(path.join(layout.ofacConsolidated.folder, 'cons_alt.csv')) },
    '/un.xml': { body: readFileSync(layout.un.file) },
    '/dpl.txt': { body: readFileSync(layout.bisDeniedPersons.file) },
  };
}

let server: Server;
let sources: ListSources;
let s3: S3Client;
let store: IndexArtifactStore;

beforeAll(async () => {
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file || file.status) {
      response.writeHead(file?.status ?? 404).end();
      return;
    }
    response.writeHead(200, { 'content-length': String(file.announcedLength ?? file.body.length) });
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sources = {
    ofacSdn: { primary: `${base}/sdn.csv` },
    ofacConsolidated: { primary: `${base}/cons_prim.csv`, alt: `${base}/cons_alt.csv` },
    un: `${base}/un.xml`,
    bisDeniedPersons: `${base}/dpl.txt`,
  };
  s3 = createLocalS3Client(endpoints.s3);
  const bucket = `screening-refresh-${Date.now()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  store = createS3IndexArtifactStore(s3, bucket);
});

afterAll(async () => {
  s3.destroy();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  files = shippedFiles();
});

const refresh = (at: string) =>
  refreshScreeningLists({ download: downloadWithFetch, store, now: () => new Date(at), workDir: tmpdir() }, sources);

describe('screening list refresh against S3', () => {
  it('publishes a versioned artifact that the screening function can load', async () => {
    // Act
    const published = await refresh('2026-11-20T05:00:00.000Z');
    const loaded = await loadScreeningIndex(store);

    // Assess
    expect(published.listVersion).toBe('ofac-sdn@2026-11-20+ofac-cons@2026-11-20+un@2026-11-20+bis-dpl@2026-11-20');
    expect(published.key).toMatch(/^index\/artifacts\/2026-11-20T05-00-00-000Z-[0-9a-f]{12}\.json\.gz$/);
    expect(published.countsByList).toEqual({ 'OFAC-SDN': 14965, 'OFAC-CONSOLIDATED': 442, UN: 1003, 'BIS-DPL': 581 });
    expect(loaded.artifact.key).toBe(published.key);
    expect(loaded.index.entities).toHaveLength(published.entityCount);
  });

  it('keeps the previous version when a download fails', async () => {
    // Prepare
    const before = await refresh('2026-11-21T05:00:00.000Z');
    files['/un.xml'] = { body: Buffer.alloc(0), status: 503 };

    // Act
    const failed = refresh('2026-11-22T05:00:00.000Z');

    // Assess
    await expect(failed).rejects.toThrow(ListRefreshError);
    await expect(failed).rejects.toThrow(/download failed: .*un\.xml: HTTP 503/);
    expect((await store.readCurrentManifest())?.key).toBe(before.key);
  });

  it('keeps the previous version when a download is cut short', async () => {
    // Prepare
    const before = await refresh('2026-11-21T06:00:00.000Z');
    const dpl = files['/dpl.txt']!.body;
    files['/dpl.txt'] = { body: dpl.subarray(0, dpl.length / 2), announcedLength: dpl.length };

    // Act
    const failed = refresh('2026-11-22T06:00:00.000Z');

    // Assess
    await expect(failed).rejects.toThrow(ListRefreshError);
    expect((await store.readCurrentManifest())?.key).toBe(before.key);
  });

  it('keeps the previous version when a list shrank too much to be a whole file', async () => {
    // Prepare: a well-formed DPL file with a third of its rows, as a truncated export would be.
    const before = await refresh('2026-11-21T07:00:00.000Z');
    const lines = files['/dpl.txt']!.body.toString('utf8').split('\n');
    files['/dpl.txt'] = { body: Buffer.from(lines.slice(0, Math.floor(lines.length / 3)).join('\n')) };

    // Act
    const failed = refresh('2026-11-22T07:00:00.000Z');

    // Assess
    await expect(failed).rejects.toThrow(/BIS-DPL has \d+ entries, fewer than 90% of the 581 .* partial download/);
    expect((await store.readCurrentManifest())?.key).toBe(before.key);
  });

  it('keeps the previous version when a file is not the list it claims to be', async () => {
    // Prepare
    const before = await refresh('2026-11-21T08:00:00.000Z');
    files['/un.xml'] = { body: Buffer.from('<html><body>Service unavailable</body></html>') };

    // Act
    const failed = refresh('2026-11-22T08:00:00.000Z');

    // Assess
    await expect(failed).rejects.toThrow(/a list could not be parsed: .*not a UN consolidated list/);
    expect((await store.readCurrentManifest())?.key).toBe(before.key);
  });
});

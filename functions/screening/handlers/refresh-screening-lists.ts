import { tmpdir } from 'node:os';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { s3Client } from '../../commons/s3-client';
import { readListSources } from '../lists/list-sources';
import { createS3IndexArtifactStore } from '../repositories/index-artifact-store';
import { readScreeningBucket } from '../screening-config';
import { downloadWithFetch, refreshScreeningLists } from '../usecases/refresh-screening-lists';

/** Scheduled daily by EventBridge Scheduler: downloads the lists and publishes a new index artifact. */
export async function handler(): Promise<{ listVersion: string; key: string; entityCount: number }> {
  try {
    const published = await refreshScreeningLists(
      {
        download: downloadWithFetch,
        store: createS3IndexArtifactStore(s3Client, readScreeningBucket()),
        now,
        workDir: tmpdir(),
      },
      readListSources(),
    );
    logger.info('screening lists published', { ...published });
    return { listVersion: published.listVersion, key: published.key, entityCount: published.entityCount };
  } catch (error) {
    // Failing the invocation is the signal: the Errors alarm fires and the previous version stays in service.
    logger.error('screening list refresh failed; the previous version stays in service', error as Error);
    throw error;
  }
}

import { s3Client } from '../../commons/s3-client';
import { createS3IndexArtifactStore } from '../repositories/index-artifact-store';
import { readScreeningBucket } from '../screening-config';
import { createScreeningIndexCache, type ScreeningIndexCache } from '../usecases/screening-index-cache';

let cache: ScreeningIndexCache | undefined;

/** The container's screening index, loaded from the artifact in S3 on first use and refreshed when a new one is published. */
export function resolveScreeningIndexCache(): ScreeningIndexCache {
  cache ??= createScreeningIndexCache(createS3IndexArtifactStore(s3Client, readScreeningBucket()));
  return cache;
}

/**
 * On Lambda, starts loading the index during the init phase, which runs before the first request is
 * waited on. Elsewhere (tests, the local stack) the index loads on first use.
 */
export function preloadScreeningIndexOnLambda(): void {
  if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
    resolveScreeningIndexCache()
      .getIndex()
      .catch(() => undefined);
  }
}

import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody } from '../../commons/http/parse-request';
import { s3Client } from '../../commons/s3-client';
import { readMatchThreshold } from '../matching/screening-settings';
import { screeningSearchRequestSchema } from '../models/screening-search';
import { createS3IndexArtifactStore } from '../repositories/index-artifact-store';
import { readScreeningBucket } from '../screening-config';
import { createScreeningIndexCache, type ScreeningIndexCache } from '../usecases/screening-index-cache';
import { searchSanctions } from '../usecases/search-sanctions';

let cache: ScreeningIndexCache | undefined;

function resolveIndexCache(): ScreeningIndexCache {
  cache ??= createScreeningIndexCache(createS3IndexArtifactStore(s3Client, readScreeningBucket()));
  return cache;
}

// On Lambda, start loading the index during the init phase, which runs before the first request is waited on.
if (process.env.AWS_LAMBDA_FUNCTION_NAME)
  resolveIndexCache()
    .getIndex()
    .catch(() => undefined);

/** `POST /screening/search` */
export const handler = createHttpHandler(async (event) => {
  const request = parseJsonBody(event, screeningSearchRequestSchema);
  const result = await searchSanctions(
    { getIndex: () => resolveIndexCache().getIndex(), threshold: readMatchThreshold() },
    request,
  );
  return jsonResponse(200, result);
});

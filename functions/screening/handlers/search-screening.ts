import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody } from '../../commons/http/parse-request';
import { readMatchThreshold } from '../matching/screening-settings';
import { screeningSearchRequestSchema } from '../models/screening-search';
import { searchSanctions } from '../usecases/search-sanctions';
import { preloadScreeningIndexOnLambda, resolveScreeningIndexCache } from './screening-index-deps';

preloadScreeningIndexOnLambda();

/** `POST /screening/search` */
export const handler = createHttpHandler(async (event) => {
  const request = parseJsonBody(event, screeningSearchRequestSchema);
  const result = await searchSanctions(
    { getIndex: () => resolveScreeningIndexCache().getIndex(), threshold: readMatchThreshold() },
    request,
  );
  return jsonResponse(200, result);
});

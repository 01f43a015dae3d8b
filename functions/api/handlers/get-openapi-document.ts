import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { buildOpenApiDocument } from '../openapi-document';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** `GET /openapi.json`, built once per container. */
export const handler = createHttpHandler(async (event) => {
  document ??= buildOpenApiDocument(`https://${event.requestContext.domainName}`);
  return jsonResponse(200, document, { 'cache-control': 'public, max-age=300' });
});

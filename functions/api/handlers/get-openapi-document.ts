import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { buildOpenApiDocument } from '../openapi-document';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** `GET /openapi.json`, built once per container, with the server the caller reached it on. */
export const handler = createHttpHandler(async (event) => {
  const scheme = event.headers['x-forwarded-proto'] ?? 'https';
  document ??= buildOpenApiDocument(`${scheme}://${event.requestContext.domainName}`);
  return jsonResponse(200, document, { 'cache-control': 'public, max-age=300' });
});

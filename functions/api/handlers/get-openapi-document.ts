import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { buildOpenApiDocument } from '../openapi-document';

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/**
 * `GET /openapi.json`. The document is built once per container; its `servers` entry is the host this
 * request reached, added per request so that one caller's Host header never leaks into another's.
 */
export const handler = createHttpHandler(async (event) => {
  document ??= buildOpenApiDocument();
  const scheme = event.headers['x-forwarded-proto'] ?? 'https';
  return jsonResponse(
    200,
    { ...document, servers: [{ url: `${scheme}://${event.requestContext.domainName}` }] },
    { 'cache-control': 'private, max-age=300' },
  );
});

import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { buildAsyncApiDocument } from '../asyncapi-document';

let document: ReturnType<typeof buildAsyncApiDocument> | undefined;

/** `GET /asyncapi.json`: the catalogue of outbound events, built once per container. */
export const handler = createHttpHandler(async () => {
  document ??= buildAsyncApiDocument();
  return jsonResponse(200, document, { 'cache-control': 'private, max-age=300' });
});

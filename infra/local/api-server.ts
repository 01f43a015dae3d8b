import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { apiCorsSettings, listCorsMethods, resolveAllowedOrigin } from '../../functions/commons/http/api-cors';
import { toProblemResponse } from '../../functions/commons/http/problem';
import { readRequestBody, RequestBodyTooLargeError } from './read-request-body';
import { buildHttpApiEvent, matchRoute } from './api-gateway-event';
import { toAuthorizerClaims, type LocalTokenAuthority } from './dev-identity';
import { invokeFunction } from './lambda-runtime';

/** API Gateway refuses HTTP API payloads above 10 MB. */
const maxPayloadBytes = 10 * 1024 * 1024;

/** A handler for the `/_local/*` routes; returns undefined when it does not serve the path. */
export type LocalRouteHandler = (
  method: string,
  url: URL,
  body: Buffer,
  /** The request's Authorization header, for the local routes only staff may call. */
  authorization?: string,
) => Promise<APIGatewayProxyStructuredResultV2 | undefined>;

/** Payload format 2.0: a result without statusCode is a 200 JSON body. */
function normalizeResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (result && typeof result === 'object' && 'statusCode' in result)
    return result as APIGatewayProxyStructuredResultV2;
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result),
  };
}

function send(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  extraHeaders: Record<string, string>,
): void {
  const body =
    result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, {
    ...(result.headers ?? {}),
    ...extraHeaders,
    'content-length': body.length,
  });
  if (result.cookies?.length) response.setHeader('set-cookie', result.cookies);
  response.end(body);
}

/**
 * Problems the gateway itself raises. AWS answers these with `{"message": ...}`; locally they are
 * problem documents that keep the same `message` member, so clients can read either.
 */
function gatewayProblem(status: number, message: string, detail: string, instance: string) {
  return toProblemResponse(status, detail, { message }, instance);
}

/**
 * CORS as API Gateway applies it: preflight requests are answered without reaching a route, and
 * every response to an allowed origin carries Access-Control-Allow-Origin.
 */
function corsHeaders(request: IncomingMessage, allowedOrigins: readonly string[], preflight: boolean) {
  const origin = resolveAllowedOrigin(request.headers.origin, allowedOrigins);
  if (!origin) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'origin' };
  if (preflight) {
    headers['access-control-allow-methods'] = [...listCorsMethods(), 'OPTIONS'].join(',');
    headers['access-control-allow-headers'] = apiCorsSettings.allowHeaders.join(',');
    headers['access-control-max-age'] = String(apiCorsSettings.maxAgeSeconds);
  } else {
    headers['access-control-expose-headers'] = apiCorsSettings.exposeHeaders.join(',');
  }
  return headers;
}

/**
 * The local stand-in for API Gateway's HTTP API: routes from the route table, JWT verification with
 * the local key, API Gateway v2 events, and the handler modules invoked in process.
 */
export function createApiServer(options: {
  tokens: LocalTokenAuthority;
  localRoutes: LocalRouteHandler;
  allowedOrigins: readonly string[];
  log: (line: string) => void;
}): Server {
  return createServer(async (request, response) => {
    const started = performance.now();
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const method = request.method ?? 'GET';
    const preflight = method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    let result: APIGatewayProxyStructuredResultV2;
    try {
      if (preflight) {
        request.resume();
        result = { statusCode: 204 };
      } else {
        const body = await readRequestBody(request, maxPayloadBytes);
        result =
          (await options.localRoutes(method, url, body, request.headers.authorization)) ??
          (await serveRoute(request, url, body, options.tokens));
      }
    } catch (error) {
      if (error instanceof RequestBodyTooLargeError) {
        result = gatewayProblem(
          413,
          'Request Entity Too Large',
          `Request bodies are limited to ${maxPayloadBytes} bytes`,
          url.pathname,
        );
      } else {
        options.log(`error serving ${method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
        result = gatewayProblem(
          500,
          'Internal Server Error',
          'The function failed; see the local stack output',
          url.pathname,
        );
      }
    }
    send(response, result, corsHeaders(request, options.allowedOrigins, preflight));
    options.log(`${method} ${url.pathname} ${result.statusCode} ${Math.round(performance.now() - started)}ms`);
  });
}

async function serveRoute(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  tokens: LocalTokenAuthority,
): Promise<APIGatewayProxyStructuredResultV2> {
  const match = matchRoute(request.method ?? 'GET', url.pathname);
  if (match.kind === 'not-found') {
    return gatewayProblem(404, 'Not Found', `No route for ${url.pathname}`, url.pathname);
  }
  if (match.kind === 'malformed-path') {
    return gatewayProblem(400, 'Bad Request', `The path ${url.pathname} is not valid percent-encoding`, url.pathname);
  }
  if (match.kind === 'method-not-allowed') {
    return gatewayProblem(
      404,
      'Not Found',
      `No route for ${request.method} ${url.pathname}; it accepts ${match.allowed.join(', ')}`,
      url.pathname,
    );
  }
  let claims: Record<string, string> | undefined;
  if (match.route.auth === 'jwt') {
    const header = request.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) {
      return gatewayProblem(401, 'Unauthorized', 'An Authorization: Bearer <token> header is required', url.pathname);
    }
    try {
      claims = toAuthorizerClaims(await tokens.verify(token));
    } catch (error) {
      return gatewayProblem(
        401,
        'Unauthorized',
        `The bearer token is not valid: ${(error as Error).message}`,
        url.pathname,
      );
    }
  }
  const event = buildHttpApiEvent({ request, url, body, match, claims });
  return normalizeResult(await invokeFunction(match.route.function, event));
}

/** Starts listening on loopback and resolves with the bound port. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { routeTable, toRouteKey, type RouteDefinition } from '../../functions/commons/http/route-table';

/** A route with its path parameters, or why none matched. */
export type RouteMatch =
  | { kind: 'matched'; route: RouteDefinition; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' }
  /** A path parameter is not valid percent-encoding. */
  | { kind: 'malformed-path' };

function compile(pathTemplate: string): RegExp {
  const pattern = pathTemplate
    .split('/')
    .map((segment) =>
      /^\{[^}]+\}$/.test(segment) ? `(?<${segment.slice(1, -1)}>[^/]+)` : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}$`);
}

const compiled = routeTable.map((route) => ({ route, pattern: compile(route.path) }));

/** Finds the route for a method and path, as API Gateway does for the route table. */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const candidates = compiled.filter(({ pattern }) => pattern.test(pathname));
  if (candidates.length === 0) return { kind: 'not-found' };
  // literal segments beat parameters, as in API Gateway
  const ranked = candidates
    .filter(({ route }) => route.method === method)
    .sort((a, b) => (a.route.path.match(/\{/g)?.length ?? 0) - (b.route.path.match(/\{/g)?.length ?? 0));
  const hit = ranked[0];
  if (!hit) return { kind: 'method-not-allowed', allowed: candidates.map(({ route }) => route.method) };
  const groups = hit.pattern.exec(pathname)?.groups ?? {};
  let pathParameters: Record<string, string>;
  try {
    pathParameters = Object.fromEntries(
      Object.entries(groups).map(([name, value]) => [name, decodeURIComponent(value)]),
    );
  } catch {
    return { kind: 'malformed-path' };
  }
  return { kind: 'matched', route: hit.route, pathParameters };
}

/** Builds an API Gateway HTTP API (payload format 2.0) event from a Node request. */
export function buildHttpApiEvent(input: {
  request: IncomingMessage;
  url: URL;
  body: Buffer;
  match: Extract<RouteMatch, { kind: 'matched' }>;
  claims?: Record<string, string>;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, url, body, match } = input;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  headers['x-forwarded-proto'] = 'http';
  const cookies = request.headers.cookie
    ?.split(';')
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const contentType = headers['content-type'] ?? '';
  const isText =
    body.length === 0 || /^(text\/|application\/([\w.+-]*json|xml|x-www-form-urlencoded))/i.test(contentType);
  const time = new Date();
  const routeKey = toRouteKey(match.route);
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: match.route.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: time.toUTCString(),
      timeEpoch: time.getTime(),
      // routes without JWT auth get no authorizer block, as on AWS
      ...(input.claims
        ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims, scopes: null } } }
        : {}),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

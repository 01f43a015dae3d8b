import { routeTable, type HttpMethod } from './route-table';

/**
 * CORS of the HTTP API, defined once: CDK configures API Gateway's preflight handling from it and the
 * local API server answers with the same headers. Origins are deployment configuration
 * (`trustflow:browserOrigins` in cdk.json), not part of this definition.
 */
export const apiCorsSettings = {
  allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
  exposeHeaders: ['location'],
  maxAgeSeconds: 600,
} as const;

/** Every method some route accepts, for the preflight answer. */
export function listCorsMethods(): HttpMethod[] {
  return [...new Set(routeTable.map((route) => route.method))];
}

/** The origin to echo in Access-Control-Allow-Origin, or undefined when the origin is not allowed. */
export function resolveAllowedOrigin(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): string | undefined {
  if (!origin) return undefined;
  if (allowedOrigins.includes('*')) return '*';
  return allowedOrigins.includes(origin) ? origin : undefined;
}

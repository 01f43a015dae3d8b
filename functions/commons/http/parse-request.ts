import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { badRequest, contentTooLarge, ProblemError, type InvalidParam } from './problem';

/** Bodies above this size are refused before parsing; no TrustFlow request body comes close. */
export const maxJsonBodyBytes = 256 * 1024;

/** Turns zod issues into named fields: `applicant.dateOfBirth: Invalid ISO date`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { detail: string; errors: InvalidParam[] } {
  const errors = issues.map((issue) => ({
    pointer: '/' + issue.path.map((segment) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('/'),
    detail: issue.message,
  }));
  const detail = issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
  return { detail, errors };
}

/**
 * Decodes, parses and validates a JSON request body. Every failure is a 4xx problem that says what is
 * wrong: no body, not JSON, too large, or which fields are invalid.
 */
export function parseJsonBody<Schema extends z.ZodType>(
  event: APIGatewayProxyEventV2,
  schema: Schema,
): z.output<Schema> {
  const contentType = event.headers?.['content-type'];
  if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new ProblemError(415, `Content-Type must be application/json, got ${contentType}`);
  }
  if (event.body === undefined || event.body === null || event.body === '') {
    throw badRequest('A JSON request body is required');
  }
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return parseJsonText(raw, schema);
}

/** Parses and validates JSON text (a body already read): too large, not JSON, or invalid fields are 4xx problems. */
export function parseJsonText<Schema extends z.ZodType>(raw: string, schema: Schema): z.output<Schema> {
  if (Buffer.byteLength(raw) > maxJsonBodyBytes) {
    throw contentTooLarge(`The request body exceeds ${maxJsonBodyBytes} bytes`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const { detail, errors } = describeIssues(result.error.issues);
    throw badRequest(detail, errors);
  }
  return result.data;
}

/** Reads a required path parameter, validated against a pattern of opaque ids. */
export function readPathParameter(event: APIGatewayProxyEventV2, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw badRequest(`Path parameter ${name} is not a valid identifier`, [
      { pointer: `#/path/${name}`, detail: 'expected 1-64 letters, digits, _ or -' },
    ]);
  }
  return value;
}

/** Validates the query string; unknown or invalid parameters are a 400 that names them. */
export function parseQueryParameters<Schema extends z.ZodType>(
  event: APIGatewayProxyEventV2,
  schema: Schema,
): z.output<Schema> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (!result.success) {
    const { errors } = describeIssues(result.error.issues);
    const named = errors.map((error) => ({ ...error, pointer: `#/query${error.pointer}` }));
    const detail = result.error.issues
      .map((issue) => `query parameter ${issue.path.join('.') || '(query)'}: ${issue.message}`)
      .join('; ');
    throw badRequest(detail, named);
  }
  return result.data;
}

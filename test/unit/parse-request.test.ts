import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { maxJsonBodyBytes, parseJsonBody, readPathParameter } from '../../functions/commons/http/parse-request';
import { ProblemError } from '../../functions/commons/http/problem';

const schema = z.object({ person: z.object({ name: z.string().min(1), age: z.number().int() }) });

function event(
  body: string | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  extra: Partial<APIGatewayProxyEventV2> = {},
) {
  return { headers, body, isBase64Encoded: false, ...extra } as APIGatewayProxyEventV2;
}

function problemOf(action: () => unknown): ProblemError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a ProblemError');
}

describe('parseJsonBody', () => {
  it('returns the validated body, base64 included', () => {
    // Prepare
    const body = JSON.stringify({ person: { name: 'Ana', age: 36 } });

    // Act
    const plain = parseJsonBody(event(body), schema);
    const encoded = parseJsonBody(
      event(Buffer.from(body).toString('base64'), undefined, { isBase64Encoded: true }),
      schema,
    );

    // Assess
    expect(plain).toEqual({ person: { name: 'Ana', age: 36 } });
    expect(encoded).toEqual(plain);
  });

  it('names every invalid field with its dotted path and JSON pointer', () => {
    // Act
    const problem = problemOf(() => parseJsonBody(event(JSON.stringify({ person: { name: '', age: 1.5 } })), schema));

    // Assess
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(/^person\.name: .+; person\.age: .+$/);
    expect(problem.extensions.errors?.map((error) => error.pointer)).toEqual(['/person/name', '/person/age']);
  });

  it.each([
    ['no body', event(undefined), 400, /body is required/],
    ['broken JSON', event('{"person":'), 400, /not valid JSON/],
    ['a form body', event('a=1', { 'content-type': 'application/x-www-form-urlencoded' }), 415, /application\/json/],
    ['a huge body', event(JSON.stringify({ pad: 'x'.repeat(maxJsonBodyBytes) })), 413, /exceeds/],
  ])('refuses %s', (_label, input, status, detail) => {
    const problem = problemOf(() => parseJsonBody(input, schema));
    expect(problem.status).toBe(status);
    expect(problem.detail).toMatch(detail);
  });
});

describe('readPathParameter', () => {
  it('accepts opaque ids and refuses anything else with 400', () => {
    expect(readPathParameter(event(undefined, {}, { pathParameters: { caseId: 'kyc_abc-1' } }), 'caseId')).toBe(
      'kyc_abc-1',
    );
    expect(
      problemOf(() => readPathParameter(event(undefined, {}, { pathParameters: { caseId: '../x' } }), 'caseId')).status,
    ).toBe(400);
    expect(problemOf(() => readPathParameter(event(undefined, {}, {}), 'caseId')).status).toBe(400);
  });
});

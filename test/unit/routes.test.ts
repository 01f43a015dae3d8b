import SwaggerParser from '@apidevtools/swagger-parser';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument, routeDocumentation } from '../../functions/api/openapi-document';
import { routeTable, toRouteKey } from '../../functions/commons/http/route-table';
import { functionCatalog, listFunctions } from '../../functions/function-catalog';
import { matchRoute } from '../../infra/local/api-gateway-event';

describe('route table', () => {
  it('points every route at a catalogue function whose entry module exists', () => {
    for (const route of routeTable) {
      const definition = functionCatalog[route.function];
      expect(definition).toBeDefined();
      expect(existsSync(path.join(__dirname, '..', '..', definition.entry))).toBe(true);
    }
    for (const definition of listFunctions())
      expect(existsSync(path.join(__dirname, '..', '..', definition.entry))).toBe(true);
  });

  it('gives every JWT route at least one role and no role to other routes', () => {
    for (const route of routeTable) expect(route.roles.length > 0).toBe(route.auth === 'jwt');
  });

  it('has documentation for exactly the routes in the table', () => {
    expect(Object.keys(routeDocumentation).sort()).toEqual(routeTable.map(toRouteKey).sort());
  });
});

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    // Prepare
    const document = buildOpenApiDocument('https://api.example.com');

    // Act / Assess: validates against the OpenAPI 3.1 schema and resolves every $ref
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('describes every route with its security and problem responses', () => {
    // Act
    const document = buildOpenApiDocument('https://api.example.com');

    // Assess
    expect(document.openapi).toBe('3.1.0');
    for (const route of routeTable) {
      const operation = (document.paths as Record<string, Record<string, any>>)[route.path]?.[
        route.method.toLowerCase()
      ];
      expect(operation).toBeDefined();
      expect(operation.security).toEqual(route.auth === 'jwt' ? [{ bearer: [] }] : []);
    }
    const createCase = (document.paths as any)['/kyc/cases'].post;
    expect(createCase.responses['400'].content['application/problem+json']).toBeDefined();
    expect(createCase.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateKycCase',
    });
  });
});

describe('matchRoute', () => {
  it('matches path templates and extracts decoded parameters', () => {
    expect(matchRoute('GET', '/kyc/cases/kyc_1')).toMatchObject({
      kind: 'matched',
      route: { path: '/kyc/cases/{caseId}' },
      pathParameters: { caseId: 'kyc_1' },
    });
    expect(matchRoute('POST', '/kyc/cases/kyc_1/documents')).toMatchObject({
      kind: 'matched',
      pathParameters: { caseId: 'kyc_1' },
    });
  });

  it('tells unknown paths from unsupported methods', () => {
    expect(matchRoute('GET', '/nowhere')).toEqual({ kind: 'not-found' });
    expect(matchRoute('DELETE', '/kyc/cases')).toEqual({ kind: 'method-not-allowed', allowed: ['POST'] });
  });
});

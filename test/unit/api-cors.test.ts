import { listCorsMethods, resolveAllowedOrigin } from '../../functions/commons/http/api-cors';
import { routeTable } from '../../functions/commons/http/route-table';

describe('API CORS', () => {
  it('allows every method the route table uses, once each', () => {
    // Act
    const methods = listCorsMethods();

    // Assess
    expect(new Set(methods).size).toBe(methods.length);
    for (const route of routeTable) expect(methods).toContain(route.method);
  });

  it('echoes listed origins, answers * for a wildcard and nothing for others', () => {
    expect(resolveAllowedOrigin('https://app.example.com', ['https://app.example.com'])).toBe(
      'https://app.example.com',
    );
    expect(resolveAllowedOrigin('https://evil.example', ['https://app.example.com'])).toBeUndefined();
    expect(resolveAllowedOrigin('https://any.example', ['*'])).toBe('*');
    expect(resolveAllowedOrigin(undefined, ['*'])).toBeUndefined();
  });
});

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { parseQueryParameters } from '../../../functions/commons/http/parse-request';
import { ProblemError } from '../../../functions/commons/http/problem';
import { ledgerInvariantsQuerySchema } from '../../../functions/orders/usecases/check-ledger-invariants';

function parse(query: Record<string, string> | undefined) {
  const event = { queryStringParameters: query } as unknown as APIGatewayProxyEventV2;
  return parseQueryParameters(event, ledgerInvariantsQuerySchema);
}

function detailOf(query: Record<string, string> | undefined): string {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 400) return error.detail;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('GET /admin/ledger/invariants query', () => {
  it('takes a party with an optional limit, or a list of order ids', () => {
    expect(parse({ partyId: 'party_1' })).toEqual({ partyId: 'party_1' });
    expect(parse({ partyId: 'party_1', limit: '5' })).toEqual({ partyId: 'party_1', limit: 5 });
    expect(parse({ orderId: 'order_1,order_2' })).toEqual({ orderId: 'order_1,order_2' });
  });

  it('refuses anything else with a detail that names the parameter', () => {
    expect(detailOf(undefined)).toBe(
      'query parameter (query): give exactly one of partyId or orderId; the whole table is never scanned',
    );
    expect(detailOf({ partyId: 'p', orderId: 'o' })).toMatch(/exactly one of partyId or orderId/);
    expect(detailOf({ partyId: 'party 1' })).toBe(
      'query parameter partyId: must be a party id (1-64 letters, digits, _ or -)',
    );
    expect(detailOf({ orderId: 'order_1,,bad id' })).toBe(
      'query parameter orderId: "", "bad id" are not order ids (1-64 letters, digits, _ or -)',
    );
    expect(detailOf({ orderId: Array.from({ length: 101 }, (_, i) => `order_${i}`).join(',') })).toBe(
      'query parameter orderId: names 101 orders; at most 100 are checked at once',
    );
    expect(detailOf({ partyId: 'party_1', limit: '0' })).toBe('query parameter limit: must be at least 1');
    expect(detailOf({ orderId: 'order_1', limit: '5' })).toBe('query parameter limit: is only allowed with partyId');
    expect(detailOf({ partyId: 'party_1', status: 'OPEN' })).toMatch(/status/);
  });
});

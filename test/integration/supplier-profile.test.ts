import { callApi, suiteStack } from './support/api-client';

const { credentials } = suiteStack();
const { apiUrl, tokens, parties } = credentials;

describe('GET /suppliers/{supplierId}/profile', () => {
  it('shows the seeded demo supplier as verified and qualified, from six months of completed orders', async () => {
    // Act
    const response = await callApi(apiUrl, 'GET', `/suppliers/${parties.supplier}/profile`, { token: tokens.client });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      supplierId: parties.supplier,
      verified: true,
      tradeAssurance: { enrolled: true, qualified: true, currency: 'USD', reserved: 0 },
      last12Months: { transactions: 24 },
    });
    expect(response.body.tradeAssurance.limit).toBeGreaterThan(0);
    expect(response.body.tradeAssurance.available).toBe(response.body.tradeAssurance.limit);
    expect(response.body.responseRate).toBe(1);
  });

  it('answers 404 for a party that is not a supplier, and 401 without a token', async () => {
    // Act
    const unknown = await callApi(apiUrl, 'GET', '/suppliers/party_nobody/profile', { token: tokens.reviewer });
    const anonymous = await callApi(apiUrl, 'GET', `/suppliers/${parties.supplier}/profile`);

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/party_nobody/);
    expect(anonymous.status).toBe(401);
  });
});

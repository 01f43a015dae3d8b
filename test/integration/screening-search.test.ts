import { callApi, suiteStack } from './support/api-client';

const { credentials } = suiteStack();
const { apiUrl, tokens } = credentials;

describe('POST /screening/search', () => {
  it('finds a listed person from a misspelt name and explains the hit', async () => {
    // Act
    const response = await callApi(apiUrl, 'POST', '/screening/search', {
      token: tokens.reviewer,
      body: { name: 'Vladimir Poutin', type: 'PERSON', dateOfBirth: '1952-10-07' },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.listVersion).toMatch(/^ofac-sdn@.+\+ofac-cons@.+\+un@.+\+bis-dpl@.+$/);
    expect(response.body.threshold).toBe(0.7);
    const [top] = response.body.hits;
    expect(top.matchedName).toMatch(/PUTIN, Vladimir/);
    expect(top.lists).toEqual(['OFAC-SDN']);
    expect(top.programs.length).toBeGreaterThan(0);
    expect(top.score).toBeGreaterThanOrEqual(0.7);
    expect(top.explanation.map((feature: { feature: string }) => feature.feature)).toEqual(
      expect.arrayContaining(['NAME', 'DATE_OF_BIRTH']),
    );
    expect(top.explanation[0].detail).toMatch(/poutin~putin spelling/);
  });

  it('returns hits sorted by score, cut at the threshold unless includeBelowThreshold is set', async () => {
    // Act
    const cut = await callApi(apiUrl, 'POST', '/screening/search', {
      token: tokens.admin,
      body: { name: 'Olaf Putin', limit: 20 },
    });
    const all = await callApi(apiUrl, 'POST', '/screening/search', {
      token: tokens.admin,
      body: { name: 'Olaf Putin', limit: 20, includeBelowThreshold: true },
    });

    // Assess
    expect(cut.status).toBe(200);
    expect(all.status).toBe(200);
    const scores = (hits: Array<{ score: number }>): number[] => hits.map((hit) => hit.score);
    expect(scores(all.body.hits)).toEqual([...scores(all.body.hits)].sort((a, b) => b - a));
    expect(scores(cut.body.hits).every((score) => score >= 0.7)).toBe(true);
    expect(scores(all.body.hits).some((score) => score < 0.7)).toBe(true);
    expect(all.body.hits.map((hit: { matchedName: string }) => hit.matchedName)).toContain(
      'PUTIN, Vladimir Vladimirovich',
    );
    expect(all.body.hits.length).toBeLessThanOrEqual(20);
  });

  it('answers an unlisted name with no hits', async () => {
    // Act
    const response = await callApi(apiUrl, 'POST', '/screening/search', {
      token: tokens.reviewer,
      body: { name: 'Zxqv Plorthan' },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.hits).toEqual([]);
  });

  it('refuses a bad request with a problem naming each field', async () => {
    // Act
    const response = await callApi(apiUrl, 'POST', '/screening/search', {
      token: tokens.reviewer,
      body: { name: '  ', type: 'COMPANY', dateOfBirth: '1952-13-40', country: 'XX', limit: 500, fuzzy: true },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const pointers = response.body.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/name', '/type', '/dateOfBirth', '/country', '/limit', '/']));
    expect(response.body.detail).toMatch(/fuzzy/);
  });

  it('is for reviewers and admins only', async () => {
    // Act
    const asClient = await callApi(apiUrl, 'POST', '/screening/search', {
      token: tokens.client,
      body: { name: 'Vladimir Putin' },
    });
    const anonymous = await callApi(apiUrl, 'POST', '/screening/search', { body: { name: 'Vladimir Putin' } });

    // Assess
    expect(asClient.status).toBe(403);
    expect(anonymous.status).toBe(401);
  });
});

import {
  flattenMonitoredNames,
  monitoringReasonsOf,
  type MonitoredParty,
} from '../../../../functions/screening/models/monitored-party';

describe('monitoringReasonsOf', () => {
  it.each<[string, number, string[]]>([
    ['APPROVED', 0, ['APPROVED']],
    ['PENDING', 0, ['PENDING']],
    ['APPROVED', 2, ['APPROVED', 'OPEN_ORDERS']],
    ['PENDING', 1, ['PENDING', 'OPEN_ORDERS']],
    ['SUSPENDED', 1, ['OPEN_ORDERS']],
    ['REJECTED', 3, ['OPEN_ORDERS']],
    ['NONE', 1, ['OPEN_ORDERS']],
  ])('monitors a party %s with %i open order(s) for %j', (standing, openOrders, reasons) => {
    // Act
    const result = monitoringReasonsOf(standing, openOrders);

    // Assess
    expect(result).toEqual(reasons);
  });

  it.each(['SUSPENDED', 'REJECTED', 'NONE', 'LAPSED', 'approved'])(
    'does not monitor a party %s with no open order',
    (standing) => {
      // Act
      const result = monitoringReasonsOf(standing, 0);

      // Assess
      expect(result).toEqual([]);
    },
  );
});

describe('flattenMonitoredNames', () => {
  it('gives every name of every party one line, with its party, in order', () => {
    // Prepare
    const parties: MonitoredParty[] = [
      {
        partyId: 'party_a',
        names: [
          { partyRef: 'applicant', role: 'COMPANY', query: { name: 'Acme Trading Ltd', type: 'ORGANIZATION' } },
          {
            partyRef: 'representatives/0',
            role: 'DIRECTOR',
            query: { name: 'Jane Doe', type: 'PERSON', dateOfBirth: '1970-01-02', country: 'GB' },
          },
        ],
        reasons: ['APPROVED'],
        caseId: 'case_1',
        updatedAt: '2026-12-01T00:00:00.000Z',
      },
      { partyId: 'party_empty', names: [], reasons: ['OPEN_ORDERS'], updatedAt: '2026-12-01T00:00:00.000Z' },
      {
        partyId: 'party_b',
        names: [{ partyRef: 'applicant', role: 'INDIVIDUAL', query: { name: 'John Roe', identifiers: ['X1234567'] } }],
        reasons: ['PENDING', 'OPEN_ORDERS'],
        updatedAt: '2026-12-02T00:00:00.000Z',
      },
    ];

    // Act
    const lines = flattenMonitoredNames(parties);

    // Assess
    expect(lines).toEqual([
      {
        partyId: 'party_a',
        partyRef: 'applicant',
        role: 'COMPANY',
        query: { name: 'Acme Trading Ltd', type: 'ORGANIZATION' },
      },
      {
        partyId: 'party_a',
        partyRef: 'representatives/0',
        role: 'DIRECTOR',
        query: { name: 'Jane Doe', type: 'PERSON', dateOfBirth: '1970-01-02', country: 'GB' },
      },
      {
        partyId: 'party_b',
        partyRef: 'applicant',
        role: 'INDIVIDUAL',
        query: { name: 'John Roe', identifiers: ['X1234567'] },
      },
    ]);
  });

  it('gives no line for no parties', () => {
    // Act
    const lines = flattenMonitoredNames([]);

    // Assess
    expect(lines).toEqual([]);
  });
});

import { describeCaseParty } from '../../../../functions/kyc/models/case-party-facts';
import { kycOutcomeUpdate } from '../../../../functions/kernel/parties/repositories/party-repository';
import { businessCaseRequest, individualCaseRequest } from '../../../fixtures/kyc-requests';
import type { KycCase } from '../../../../functions/kyc/models/kyc-case';

describe('describeCaseParty', () => {
  it('places a person where they live, not where their passport is from', () => {
    // Prepare
    const request = individualCaseRequest({ nationality: 'SE', countryOfResidence: 'DE', fullName: 'Ebba Lind' });

    // Act
    const facts = describeCaseParty(request as unknown as KycCase);

    // Assess
    expect(facts).toEqual({ partyType: 'INDIVIDUAL', displayName: 'Ebba Lind', country: 'DE' });
  });

  it('places a company where it is incorporated, under its legal name', () => {
    // Act
    const facts = describeCaseParty(businessCaseRequest() as unknown as KycCase);

    // Assess
    expect(facts).toEqual({ partyType: 'BUSINESS', displayName: 'Shenzhen Bright Tools Co., Ltd.', country: 'CN' });
  });
});

describe('kycOutcomeUpdate', () => {
  const store = { db: undefined as never, tableName: 't' };
  const outcome = { partyId: 'party_1', caseId: 'kyc_1', at: '2026-12-01T00:00:00.000Z' };

  it('records the facts with an approval, in the same update as the standing', () => {
    // Act
    const { Update } = kycOutcomeUpdate(store, {
      ...outcome,
      status: 'APPROVED',
      automatic: true,
      facts: { country: 'DE', displayName: 'Ebba Lind', partyType: 'INDIVIDUAL' },
    });

    // Assess
    expect(Update.UpdateExpression).toContain('kycStatus = :status');
    expect(Update.UpdateExpression).toContain('country = :country');
    expect(Update.ExpressionAttributeValues).toMatchObject({
      ':status': 'APPROVED',
      ':country': 'DE',
      ':displayName': 'Ebba Lind',
      ':partyType': 'INDIVIDUAL',
    });
  });

  it('leaves the facts alone on a rejection', () => {
    // Act
    const { Update } = kycOutcomeUpdate(store, { ...outcome, status: 'REJECTED', automatic: false });

    // Assess
    expect(Update.UpdateExpression).not.toContain('country');
    expect(Update.ExpressionAttributeValues).not.toHaveProperty(':country');
  });
});

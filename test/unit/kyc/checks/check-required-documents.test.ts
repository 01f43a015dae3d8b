import { checkRequiredDocuments } from '../../../../functions/kyc/checks/check-required-documents';
import {
  brightToolsDocuments,
  businessInput,
  erikaPassport,
  erikaUtilityBill,
  individualInput,
  uploaded,
} from './check-fixtures';

describe('checkRequiredDocuments', () => {
  it('passes when every requirement has a readable document of an accepted type', () => {
    // Prepare
    const input = individualInput([erikaPassport(), erikaUtilityBill()]);
    // Act
    const result = checkRequiredDocuments(input);
    // Assess
    expect(result).toEqual({
      checkId: 'REQUIRED_DOCUMENTS_PRESENT',
      outcome: 'PASS',
      reason: 'All 2 required documents are uploaded and readable: IDENTITY_DOCUMENT, PROOF_OF_ADDRESS',
      documentIds: ['doc-passport', 'doc-bill'],
      evidence: { IDENTITY_DOCUMENT: 'doc-passport', PROOF_OF_ADDRESS: 'doc-bill' },
    });
  });

  it('accepts a driving licence as the identity document', () => {
    // Prepare
    const licence = uploaded('doc-dl', 'DRIVERS_LICENSE', { fullName: 'ERIKA MUSTERMANN' });
    // Act
    const result = checkRequiredDocuments(individualInput([licence, erikaUtilityBill()]));
    // Assess
    expect(result.outcome).toBe('PASS');
  });

  it('asks for missing and unreadable documents, telling one from the other', () => {
    // Prepare
    const blurred = uploaded('doc-passport', 'PASSPORT', {}, { unreadableReason: 'no date of birth could be read' });
    // Act
    const result = checkRequiredDocuments(individualInput([blurred]));
    // Assess
    expect(result.outcome).toBe('INCOMPLETE');
    expect(result.reason).toBe(
      '2 of 2 required documents are missing or unreadable: IDENTITY_DOCUMENT is unreadable: no date of birth could be read; PROOF_OF_ADDRESS is missing',
    );
    expect(result.requests).toEqual([
      {
        requirement: 'IDENTITY_DOCUMENT',
        acceptedTypes: ['PASSPORT', 'NATIONAL_ID', 'DRIVERS_LICENSE'],
        reason: 'unreadable: no date of birth could be read',
      },
      { requirement: 'PROOF_OF_ADDRESS', acceptedTypes: ['PROOF_OF_ADDRESS'], reason: 'missing' },
    ]);
    expect(result.documentIds).toEqual(['doc-passport']);
  });

  it('is satisfied by a readable re-upload beside the unreadable first one', () => {
    // Prepare
    const blurred = uploaded('doc-old', 'PASSPORT', {}, { unreadableReason: 'no surname could be read' });
    // Act
    const result = checkRequiredDocuments(individualInput([blurred, erikaPassport(), erikaUtilityBill()]));
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.evidence).toMatchObject({ IDENTITY_DOCUMENT: 'doc-passport' });
  });

  it('counts rejected and pending uploads as missing, and an upload never read as unreadable', () => {
    // Prepare
    const rejected = { ...erikaPassport(), status: 'REJECTED' as const };
    const pending = { ...erikaUtilityBill(), status: 'PENDING_UPLOAD' as const };
    const notRead = { documentId: 'doc-x', type: 'PASSPORT' as const, status: 'UPLOADED' as const };
    // Act
    const withRejected = checkRequiredDocuments(individualInput([rejected, pending]));
    const withNotRead = checkRequiredDocuments(individualInput([notRead, erikaUtilityBill()]));
    // Assess
    expect(withRejected.requests?.map((r) => r.reason)).toEqual(['missing', 'missing']);
    expect(withNotRead.requests).toEqual([
      expect.objectContaining({ requirement: 'IDENTITY_DOCUMENT', reason: 'unreadable: it has not been read' }),
    ]);
  });

  it('requires the company records of a business, and financial statements for HIGH_VALUE', () => {
    // Prepare
    const input = businessInput(brightToolsDocuments(), 'HIGH_VALUE');
    // Act
    const result = checkRequiredDocuments(input);
    // Assess
    expect(result.outcome).toBe('INCOMPLETE');
    expect(result.requests).toEqual([
      { requirement: 'FINANCIAL_STATEMENT', acceptedTypes: ['FINANCIAL_STATEMENT'], reason: 'missing' },
    ]);
    expect(result.reason).toMatch(/^1 of 5 required documents/);
  });

  it('does not require identity documents of a company’s representatives', () => {
    // Prepare / Act
    const result = checkRequiredDocuments(businessInput(brightToolsDocuments()));
    // Assess
    expect(result.outcome).toBe('PASS');
  });

  it('does not apply to a case that requires no documents', () => {
    // Prepare
    const input = individualInput([erikaPassport()]);
    input.kycCase = { ...input.kycCase, requiredDocuments: [] };
    // Act
    const result = checkRequiredDocuments(input);
    // Assess
    expect(result).toMatchObject({ outcome: 'NOT_APPLICABLE', reason: 'The case requires no documents' });
  });
});

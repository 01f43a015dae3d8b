import { checkAddressMatches } from '../../../../functions/kyc/checks/check-address-matches';
import { addressShows, normaliseAddressText } from '../../../../functions/kyc/checks/compare-addresses';
import { documentQueries } from '../../../../functions/kyc/extraction/document-queries';
import { normaliseBusinessDocument } from '../../../../functions/kyc/extraction/normalise-business-document';
import { analyzeDocumentResponse } from '../extraction/textract-fixtures';
import {
  NOW,
  brightToolsDocuments,
  businessInput,
  erikaUtilityBill,
  individualInput,
  uploaded,
} from './check-fixtures';

const home = { line1: 'Heidestr. 17', postalCode: '51147', city: 'Köln', country: 'DE' };

describe('checkAddressMatches', () => {
  it('passes a bill that shows the given street and postcode, whatever their spelling', () => {
    // Act
    const result = checkAddressMatches(
      individualInput([erikaUtilityBill({ address: 'HEIDESTRASSE 17, 51 147 KOELN, Germany' })], {
        applicant: { residentialAddress: home },
      }),
    );

    // Assess
    expect(result).toMatchObject({ checkId: 'ADDRESS_MATCHES', outcome: 'PASS', documentIds: ['doc-bill'] });
    expect(result.reason).toMatch(/shows the residential address/);
  });

  it('fails a bill at another address, naming what differs, so that a reviewer looks', () => {
    // Act
    const result = checkAddressMatches(
      individualInput([erikaUtilityBill({ address: 'Hauptstraße 5, 80331 München' })], {
        applicant: { residentialAddress: home },
      }),
    );

    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toMatch(/does not show the street "Heidestr\. 17" and does not show the postcode 51147/);
  });

  it('fails a bill from another country of residence, even without a residential address given', () => {
    // Act
    const result = checkAddressMatches(
      individualInput([erikaUtilityBill({ address: '12 Rue de la Paix, 75002 Paris, France' })]),
    );

    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toMatch(/does not show the country of residence DE/);
  });

  it('accepts a domestic bill that names no country by its postcode, and a house number must agree', () => {
    // Act
    const domestic = checkAddressMatches(
      individualInput([erikaUtilityBill({ address: 'Heidestraße 17, 51147 Köln' })]),
    );
    const otherHouse = checkAddressMatches(
      individualInput([erikaUtilityBill({ address: 'Heidestraße 71, 51147 Köln' })], {
        applicant: { residentialAddress: home },
      }),
    );

    // Assess
    expect(domestic.outcome).toBe('PASS');
    expect(otherHouse.outcome).toBe('FAIL');
  });

  it('asks for the bill again when its address cannot be read', () => {
    // Act
    const result = checkAddressMatches(
      individualInput([erikaUtilityBill({ address: ['H?id?st', 20] })], {
        applicant: { residentialAddress: home },
      }),
    );

    // Assess
    expect(result).toMatchObject({
      outcome: 'INCOMPLETE',
      requests: [{ requirement: 'PROOF_OF_ADDRESS', reason: 'unreadable: no address could be read' }],
    });
  });

  it('does not apply to companies', () => {
    // Assess
    expect(checkAddressMatches(businessInput(brightToolsDocuments())).outcome).toBe('NOT_APPLICABLE');
  });
});

describe('address comparison', () => {
  it.each([
    ['Lindenstr. 12', 'LINDENSTRASSE 12, 10969 BERLIN', true],
    ['Lindenstraße 12', 'Lindenstrasse 12', true],
    ['221B Baker St', '221b Baker Street, London NW1 6XE', true],
    ['221B Baker St', '221 Baker Street, London', false],
    ['Rua Augusta 100', 'Rua Augusta, 100 - Lisboa', true],
  ])('%s in "%s": %s', (line1, found, expected) => {
    // Assess
    expect(addressShows(found, { line1 }).street).toBe(expected);
  });

  it('spells out street types and folds accents', () => {
    // Assess
    expect(normaliseAddressText('Ave. des Champs-Élysées')).toBe('avenue des champs elysees');
  });

  it('finds a postcode with or without its space', () => {
    // Assess
    expect(addressShows('London NW16XE', { line1: 'London', postalCode: 'NW1 6XE' }).postcode).toBe(true);
    expect(addressShows('London NW1 6XF', { line1: 'London', postalCode: 'NW1 6XE' }).postcode).toBe(false);
  });
});

describe('ADDRESS_MATCHES on what Textract reads', () => {
  it("matches the applicant's address from an AnalyzeDocument answer, and tells another one apart", () => {
    // Prepare: Textract's QUERIES answers for two bills, as AnalyzeDocument returns them
    const billAt = (address: string) => {
      const response = analyzeDocumentResponse({
        queries: [
          { alias: 'ADDRESS', text: 'What is the address?', answers: [{ text: address, confidence: 91 }] },
          {
            alias: 'STATEMENT_DATE',
            text: 'What is the statement date?',
            answers: [{ text: '2026-03-01', confidence: 95 }],
          },
        ],
      });
      const extraction = normaliseBusinessDocument(response, documentQueries.PROOF_OF_ADDRESS ?? [], {
        documentType: 'PROOF_OF_ADDRESS',
        now: NOW,
      });
      return uploaded('doc-bill', 'PROOF_OF_ADDRESS', {
        address: [extraction.fields.address!.value, extraction.fields.address!.confidence],
      });
    };

    // Act
    const same = checkAddressMatches(
      individualInput([billAt('Heidestraße 17\n51147 Köln')], { applicant: { residentialAddress: home } }),
    );
    const other = checkAddressMatches(
      individualInput([billAt('Domstraße 2\n50668 Köln')], { applicant: { residentialAddress: home } }),
    );

    // Assess
    expect(same.outcome).toBe('PASS');
    expect(other.outcome).toBe('FAIL');
  });
});

import type { CheckResult } from '../models/case-assessment';
import { concludeCheck, startFindings } from './check-findings';
import {
  describeDocument,
  explainAbsence,
  findReadableDocuments,
  individualApplicantOf,
  requestDocument,
  trustedValue,
  type DocumentCheckInput,
} from './check-input';
import { addressHasPostcodeOf, addressNamesAnyCountry, addressNamesCountry, addressShows } from './compare-addresses';

/**
 * ADDRESS_MATCHES (DESIGN, "Address verification"): an individual's proof of address shows the country of
 * residence (by name, or, when it names no country, by a postcode in that country's format) and, when the applicant gave a `residentialAddress`, the same street line and postcode, tolerant
 * of format ("Lindenstr. 12" = "LINDENSTRASSE 12"). That the document names the applicant is NAME_MATCHES's
 * part. A document whose address could not be read is asked for again (INCOMPLETE); an address that differs
 * FAILs, which sends the case to a reviewer. One matching proof of address is enough. NOT_APPLICABLE to
 * companies and to cases without a readable proof of address (PROOF_OF_ADDRESS_RECENT asks for a missing one).
 */
export function checkAddressMatches(input: DocumentCheckInput): CheckResult {
  const { kycCase, documents, settings } = input;
  const applicant = individualApplicantOf(kycCase);
  const findings = startFindings();
  if (!applicant) {
    return concludeCheck('ADDRESS_MATCHES', findings, {
      outcome: 'NOT_APPLICABLE',
      reason: "A company's address is checked against its registration documents",
    });
  }
  const residence = applicant.countryOfResidence;
  const given = applicant.residentialAddress;
  const problems: string[] = [];
  for (const document of findReadableDocuments(documents, ['PROOF_OF_ADDRESS'])) {
    const name = describeDocument(document);
    findings.documentIds.push(document.documentId);
    const address = trustedValue(document, 'address', settings);
    if (!address) {
      findings.evidence[document.documentId] = 'no address read';
      findings.gaps.push({
        reason: `no address could be read on ${name}`,
        request: requestDocument(kycCase, 'PROOF_OF_ADDRESS', 'unreadable: no address could be read'),
      });
      continue;
    }
    findings.evidence[document.documentId] = address;
    const differences: string[] = [];
    // a domestic bill rarely prints its own country: one that names none shows it by its postcode's format
    const showsResidence =
      addressNamesCountry(address, residence) ||
      (!addressNamesAnyCountry(address) && addressHasPostcodeOf(address, residence));
    if (!showsResidence) differences.push(`does not show the country of residence ${residence}`);
    if (given) {
      const shown = addressShows(address, given);
      if (!shown.street) differences.push(`does not show the street "${given.line1}"`);
      if (shown.postcode === false) differences.push(`does not show the postcode ${given.postalCode}`);
    }
    if (differences.length) problems.push(`${name}, "${address}", ${differences.join(' and ')}`);
    else
      findings.passes.push(`${name} shows the ${given ? 'residential address' : `country of residence ${residence}`}`);
  }
  // one matching proof of address is enough; an unreadable one beside it need not be asked for again
  if (findings.passes.length) findings.gaps = [];
  else findings.failures.push(...problems);
  return concludeCheck('ADDRESS_MATCHES', findings, {
    outcome: 'NOT_APPLICABLE',
    reason: `No readable proof of address to compare (${explainAbsence(documents, ['PROOF_OF_ADDRESS'])})`,
  });
}

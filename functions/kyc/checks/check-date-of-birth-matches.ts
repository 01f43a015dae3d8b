import { identityDocumentTypes } from '../extraction/document-queries';
import type { CheckResult } from '../models/case-assessment';
import { concludeCheck, startFindings } from './check-findings';
import {
  businessApplicantOf,
  describeDocument,
  findReadableDocuments,
  individualApplicantOf,
  missingApplicantIdentity,
  requestDocument,
  trustedValue,
  type DocumentCheckInput,
} from './check-input';
import { comparePersonNames } from './compare-names';

/**
 * DATE_OF_BIRTH_MATCHES: the date of birth on every identity document is the applicant's (individual),
 * or that of the listed representative the document names (company). Dates must be equal: unlike a name,
 * a date has no harmless variants. A company's identity document that names no representative is left to
 * NAME_MATCHES, which fails it.
 */
export function checkDateOfBirthMatches(input: DocumentCheckInput): CheckResult {
  const { kycCase, documents, settings } = input;
  const findings = startFindings();
  const individual = individualApplicantOf(kycCase);
  const business = businessApplicantOf(kycCase);
  const identityDocuments = findReadableDocuments(documents, identityDocumentTypes);

  for (const document of identityDocuments) {
    const name = describeDocument(document);
    findings.documentIds.push(document.documentId);
    const found = trustedValue(document, 'dateOfBirth', settings);
    if (!found) {
      findings.evidence[document.documentId] = 'no date of birth read';
      findings.gaps.push({
        reason: `no date of birth could be read on ${name}`,
        request: requestDocument(kycCase, document.type, 'unreadable: no date of birth could be read'),
      });
      continue;
    }
    if (individual) {
      findings.evidence[document.documentId] = found;
      findings.evidence.applicant = individual.dateOfBirth;
      if (found === individual.dateOfBirth)
        findings.passes.push(`${name} gives the applicant's date of birth ${found}`);
      else
        findings.failures.push(`${name} gives ${found} as the date of birth, the applicant ${individual.dateOfBirth}`);
      continue;
    }
    if (!business) continue;
    const documentName = trustedValue(document, 'fullName', settings) ?? '';
    const surname = trustedValue(document, 'surname', settings);
    const named = business.representatives.filter(
      (person) => documentName && comparePersonNames(person.fullName, documentName, { surname }).matches,
    );
    if (!named.length) {
      findings.evidence[document.documentId] = `${found}; names no representative`;
      continue;
    }
    const person = named.find((p) => p.dateOfBirth === found);
    findings.evidence[document.documentId] = `${found}; declared ${named.map((p) => p.dateOfBirth).join(' or ')}`;
    if (person) findings.passes.push(`${name} gives ${person.fullName}'s date of birth ${found}`);
    else {
      const declared = named.map((p) => `${p.fullName} ${p.dateOfBirth}`).join(', ');
      findings.failures.push(`${name} gives ${found} as the date of birth, the case declares ${declared}`);
    }
  }

  return concludeCheck(
    'DATE_OF_BIRTH_MATCHES',
    findings,
    individual
      ? missingApplicantIdentity(kycCase, documents)
      : { outcome: 'NOT_APPLICABLE', reason: 'No identity document of a listed representative was read' },
  );
}

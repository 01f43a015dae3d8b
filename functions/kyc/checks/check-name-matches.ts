import { identityDocumentTypes } from '../extraction/document-queries';
import type { CheckResult } from '../models/case-assessment';
import { concludeCheck, startFindings, type CheckFindings } from './check-findings';
import {
  businessApplicantOf,
  describeDocument,
  explainAbsence,
  findReadableDocuments,
  individualApplicantOf,
  requestDocument,
  trustedValue,
  type DocumentCheckInput,
  type ReadableDocument,
} from './check-input';
import { compareCompanyNames, comparePersonNames, type NameComparison } from './compare-names';

// Joint accounts print both holders: "John Smith & Mary Smith", "J Smith and M Smith".
const JOINT_HOLDERS = /\s+(?:&|and|\+)\s+|\s*\/\s*/i;

function bestOf(comparisons: readonly NameComparison[]): NameComparison | undefined {
  const rank = { EXACT: 0, TOLERATED: 1, DIFFERENT: 2 };
  return [...comparisons].sort((a, b) => rank[a.verdict] - rank[b.verdict])[0];
}

function record(
  findings: CheckFindings,
  document: ReadableDocument,
  found: string,
  expected: string,
  comparison: NameComparison,
): void {
  const name = describeDocument(document);
  const notes = comparison.notes.length ? ` (${comparison.notes.join('; ')})` : '';
  findings.evidence[document.documentId] = `${comparison.verdict}: "${found}"${notes}`;
  if (comparison.matches) findings.passes.push(`the name on ${name} matches ${expected}${notes}`);
  else findings.failures.push(`the name on ${name}, "${found}", does not match ${expected}${notes}`);
}

function nameGap(findings: CheckFindings, input: DocumentCheckInput, document: ReadableDocument, what: string): void {
  findings.evidence[document.documentId] = `no ${what} read`;
  findings.gaps.push({
    reason: `no ${what} could be read on ${describeDocument(document)}`,
    request: requestDocument(input.kycCase, document.type, `unreadable: no ${what} could be read`),
  });
}

/**
 * NAME_MATCHES: the names on the documents agree with the applicant. For an individual, every identity
 * document and the proof of address (whose holder may be written with initials, or be one of joint
 * holders) must name the applicant. For a company, every identity document must name one of the listed
 * directors or UBOs, and the proof of address must be the company's. Names are compared with
 * {@link comparePersonNames} and {@link compareCompanyNames}: tolerated differences are PASS with the
 * difference in the evidence.
 */
export function checkNameMatches(input: DocumentCheckInput): CheckResult {
  const { kycCase, documents, settings } = input;
  const findings = startFindings();
  const individual = individualApplicantOf(kycCase);
  const business = businessApplicantOf(kycCase);

  for (const document of findReadableDocuments(documents, identityDocumentTypes)) {
    findings.documentIds.push(document.documentId);
    const found = trustedValue(document, 'fullName', settings);
    if (!found) {
      nameGap(findings, input, document, 'name');
      continue;
    }
    const surname = trustedValue(document, 'surname', settings);
    if (individual) {
      const comparison = comparePersonNames(individual.fullName, found, { surname });
      record(findings, document, found, `the applicant "${individual.fullName}"`, comparison);
    } else if (business) {
      const comparisons = business.representatives.map((person) =>
        comparePersonNames(person.fullName, found, { surname }),
      );
      const best = bestOf(comparisons);
      const index = best ? comparisons.indexOf(best) : -1;
      const person = business.representatives[index];
      if (best?.matches && person) {
        record(findings, document, found, `${person.role.toLowerCase()} "${person.fullName}"`, best);
      } else {
        findings.evidence[document.documentId] = `DIFFERENT: "${found}"`;
        findings.failures.push(
          `the name on ${describeDocument(document)}, "${found}", matches no listed director or UBO`,
        );
      }
    }
  }

  for (const document of findReadableDocuments(documents, ['PROOF_OF_ADDRESS'])) {
    findings.documentIds.push(document.documentId);
    const found = trustedValue(document, 'fullName', settings);
    if (!found) {
      nameGap(findings, input, document, 'account holder name');
      continue;
    }
    if (individual) {
      const holders = found.split(JOINT_HOLDERS).filter(Boolean);
      const comparison = bestOf(
        holders.map((holder) => comparePersonNames(individual.fullName, holder, { allowInitials: true })),
      );
      if (comparison) record(findings, document, found, `the applicant "${individual.fullName}"`, comparison);
    } else if (business) {
      record(
        findings,
        document,
        found,
        `the company "${business.legalName}"`,
        compareCompanyNames(business.legalName, found),
      );
    }
  }

  const identityRequest = requestDocument(kycCase, 'PASSPORT', explainAbsence(documents, identityDocumentTypes));
  const hasIdentity = findReadableDocuments(documents, identityDocumentTypes).length > 0;
  if (individual && !hasIdentity) {
    // The proof of address alone cannot confirm who the applicant is.
    findings.gaps.push({ reason: 'no readable identity document of the applicant', request: identityRequest });
  }
  return concludeCheck('NAME_MATCHES', findings, {
    outcome: 'NOT_APPLICABLE',
    reason: 'No identity document of a representative and no proof of address name was read',
  });
}

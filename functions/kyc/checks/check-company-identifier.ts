import type { CheckResult, KycCheckId } from '../models/case-assessment';
import type { DocumentType } from '../models/document';
import { concludeCheck, startFindings } from './check-findings';
import {
  businessApplicantOf,
  describeDocument,
  explainAbsence,
  findReadableDocuments,
  requestDocument,
  trustedValue,
  type BusinessApplicant,
  type DocumentCheckInput,
} from './check-input';
import { compareCompanyNames } from './compare-names';
import { compareIdentifiers } from './compare-identifiers';

/** Which number a company identifier check compares, and where it must be found. */
export interface CompanyIdentifierSpec {
  checkId: KycCheckId;
  field: 'registrationNumber' | 'taxId';
  /** How reasons name the number. */
  label: string;
  /** The document that must show it. */
  primaryType: DocumentType;
  expected: (applicant: BusinessApplicant) => string;
}

const COMPANY_DOCUMENTS: readonly DocumentType[] = ['COMPANY_REGISTRATION', 'BUSINESS_LICENSE', 'TAX_REGISTRATION'];

/**
 * Compares a company number of the applicant with every company document that shows it, and the company
 * name on those documents with the applicant's legal name. The primary document must show the number;
 * if it is missing, unreadable or the number could not be read, the check is INCOMPLETE. NOT_APPLICABLE to
 * individuals.
 */
export function checkCompanyIdentifier(input: DocumentCheckInput, spec: CompanyIdentifierSpec): CheckResult {
  const { kycCase, documents, settings } = input;
  const business = businessApplicantOf(kycCase);
  const findings = startFindings();
  if (!business) {
    return concludeCheck(spec.checkId, findings, {
      outcome: 'NOT_APPLICABLE',
      reason: `An individual has no company ${spec.label}`,
    });
  }
  const expected = spec.expected(business);
  findings.evidence.expected = expected;
  const readable = findReadableDocuments(documents, COMPANY_DOCUMENTS);
  for (const document of readable) {
    const name = describeDocument(document);
    const found = trustedValue(document, spec.field, settings);
    if (!found) {
      if (document.type === spec.primaryType) {
        findings.documentIds.push(document.documentId);
        findings.evidence[document.documentId] = `no ${spec.label} read`;
        findings.gaps.push({
          reason: `no ${spec.label} could be read on ${name}`,
          request: requestDocument(kycCase, document.type, `unreadable: no ${spec.label} could be read`),
        });
      }
      continue;
    }
    findings.documentIds.push(document.documentId);
    const comparison = compareIdentifiers(expected, found, business.countryOfIncorporation);
    const note = comparison.note ? ` (${comparison.note})` : '';
    findings.evidence[document.documentId] = `${found}${note}`;
    if (comparison.matches) findings.passes.push(`${name} shows the ${spec.label} ${found}${note}`);
    else findings.failures.push(`${name} shows the ${spec.label} ${found}, not ${expected}`);

    const companyName = trustedValue(document, 'companyName', settings);
    if (!companyName) continue;
    const names = compareCompanyNames(business.legalName, companyName);
    const nameNotes = names.notes.length ? ` (${names.notes.join('; ')})` : '';
    findings.evidence[`${document.documentId}.companyName`] = `${names.verdict}: "${companyName}"${nameNotes}`;
    if (!names.matches) {
      findings.failures.push(`${name} is issued to "${companyName}", not "${business.legalName}"${nameNotes}`);
    }
  }

  if (!readable.some((document) => document.type === spec.primaryType)) {
    const reason = explainAbsence(documents, [spec.primaryType]);
    findings.gaps.push({
      reason: `${spec.primaryType} is ${reason}`,
      request: requestDocument(kycCase, spec.primaryType, reason),
    });
  }
  return concludeCheck(spec.checkId, findings, {
    outcome: 'NOT_APPLICABLE',
    reason: `No company document shows a ${spec.label}`,
  });
}

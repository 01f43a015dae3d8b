import type { CheckResult } from '../models/case-assessment';
import { startFindings, concludeCheck } from './check-findings';
import { explainAbsence, findReadableDocuments, findUploadedDocuments, type DocumentCheckInput } from './check-input';

/**
 * REQUIRED_DOCUMENTS_PRESENT: every requirement of the case (which follows its party type and tier) has an
 * uploaded document of an accepted type that extraction could read. Otherwise INCOMPLETE, asking for each
 * requirement with the reason `missing` or `unreadable: <why>`.
 */
export function checkRequiredDocuments(input: DocumentCheckInput): CheckResult {
  const { kycCase, documents } = input;
  const findings = startFindings();
  for (const requirement of kycCase.requiredDocuments) {
    const { acceptedTypes } = requirement;
    findings.documentIds.push(...findUploadedDocuments(documents, acceptedTypes).map((d) => d.documentId));
    const readable = findReadableDocuments(documents, acceptedTypes);
    if (readable.length) {
      findings.evidence[requirement.requirement] = readable.map((d) => d.documentId).join(', ');
      findings.passes.push(requirement.requirement);
      continue;
    }
    const reason = explainAbsence(documents, acceptedTypes);
    findings.evidence[requirement.requirement] = reason;
    findings.gaps.push({
      reason: `${requirement.requirement} is ${reason}`,
      request: { requirement: requirement.requirement, acceptedTypes: [...acceptedTypes], reason },
    });
  }
  const result = concludeCheck('REQUIRED_DOCUMENTS_PRESENT', findings, {
    outcome: 'NOT_APPLICABLE',
    reason: 'The case requires no documents',
  });
  if (result.outcome === 'PASS') {
    const count = kycCase.requiredDocuments.length;
    result.reason = `All ${count} required documents are uploaded and readable: ${findings.passes.join(', ')}`;
  }
  if (result.outcome === 'INCOMPLETE') {
    const count = kycCase.requiredDocuments.length;
    result.reason = `${findings.gaps.length} of ${count} required documents are missing or unreadable: ${result.reason}`;
  }
  return result;
}

import type { CheckResult, KycCheckId } from '../models/case-assessment';
import type { DocumentType } from '../models/document';
import { assessDateAge, toCalendarDay } from './calendar';
import { concludeCheck, startFindings, type NothingChecked } from './check-findings';
import {
  describeDocument,
  explainAbsence,
  findReadableDocuments,
  requestDocument,
  trustedValue,
  type DocumentCheckInput,
} from './check-input';

/** A document that must be recent: which type, how old it may be, and how reasons speak of its date. */
export interface DatedDocumentSpec {
  checkId: KycCheckId;
  type: DocumentType;
  maxAgeMonths: number;
  /** "statement date", "period end". */
  dateLabel: string;
  /** When no such document is there: INCOMPLETE if the case needs one, else NOT_APPLICABLE. */
  required: boolean;
}

/**
 * Whether at least one readable document of the type is dated between `maxAgeMonths` calendar months ago
 * and today, both inclusive. An applicant who uploads a newer document next to an old one passes. If none
 * is recent, one whose date could not be read makes the check INCOMPLETE (it may be the recent one);
 * otherwise it FAILs naming each date.
 */
export function checkDatedDocument(input: DocumentCheckInput, spec: DatedDocumentSpec): CheckResult {
  const { kycCase, documents, settings } = input;
  const today = toCalendarDay(input.now);
  const findings = startFindings();
  const problems: string[] = [];
  for (const document of findReadableDocuments(documents, [spec.type])) {
    const name = describeDocument(document);
    findings.documentIds.push(document.documentId);
    const date = trustedValue(document, 'statementDate', settings);
    if (!date) {
      findings.evidence[document.documentId] = `no ${spec.dateLabel} read`;
      findings.gaps.push({
        reason: `no ${spec.dateLabel} could be read on ${name}`,
        request: requestDocument(kycCase, document.type, `unreadable: no ${spec.dateLabel} could be read`),
      });
      continue;
    }
    const age = assessDateAge(date, today, spec.maxAgeMonths);
    findings.evidence[document.documentId] = date;
    findings.evidence.oldestAccepted = age.oldestAccepted;
    if (age.status === 'RECENT') findings.passes.push(`${name} is dated ${date}, within ${spec.maxAgeMonths} months`);
    else if (age.status === 'FUTURE') problems.push(`${name} is dated ${date}, after today (${today})`);
    else {
      problems.push(
        `${name} is dated ${date}, more than ${spec.maxAgeMonths} months before today (${today}); the oldest accepted is ${age.oldestAccepted}`,
      );
    }
  }
  // One recent document is enough; older ones beside it do not count against the case.
  if (findings.passes.length) findings.gaps = [];
  else if (!findings.gaps.length) findings.failures.push(...problems);

  const nothing: NothingChecked = spec.required
    ? {
        outcome: 'INCOMPLETE',
        reason: `${spec.type} is ${explainAbsence(documents, [spec.type])}`,
        request: requestDocument(kycCase, spec.type, explainAbsence(documents, [spec.type])),
      }
    : { outcome: 'NOT_APPLICABLE', reason: `The case needs no ${spec.type}` };
  return concludeCheck(spec.checkId, findings, nothing);
}

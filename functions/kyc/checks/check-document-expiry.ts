import { identityDocumentTypes } from '../extraction/document-queries';
import type { CheckResult } from '../models/case-assessment';
import { daysBetween, toCalendarDay } from './calendar';
import { concludeCheck, startFindings } from './check-findings';
import {
  describeDocument,
  findReadableDocuments,
  individualApplicantOf,
  missingApplicantIdentity,
  requestDocument,
  trustedValue,
  type DocumentCheckInput,
  type ReadableDocument,
} from './check-input';
import { comparePersonNames } from './compare-names';

interface Validity {
  document: ReadableDocument;
  expiryDate: string;
  daysLeft: number;
  problem?: string;
}

function assessValidity(document: ReadableDocument, expiryDate: string, today: string, minimumDays: number): Validity {
  const daysLeft = daysBetween(today, expiryDate);
  const name = describeDocument(document);
  if (daysLeft < 0) return { document, expiryDate, daysLeft, problem: `${name} expired on ${expiryDate}` };
  if (daysLeft < minimumDays) {
    const when = daysLeft === 0 ? 'today' : `in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`;
    return {
      document,
      expiryDate,
      daysLeft,
      problem: `${name} expires ${when} (${expiryDate}), fewer than the ${minimumDays} days required`,
    };
  }
  return { document, expiryDate, daysLeft };
}

/**
 * Whether `older` is replaced by `newer`: a valid document of the same type for the same person (same date
 * of birth, same name). An applicant asked for a new passport uploads it beside the expired one, which must
 * then no longer fail the case.
 */
function supersedes(newer: Validity, older: Validity, input: DocumentCheckInput): boolean {
  if (newer.problem || newer.document.type !== older.document.type) return false;
  const birth = (v: Validity) => trustedValue(v.document, 'dateOfBirth', input.settings);
  const name = (v: Validity) => trustedValue(v.document, 'fullName', input.settings);
  const [newerName, olderName] = [name(newer), name(older)];
  return (
    birth(newer) !== undefined &&
    birth(newer) === birth(older) &&
    newerName !== undefined &&
    olderName !== undefined &&
    comparePersonNames(olderName, newerName).matches
  );
}

/**
 * DOCUMENT_NOT_EXPIRED: every identity document, and a business licence that shows an expiry date, is
 * valid for at least `minimumRemainingValidityDays` from today (the expiry day itself still valid). A
 * document replaced by a valid one of the same type for the same person is noted, not failed. An
 * individual without a readable identity document is INCOMPLETE; a company without any dated document is
 * NOT_APPLICABLE.
 */
export function checkDocumentExpiry(input: DocumentCheckInput): CheckResult {
  const { kycCase, documents, settings } = input;
  const today = toCalendarDay(input.now);
  const minimumDays = settings.minimumRemainingValidityDays;
  const findings = startFindings();
  const validities: Validity[] = [];

  for (const document of findReadableDocuments(documents, identityDocumentTypes)) {
    findings.documentIds.push(document.documentId);
    const expiryDate = trustedValue(document, 'expiryDate', settings);
    if (!expiryDate) {
      findings.evidence[document.documentId] = 'no expiry date read';
      findings.gaps.push({
        reason: `no expiry date could be read on ${describeDocument(document)}`,
        request: requestDocument(kycCase, document.type, 'unreadable: no expiry date could be read'),
      });
      continue;
    }
    validities.push(assessValidity(document, expiryDate, today, minimumDays));
  }
  for (const document of findReadableDocuments(documents, ['BUSINESS_LICENSE'])) {
    const expiryDate = trustedValue(document, 'expiryDate', settings);
    if (!expiryDate) continue;
    findings.documentIds.push(document.documentId);
    validities.push(assessValidity(document, expiryDate, today, minimumDays));
  }

  for (const validity of validities) {
    const id = validity.document.documentId;
    findings.evidence[id] = `expires ${validity.expiryDate} (${validity.daysLeft} days)`;
    if (!validity.problem) {
      findings.passes.push(`${describeDocument(validity.document)} is valid until ${validity.expiryDate}`);
      continue;
    }
    const replacement = validities.find((other) => other !== validity && supersedes(other, validity, input));
    if (replacement) {
      findings.evidence[id] += `, replaced by ${replacement.document.documentId}`;
      continue;
    }
    findings.failures.push(validity.problem);
  }
  findings.evidence.today = today;
  findings.evidence.minimumRemainingValidityDays = minimumDays;

  const individual = individualApplicantOf(kycCase);
  return concludeCheck(
    'DOCUMENT_NOT_EXPIRED',
    findings,
    individual
      ? missingApplicantIdentity(kycCase, documents)
      : { outcome: 'NOT_APPLICABLE', reason: 'No identity document or business licence with an expiry date was read' },
  );
}

/**
 * Until when the applicant's identity is documented: the earliest expiry among the readable identity
 * documents still valid today (an expired one replaced by a valid one does not count). A periodic review falls
 * due by then at the latest (DESIGN, "Periodic review"). Undefined when no such expiry was read.
 */
export function findIdentityValidUntil(input: DocumentCheckInput): string | undefined {
  const today = toCalendarDay(input.now);
  const expiries = findReadableDocuments(input.documents, identityDocumentTypes)
    .map((document) => trustedValue(document, 'expiryDate', input.settings))
    .filter((expiry): expiry is string => expiry !== undefined && expiry >= today)
    .sort();
  return expiries[0];
}

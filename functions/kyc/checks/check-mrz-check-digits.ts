import type { FieldName } from 'mrz';
import { identityDocumentTypes } from '../extraction/document-queries';
import { readMrz } from '../extraction/read-mrz';
import type { CheckResult } from '../models/case-assessment';
import { concludeCheck, startFindings } from './check-findings';
import { describeDocument, findReadableDocuments, requestDocument, type DocumentCheckInput } from './check-input';

/** What each check digit of ICAO 9303 protects, as reasons name it. */
const CHECK_DIGITS: Readonly<Partial<Record<FieldName, string>>> = {
  documentNumberCheckDigit: 'document number',
  birthDateCheckDigit: 'date of birth',
  expirationDateCheckDigit: 'expiry date',
  personalNumberCheckDigit: 'personal number',
  compositeCheckDigit: 'composite (whole zone)',
};

// The `mrz` package says "invalid check digit: 7. Must be 6".
function describeError(error: string | undefined): string {
  const match = /check digit: (\S+)\. Must be (\S+)/.exec(error ?? '');
  return match ? `${match[1]}, expected ${match[2]}` : (error ?? 'invalid');
}

/**
 * MRZ_CHECK_DIGITS: the check digits of the machine-readable zone (TD1, TD2 and TD3, and the other
 * formats the `mrz` package reads) of every identity document that has one. A wrong digit is a FAIL naming
 * the field it protects. Other complaints of the parser, such as a state code it does not know (the ICAO
 * specimen's `UTO`), are not check-digit failures. An MRZ that was read with too little confidence or fits
 * no format is INCOMPLETE; NOT_APPLICABLE when no document has an MRZ (a driving licence).
 */
export function checkMrzCheckDigits(input: DocumentCheckInput): CheckResult {
  const { kycCase, documents, settings } = input;
  const findings = startFindings();
  for (const document of findReadableDocuments(documents, identityDocumentTypes)) {
    const field = document.extraction.fields.mrz;
    if (!field) continue;
    const name = describeDocument(document);
    findings.documentIds.push(document.documentId);
    const reading = field.confidence >= settings.minimumFieldConfidence ? readMrz(field.value) : undefined;
    if (!reading) {
      const why =
        field.confidence < settings.minimumFieldConfidence
          ? `its machine-readable zone was read with confidence ${field.confidence}, below the minimum of ${settings.minimumFieldConfidence}`
          : 'its machine-readable zone fits no ICAO format';
      findings.evidence[document.documentId] = why;
      findings.gaps.push({
        reason: `${name}: ${why}`,
        request: requestDocument(kycCase, document.type, `unreadable: ${why}`),
      });
      continue;
    }
    findings.evidence[`${document.documentId}.format`] = reading.format;
    const wrong = reading.result.details.filter(
      (detail) => detail.field !== null && CHECK_DIGITS[detail.field] !== undefined && !detail.valid,
    );
    for (const detail of wrong) {
      const label = CHECK_DIGITS[detail.field as FieldName];
      findings.evidence[`${document.documentId}.${detail.field}`] = describeError(detail.error);
      findings.failures.push(
        `the ${label} check digit in the MRZ of ${name} is wrong (${describeError(detail.error)})`,
      );
    }
    if (!wrong.length) findings.passes.push(`the ${reading.format} MRZ check digits of ${name} are correct`);
  }
  return concludeCheck('MRZ_CHECK_DIGITS', findings, {
    outcome: 'NOT_APPLICABLE',
    reason: 'No identity document with a machine-readable zone was read',
  });
}
